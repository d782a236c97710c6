package dev.tdr.core.unload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tdr.core.ManifestException;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * An UNLOAD manifest: the part URLs with their byte lengths and (VERBOSE) row counts.
 *
 * @param uri where the manifest was read from
 * @param entries the parts, in manifest order
 * @param verbose true if every entry has a {@code record_count}
 */
public record Manifest(String uri, List<Entry> entries, boolean verbose) implements Serializable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One part.
   *
   * @param url {@code s3://bucket/key}
   * @param contentLength its size in bytes
   * @param recordCount its lines (data rows, plus a header line if any), or -1 if not listed
   */
  public record Entry(String url, long contentLength, long recordCount) implements Serializable {}

  public Manifest {
    entries = List.copyOf(entries);
  }

  /** The manifest of an UNLOAD that wrote nothing. */
  public static Manifest empty(String uri) {
    return new Manifest(uri, List.of(), true);
  }

  /** Total bytes of all parts. */
  public long totalBytes() {
    return entries.stream().mapToLong(Entry::contentLength).sum();
  }

  /** Total records, or -1 if any entry lacks a count. */
  public long totalRecords() {
    long sum = 0;
    for (Entry e : entries) {
      if (e.recordCount() < 0) {
        return -1;
      }
      sum += e.recordCount();
    }
    return sum;
  }

  /** Parses manifest JSON; any deviation from Redshift's shape is a {@link ManifestException}. */
  public static Manifest parse(String uri, byte[] json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new ManifestException("manifest " + uri + " is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
    }
    JsonNode list = root == null ? null : root.get("entries");
    if (list == null || !list.isArray()) {
      throw new ManifestException("manifest " + uri + " has no \"entries\" array");
    }
    List<Entry> entries = new ArrayList<>();
    boolean verbose = true;
    for (int i = 0; i < list.size(); i++) {
      JsonNode e = list.get(i);
      JsonNode url = e.get("url");
      JsonNode length = e.at("/meta/content_length");
      if (url == null || !url.isTextual() || !url.asText().startsWith("s3://")) {
        throw new ManifestException("manifest " + uri + ": entry " + i + " has no s3:// url");
      }
      if (!length.canConvertToLong() || length.asLong() < 0) {
        throw new ManifestException("manifest " + uri + ": entry " + i + " (" + url.asText()
            + ") has no meta.content_length");
      }
      JsonNode count = e.at("/meta/record_count");
      long records = -1;
      if (count.canConvertToLong() && count.asLong() >= 0) {
        records = count.asLong();
      } else {
        verbose = false;
      }
      entries.add(new Entry(url.asText(), length.asLong(), records));
    }
    return new Manifest(uri, entries, verbose);
  }
}
