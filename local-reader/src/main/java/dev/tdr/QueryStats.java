package dev.tdr;

import java.time.Duration;

/**
 * What a query cost.
 *
 * @param route where the result was (or is to be) read
 * @param parts part files written by UNLOAD
 * @param bytes their total size
 * @param rows rows in the result
 * @param unload time of the UNLOAD (including schema lookup), zero for JDBC
 * @param read time to read the parts into the DataFrame, including the local sort (or to fetch
 *     over JDBC); zero until read
 */
public record QueryStats(Route route, int parts, long bytes, long rows, Duration unload, Duration read) {

  /** {@code unload + read}. */
  public Duration total() {
    return unload.plus(read);
  }

  @Override
  public String toString() {
    return String.format("route=%s parts=%d bytes=%d rows=%d unload=%.3fs read=%.3fs total=%.3fs",
        route.name().toLowerCase(), parts, bytes, rows, unload.toNanos() / 1e9, read.toNanos() / 1e9,
        total().toNanos() / 1e9);
  }
}
