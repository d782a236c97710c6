package dev.tdr.testkit;

import dev.tdr.testkit.s3.S3Faults;
import dev.tdr.testkit.s3.S3Server;
import dev.tdr.testkit.unload.UnloadFaults;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Fault injection for reliability tests. Armed faults are consumed by the requests or UNLOADs
 * they hit; {@link #clear()} disarms everything (the JUnit extension does so after each test).
 *
 * <pre>{@code
 * emu.faults().failS3(S3Operation.GET, "_part_00", 1, 503);   // next GET of a first part fails
 * emu.faults().failNextUnload("XX000", "disk full");           // next UNLOAD fails
 * emu.faults().damageNextUnload(PartDamage.truncate(0, 10));   // next UNLOAD's first part cut
 * emu.faults().cutS3Body("_part_00", 48 << 10, 1);             // a GET breaks off 48 KB into its body
 * }</pre>
 */
public final class Faults {
  private static final Pattern SQLSTATE = Pattern.compile("[0-9A-Z]{5}");

  private final S3Server s3;
  private final UnloadFaults unload;

  Faults(S3Server s3, UnloadFaults unload) {
    this.s3 = s3;
    this.unload = unload;
  }

  /**
   * The next {@code times} S3 requests of {@code op} whose key matches {@code keyRegex} (found
   * anywhere in the key) fail with HTTP {@code status}.
   */
  public Faults failS3(S3Operation op, String keyRegex, int times, int status) {
    if (status < 300 || status > 599) {
      throw new IllegalArgumentException("status must be an HTTP error status (300..599): " + status);
    }
    s3.faults().add(Objects.requireNonNull(op), keyRegex, times, new S3Faults.Action(status, null));
    return this;
  }

  /** The next {@code times} matching S3 requests wait {@code stall} before being served. */
  public Faults stallS3(S3Operation op, String keyRegex, int times, Duration stall) {
    s3.faults().add(Objects.requireNonNull(op), keyRegex, times, new S3Faults.Action(0, stall));
    return this;
  }

  /**
   * The next {@code times} GETs of keys matching {@code keyRegex} send {@code afterBytes} bytes of
   * their body, then the connection drops: the client sees a truncated body, in the middle of the
   * stream (a GET with a Range counts from the range's first byte). The S3 server holds the first
   * 32 KB of a response before it sends the headers, so a cut before that is an HTTP 500 instead;
   * for a reset a few bytes into a body, use a {@link FaultProxy}.
   */
  public Faults cutS3Body(String keyRegex, long afterBytes, int times) {
    if (afterBytes < 0) {
      throw new IllegalArgumentException("afterBytes must be >= 0: " + afterBytes);
    }
    s3.faults().add(S3Operation.GET, keyRegex, times,
        new S3Faults.Action(0, null, S3Faults.BodyFault.CUT, afterBytes));
    return this;
  }

  /**
   * The next {@code times} GETs of keys matching {@code keyRegex} send {@code afterBytes} bytes of
   * their body, then nothing for {@code stall}, then the rest: a read timeout for a client whose
   * socket timeout is shorter.
   */
  public Faults stallS3Body(String keyRegex, long afterBytes, Duration stall, int times) {
    if (afterBytes < 0 || stall.isNegative()) {
      throw new IllegalArgumentException("afterBytes and stall must not be negative: " + afterBytes + ", " + stall);
    }
    s3.faults().add(S3Operation.GET, keyRegex, times,
        new S3Faults.Action(0, stall, S3Faults.BodyFault.STALL, afterBytes));
    return this;
  }

  /**
   * The next S3 request of {@code op} on a key matching {@code keyRegex} is held, unanswered,
   * until the returned hold is released (or {@link #clear()}, or 10 minutes): for tests that
   * need a reader stuck in a known place, for instance to kill the process that sent it.
   *
   * <pre>{@code
   * S3Faults.Hold hold = emu.faults().holdS3(S3Operation.GET, "/0001_part_00$");
   * ... start the read ...
   * assertThat(hold.awaitHeld(Duration.ofMinutes(1))).isTrue();
   * ... kill the reader ...
   * hold.release();
   * }</pre>
   */
  public S3Faults.Hold holdS3(S3Operation op, String keyRegex) {
    return s3.faults().hold(Objects.requireNonNull(op), keyRegex);
  }

  /**
   * How many S3 requests of {@code op} on keys matching {@code keyRegex} reached the store since
   * the emulator started (each key of a multi-object delete counts; the most recent 100,000
   * requests are remembered).
   */
  public long s3Requests(S3Operation op, String keyRegex) {
    java.util.regex.Pattern p = java.util.regex.Pattern.compile(keyRegex);
    return s3.faults().seen().stream()
        .filter(r -> (op == S3Operation.ANY || r.op() == op) && p.matcher(r.key()).find()).count();
  }

  /** The next UNLOAD fails with this SQLSTATE and message (raised by the backend, like Redshift). */
  public Faults failNextUnload(String sqlState, String message) {
    if (!SQLSTATE.matcher(sqlState).matches()) {
      throw new IllegalArgumentException("sqlState must be 5 characters [0-9A-Z]: " + sqlState);
    }
    unload.addFailure(new UnloadFaults.Failure(sqlState, Objects.requireNonNull(message)));
    return this;
  }

  /**
   * The next UNLOAD first waits {@code delay} on the backend ({@code pg_sleep}), so a query
   * timeout or cancel stops it there.
   */
  public Faults delayNextUnload(Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative: " + delay);
    }
    unload.addDelay(delay);
    return this;
  }

  /**
   * The next UNLOAD is held after PostgreSQL parsed its query and before it runs it, while the
   * backend waits for its next message, until {@link UnloadFaults.Pause#release()} (or
   * {@link #clear()}): a cancel sent then must still stop it.
   */
  public UnloadFaults.Pause pauseNextUnload() {
    UnloadFaults.Pause pause = new UnloadFaults.Pause();
    unload.addPause(pause);
    return pause;
  }

  /** One part of the next UNLOAD that writes parts is damaged; its manifest stays truthful. */
  public Faults damageNextUnload(PartDamage damage) {
    unload.addDamage(Objects.requireNonNull(damage));
    return this;
  }

  /** Cuts the stored object {@code s3Uri} down to {@code keepBytes}. */
  public void truncateObject(String s3Uri, long keepBytes) {
    byte[] data = read(s3Uri);
    write(s3Uri, Arrays.copyOf(data, (int) Math.min(keepBytes, data.length)));
  }

  /** Overwrites bytes of the stored object {@code s3Uri} at {@code offset}. */
  public void corruptObject(String s3Uri, long offset, byte[] replacement) {
    byte[] data = read(s3Uri);
    int end = (int) Math.max(data.length, offset + replacement.length);
    byte[] out = Arrays.copyOf(data, end);
    System.arraycopy(replacement, 0, out, (int) offset, replacement.length);
    write(s3Uri, out);
  }

  /** How many more S3 requests the armed S3 faults will hit (0 once every one has struck). */
  public int armedS3() {
    return s3.faults().armed();
  }

  /** Disarms every fault. */
  public void clear() {
    s3.faults().clear();
    unload.clear();
  }

  private static String[] split(String s3Uri) {
    if (!s3Uri.startsWith("s3://")) {
      throw new IllegalArgumentException("not an s3:// URI: " + s3Uri);
    }
    String rest = s3Uri.substring(5);
    int slash = rest.indexOf('/');
    if (slash <= 0) {
      throw new IllegalArgumentException("no key in " + s3Uri);
    }
    return new String[] {rest.substring(0, slash), rest.substring(slash + 1)};
  }

  private byte[] read(String s3Uri) {
    String[] bk = split(s3Uri);
    try (InputStream in = s3.rawStore().getBlob(
        GetObjectRequest.builder().bucket(bk[0]).key(bk[1]).build())) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void write(String s3Uri, byte[] data) {
    String[] bk = split(s3Uri);
    s3.rawStore().putBlob(PutObjectRequest.builder().bucket(bk[0]).key(bk[1])
        .contentLength((long) data.length).build(), new ByteArrayInputStream(data));
  }
}
