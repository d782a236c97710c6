package dev.tdr.core.unload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tdr.core.s3.PartStore;
import dev.tdr.core.s3.S3Uri;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * TDR's run prefixes under the temp dir, and the marker object kept beside each one.
 *
 * <p>Every query unloads into its own prefix {@code <tempdir>/<yyyyMMdd-HHmmss>-<8 hex>/}. Before
 * the UNLOAD, a marker {@code <tempdir>/<same name>.tdr-run} is written beside it (not inside it:
 * UNLOAD refuses a destination that is not empty) saying when, by which host and process, and
 * whether the files are kept on purpose. Deleting a run deletes its files, then its marker. A
 * process killed with SIGKILL leaves both behind; {@link #list} finds them by name and marker,
 * and {@code tdr cleanup} deletes them. Nothing without a marker is ever touched.
 */
public final class Runs {
  /** The marker's name suffix. */
  public static final String MARKER_SUFFIX = ".tdr-run";
  private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
  private static final Pattern RUN_NAME = Pattern.compile("\\d{8}-\\d{6}-[0-9a-f]{8}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private Runs() {}

  /** A new, unique run prefix under {@code tempDir} ({@code s3://bucket/dir/}). */
  public static S3Uri newRun(String tempDir) {
    return S3Uri.parse(tempDir + LocalDateTime.now(ZoneOffset.UTC).format(RUN_TIME) + "-"
        + UUID.randomUUID().toString().substring(0, 8) + "/");
  }

  /** The marker beside run {@code prefix}. */
  public static S3Uri marker(S3Uri prefix) {
    String key = prefix.key();
    return new S3Uri(prefix.bucket(), key.substring(0, key.length() - 1) + MARKER_SUFFIX);
  }

  /** Writes the marker of run {@code prefix}: now, this host and process, and whether its files are kept. */
  public static void mark(PartStore store, S3Uri prefix, boolean keep) {
    ObjectNode m = JSON.createObjectNode();
    m.put("tdr_run", name(prefix));
    m.put("created", Instant.now().toString());
    m.put("host", host());
    m.put("pid", ProcessHandle.current().pid());
    m.put("keep", keep);
    store.put(marker(prefix), m.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Deletes run {@code prefix}'s files, then its marker; returns how many files. */
  public static int delete(PartStore store, S3Uri prefix) {
    int n = store.deletePrefix(prefix);
    store.delete(marker(prefix));
    return n;
  }

  /** The run's name: the last segment of its prefix. */
  public static String name(S3Uri prefix) {
    String key = prefix.key().endsWith("/") ? prefix.key().substring(0, prefix.key().length() - 1) : prefix.key();
    return key.substring(key.lastIndexOf('/') + 1);
  }

  /**
   * A run found under the temp dir.
   *
   * @param prefix the run's prefix
   * @param created when its marker was written (null if it has none)
   * @param keep whether its files were kept on purpose ({@code --keep-files})
   * @param marked whether it has a marker (only marked runs are TDR's to delete)
   * @param hasFiles whether anything is under the prefix
   * @param host the host and process that made it, as the marker says
   */
  public record Run(S3Uri prefix, Instant created, boolean keep, boolean marked, boolean hasFiles, String host) {
    public Duration age(Instant now) {
      return created == null ? Duration.ZERO : Duration.between(created, now);
    }
  }

  /** Every run under {@code tempDir}: prefixes with TDR's name pattern, and markers (with or without files). */
  public static List<Run> list(PartStore store, String tempDir) {
    S3Uri dir = S3Uri.parse(tempDir);
    PartStore.Level level = store.level(dir);
    Map<String, S3Object> markers = new HashMap<>();
    for (S3Object o : level.objects()) {
      String name = o.key().substring(dir.key().length());
      if (name.endsWith(MARKER_SUFFIX) && RUN_NAME.matcher(name.substring(0, name.length() - MARKER_SUFFIX.length())).matches()) {
        markers.put(name.substring(0, name.length() - MARKER_SUFFIX.length()), o);
      }
    }
    List<Run> runs = new ArrayList<>();
    for (String folder : level.folders()) {
      String name = folder.substring(dir.key().length(), folder.length() - 1);
      if (RUN_NAME.matcher(name).matches()) {
        runs.add(run(store, new S3Uri(dir.bucket(), folder), markers.remove(name), true));
      }
    }
    for (Map.Entry<String, S3Object> e : markers.entrySet()) {
      runs.add(run(store, new S3Uri(dir.bucket(), dir.key() + e.getKey() + "/"), e.getValue(), false));
    }
    runs.sort(java.util.Comparator.comparing(r -> r.prefix().key()));
    return runs;
  }

  private static Run run(PartStore store, S3Uri prefix, S3Object marker, boolean hasFiles) {
    if (marker == null) {
      return new Run(prefix, null, false, false, hasFiles, null);
    }
    Instant created = marker.lastModified();
    boolean keep = false;
    String host = null;
    byte[] body = store.readIfExists(marker(prefix)).orElse(null);
    if (body != null) {
      try {
        JsonNode m = JSON.readTree(body);
        keep = m.path("keep").asBoolean(false);
        host = m.path("host").asText("?") + " pid " + m.path("pid").asText("?");
        if (m.hasNonNull("created")) {
          created = Instant.parse(m.get("created").asText());
        }
      } catch (java.io.IOException | java.time.format.DateTimeParseException e) {
        // a marker we cannot read is still a marker: its object's time says when
      }
    }
    return new Run(prefix, created, keep, true, hasFiles, host);
  }

  /** This host's name, without a DNS lookup (which can stall for seconds on a badly set up machine). */
  private static String host() {
    String h = System.getenv("HOSTNAME");
    if (h == null || h.isBlank()) {
      h = System.getenv("COMPUTERNAME");
    }
    if (h == null || h.isBlank()) {
      try {
        h = java.nio.file.Files.readString(java.nio.file.Path.of("/etc/hostname")).strip();
      } catch (java.io.IOException | RuntimeException e) {
        h = "unknown";
      }
    }
    return h.isBlank() ? "unknown" : h;
  }
}
