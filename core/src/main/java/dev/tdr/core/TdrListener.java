package dev.tdr.core;

import java.time.Duration;

/**
 * Progress of a query, for progress bars and logs. Methods may be called from reader threads;
 * implementations must be thread-safe and quick. All methods do nothing by default.
 */
public interface TdrListener {
  /** No-op listener. */
  TdrListener NONE = new TdrListener() {};

  /** The UNLOAD was sent; it writes under {@code prefix}. */
  default void unloadStarted(String prefix) {}

  /** The UNLOAD finished: {@code rows} rows in {@code parts} parts, {@code bytes} bytes. */
  default void unloadFinished(long rows, int parts, long bytes, Duration elapsed) {}

  /** Reading of {@code parts} parts ({@code bytes} bytes) begins. */
  default void readStarted(int parts, long bytes) {}

  /** One more part has been read. */
  default void partRead(int partsDone, int partsTotal, long bytesDone, long bytesTotal) {}

  /** Over plain JDBC: {@code rows} rows fetched so far (every few thousand rows), {@code elapsed} since the query started. */
  default void rowsFetched(long rows, Duration elapsed) {}

  /** Reading finished. */
  default void readFinished(long rows, Duration elapsed) {}
}
