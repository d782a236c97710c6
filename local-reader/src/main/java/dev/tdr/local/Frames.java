package dev.tdr.local;

import dev.tdr.core.ColumnType;
import dev.tdr.core.read.Columns;
import java.util.Arrays;
import org.dflib.DataFrame;
import org.dflib.Index;
import org.dflib.Series;

/**
 * {@link Columns} as a DFLib DataFrame, sharing the arrays where no order is applied: primitive
 * columns without NULLs become DFLib's primitive series, other primitive columns {@link
 * ColumnSeries} (unboxed, with their null bitmap), object columns object series.
 */
final class Frames {
  private Frames() {}

  /** The first {@code rows} rows, in {@code order} (row positions) if given. */
  static DataFrame of(Columns cols, int rows, int[] order) {
    int n = cols.schema().size();
    Series<?>[] series = new Series<?>[n];
    for (int c = 0; c < n; c++) {
      series[c] = series(cols, c, rows, order);
    }
    return DataFrame.byColumn(Index.of(cols.schema().names().toArray(String[]::new))).of(series);
  }

  private static Series<?> series(Columns cols, int c, int rows, int[] order) {
    ColumnType type = cols.schema().column(c).type();
    Columns.Layout layout = cols.layout(c);
    if (layout == Columns.Layout.OBJECT) {
      return Series.of(order == null ? exact(cols.objects(c), rows) : permute(cols.objects(c), order));
    }
    long[] nulls = order == null ? exact(cols.nulls(c), (rows + 63) >>> 6) : permuteBits(cols.nulls(c), order);
    boolean noNulls = !cols.hasNulls(c, rows);
    switch (layout) {
      case INT -> {
        int[] v = order == null ? exact(cols.ints(c), rows) : permute(cols.ints(c), order);
        if (type == ColumnType.DATE) {
          return new ColumnSeries.Dates(v, nulls, rows);
        }
        return noNulls ? Series.ofInt(v) : new ColumnSeries.Ints(type, v, nulls, rows);
      }
      case LONG -> {
        long[] v = order == null ? exact(cols.longs(c), rows) : permute(cols.longs(c), order);
        return switch (type) {
          case BIGINT -> noNulls ? Series.ofLong(v) : new ColumnSeries.Longs(v, nulls, rows);
          case TIMESTAMP -> new ColumnSeries.Timestamps(v, nulls, rows);
          case TIMESTAMPTZ -> new ColumnSeries.ZonedTimestamps(v, nulls, rows);
          case TIME -> new ColumnSeries.Times(v, nulls, rows);
          case TIMETZ -> new ColumnSeries.ZonedTimes(v, nulls, rows);
          default -> throw new IllegalStateException(type.name());
        };
      }
      case DECIMAL -> {
        long[] v = order == null ? exact(cols.longs(c), rows) : permute(cols.longs(c), order);
        byte[] scales = cols.decimalScales(c);
        Object[] overflow = cols.decimalOverflow(c);
        if (scales != null) {
          scales = order == null ? exact(scales, rows) : permute(scales, order);
        }
        if (overflow != null) {
          overflow = order == null ? exact(overflow, rows) : permute(overflow, order);
        }
        return new ColumnSeries.Decimals(v, cols.scale(c), scales, overflow, nulls, rows);
      }
      case FLOAT -> {
        float[] v = order == null ? exact(cols.floats(c), rows) : permute(cols.floats(c), order);
        return noNulls ? Series.ofFloat(v) : new ColumnSeries.Floats(v, nulls, rows);
      }
      case DOUBLE -> {
        double[] v = order == null ? exact(cols.doubles(c), rows) : permute(cols.doubles(c), order);
        return noNulls ? Series.ofDouble(v) : new ColumnSeries.Doubles(v, nulls, rows);
      }
      case BOOLEAN -> {
        boolean[] v = order == null ? exact(cols.booleans(c), rows) : permute(cols.booleans(c), order);
        return noNulls ? Series.ofBool(v) : new ColumnSeries.Booleans(v, nulls, rows);
      }
      default -> throw new IllegalStateException(layout.name());
    }
  }

  private static long[] permuteBits(long[] bits, int[] order) {
    long[] out = new long[(order.length + 63) >>> 6];
    for (int i = 0; i < order.length; i++) {
      int r = order[i];
      if ((bits[r >>> 6] & (1L << r)) != 0) {
        out[i >>> 6] |= 1L << i;
      }
    }
    return out;
  }

  private static byte[] exact(byte[] a, int n) {
    return a.length == n ? a : Arrays.copyOf(a, n);
  }

  private static byte[] permute(byte[] a, int[] order) {
    byte[] out = new byte[order.length];
    for (int i = 0; i < order.length; i++) {
      out[i] = a[order[i]];
    }
    return out;
  }

  private static Object[] exact(Object[] a, int n) {
    return a.length == n ? a : Arrays.copyOf(a, n);
  }

  private static int[] exact(int[] a, int n) {
    return a.length == n ? a : Arrays.copyOf(a, n);
  }

  private static long[] exact(long[] a, int n) {
    return a.length == n ? a : Arrays.copyOf(a, n);
  }

  private static float[] exact(float[] a, int n) {
    return a.length == n ? a : Arrays.copyOf(a, n);
  }

  private static double[] exact(double[] a, int n) {
    return a.length == n ? a : Arrays.copyOf(a, n);
  }

  private static boolean[] exact(boolean[] a, int n) {
    return a.length == n ? a : Arrays.copyOf(a, n);
  }

  private static Object[] permute(Object[] a, int[] order) {
    Object[] out = new Object[order.length];
    for (int i = 0; i < order.length; i++) {
      out[i] = a[order[i]];
    }
    return out;
  }

  private static int[] permute(int[] a, int[] order) {
    int[] out = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      out[i] = a[order[i]];
    }
    return out;
  }

  private static long[] permute(long[] a, int[] order) {
    long[] out = new long[order.length];
    for (int i = 0; i < order.length; i++) {
      out[i] = a[order[i]];
    }
    return out;
  }

  private static float[] permute(float[] a, int[] order) {
    float[] out = new float[order.length];
    for (int i = 0; i < order.length; i++) {
      out[i] = a[order[i]];
    }
    return out;
  }

  private static double[] permute(double[] a, int[] order) {
    double[] out = new double[order.length];
    for (int i = 0; i < order.length; i++) {
      out[i] = a[order[i]];
    }
    return out;
  }

  private static boolean[] permute(boolean[] a, int[] order) {
    boolean[] out = new boolean[order.length];
    for (int i = 0; i < order.length; i++) {
      out[i] = a[order[i]];
    }
    return out;
  }
}
