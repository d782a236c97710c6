package dev.tdr.local;

import dev.tdr.core.Column;
import dev.tdr.core.ResultTooLargeException;
import dev.tdr.core.Schema;
import dev.tdr.core.TdrConfig;

/**
 * A quick estimate of the heap a result needs, checked before reading so a result that cannot
 * fit fails at once with advice instead of an {@link OutOfMemoryError} halfway through.
 */
final class MemoryEstimate {
  private MemoryEstimate() {}

  /**
   * Bytes of heap for {@code rows} rows whose CSV takes {@code csvBytes}, as {@link
   * dev.tdr.core.read.Columns} holds them (and, when {@code sorted}, the sorted copies).
   */
  static long bytes(Schema schema, long rows, long csvBytes, boolean sorted) {
    long perRow = 0;
    int objectColumns = 0;
    for (Column c : schema.columns()) {
      perRow += switch (dev.tdr.core.read.Columns.layoutOf(c)) {
        case INT, FLOAT -> 4;
        case LONG, DOUBLE -> 8;
        case DECIMAL -> dev.tdr.core.read.Columns.fixedScale(c) && c.precision() <= 18 ? 8 : 8 + 1 + 4;
        case BOOLEAN -> 1;
        case OBJECT, UTF8 -> {
          objectColumns++;
          yield 4 + 40;
        }
      };
    }
    // String contents: at most the CSV's bytes (Latin-1 strings take a byte a character).
    long strings = objectColumns == 0 ? 0 : csvBytes;
    long values = rows * perRow;
    return (sorted ? 2 * values : values) + strings;
  }

  /** Throws if the heap cannot hold the result (with the final DataFrame and sorting). */
  static void check(Schema schema, long rows, long csvBytes, boolean sorted) {
    long need = bytes(schema, rows, csvBytes, sorted);
    Runtime rt = Runtime.getRuntime();
    long used = rt.totalMemory() - rt.freeMemory();
    long available = rt.maxMemory() - used;
    if (need > available * 0.9) {
      throw new ResultTooLargeException(String.format(
          "the result (%,d rows, %,d bytes of CSV) needs about %,d MB of heap but only %,d MB is free:"
              + " give the JVM more (-Xmx), read it with Spark (QueryResult.toDataset, --via spark), or"
              + " lower %s so results this big go to Spark",
          rows, csvBytes, need >> 20, available >> 20, TdrConfig.Setting.LOCAL_THRESHOLD.env()));
    }
  }
}
