package dev.tdr.local;

import dev.tdr.core.Column;
import dev.tdr.core.Schema;
import dev.tdr.core.csv.RowSink;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.dflib.DataFrame;
import org.dflib.Index;
import org.dflib.Series;

/**
 * Typed column arrays for a result: primitives stay primitive (with a null bitmap), everything
 * else is an object array. Readers write rows at known positions through {@link #sinkAt}; rows
 * of different parts go to disjoint ranges, so parts are parsed concurrently with no copying
 * afterwards.
 */
final class ColumnStore {
  private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
  private static final long MICROS_PER_SECOND = 1_000_000L;

  private final Schema schema;
  private final boolean[] zoned;
  private int capacity;
  private int[][] ints;
  private long[][] longs;
  private float[][] floats;
  private double[][] doubles;
  private boolean[][] booleans;
  private Object[][] objects;
  private long[][] nulls;

  ColumnStore(Schema schema, int capacity) {
    this.schema = schema;
    this.capacity = capacity;
    int n = schema.size();
    this.zoned = new boolean[n];
    for (int c = 0; c < n; c++) {
      dev.tdr.core.ColumnType t = schema.column(c).type();
      zoned[c] = t == dev.tdr.core.ColumnType.TIMESTAMPTZ || t == dev.tdr.core.ColumnType.TIMETZ;
    }
    ints = new int[n][];
    longs = new long[n][];
    floats = new float[n][];
    doubles = new double[n][];
    booleans = new boolean[n][];
    objects = new Object[n][];
    nulls = new long[n][];
    for (int c = 0; c < n; c++) {
      switch (schema.column(c).type()) {
        case SMALLINT, INTEGER -> ints[c] = new int[capacity];
        case BIGINT -> longs[c] = new long[capacity];
        case REAL -> floats[c] = new float[capacity];
        case DOUBLE -> doubles[c] = new double[capacity];
        case BOOLEAN -> booleans[c] = new boolean[capacity];
        default -> objects[c] = new Object[capacity];
      }
      if (schema.column(c).type().primitive()) {
        nulls[c] = new long[(capacity + 63) >>> 6];
      }
    }
  }

  int capacity() {
    return capacity;
  }

  /** Grows every column to hold {@code min} rows; single-threaded use only. */
  void ensureCapacity(int min) {
    if (min <= capacity) {
      return;
    }
    int cap = Math.max(min, capacity + (capacity >> 1) + 16);
    for (int c = 0; c < schema.size(); c++) {
      if (ints[c] != null) {
        ints[c] = Arrays.copyOf(ints[c], cap);
      }
      if (longs[c] != null) {
        longs[c] = Arrays.copyOf(longs[c], cap);
      }
      if (floats[c] != null) {
        floats[c] = Arrays.copyOf(floats[c], cap);
      }
      if (doubles[c] != null) {
        doubles[c] = Arrays.copyOf(doubles[c], cap);
      }
      if (booleans[c] != null) {
        booleans[c] = Arrays.copyOf(booleans[c], cap);
      }
      if (objects[c] != null) {
        objects[c] = Arrays.copyOf(objects[c], cap);
      }
      if (nulls[c] != null) {
        nulls[c] = Arrays.copyOf(nulls[c], (cap + 63) >>> 6);
      }
    }
    capacity = cap;
  }

  boolean isNull(int c, int row) {
    if (nulls[c] != null) {
      return (nulls[c][row >>> 6] & (1L << (row & 63))) != 0;
    }
    return objects[c][row] == null;
  }

  int intAt(int c, int row) {
    return ints[c][row];
  }

  long longAt(int c, int row) {
    return longs[c][row];
  }

  float floatAt(int c, int row) {
    return floats[c][row];
  }

  double doubleAt(int c, int row) {
    return doubles[c][row];
  }

  boolean booleanAt(int c, int row) {
    return booleans[c][row];
  }

  Object objectAt(int c, int row) {
    return objects[c][row];
  }

  /** Clears rows {@code [from, to)} (before a part is read again after a failed attempt). */
  void clearRows(int from, int to) {
    for (int c = 0; c < schema.size(); c++) {
      if (objects[c] != null) {
        Arrays.fill(objects[c], from, to, null);
      }
      if (nulls[c] != null) {
        for (int r = from; r < to; r++) {
          LONGS.getAndBitwiseAnd(nulls[c], r >>> 6, ~(1L << (r & 63)));
        }
      }
    }
  }

  /**
   * A sink writing consecutive rows from {@code firstRow} up to (not including) {@code endRow};
   * {@code abort} is polled per row.
   */
  Sink sinkAt(int firstRow, int endRow, java.util.function.BooleanSupplier abort) {
    return new Sink(firstRow, endRow, abort);
  }

  /** Writes rows in order; {@link #rowsWritten()} tells how many. */
  final class Sink implements RowSink {
    private final int first;
    private final int end;
    private final java.util.function.BooleanSupplier abort;
    private int row;

    private Sink(int first, int end, java.util.function.BooleanSupplier abort) {
      this.first = first;
      this.end = end;
      this.row = first;
      this.abort = abort;
    }

    int rowsWritten() {
      return row - first;
    }

    @Override
    public void nullValue(int c) {
      if (nulls[c] != null) {
        if (row - first < 64 || end - row <= 64) {
          // a bitmap word near either end of this range may be shared with the neighbouring range,
          // written by another thread at the same time
          LONGS.getAndBitwiseOr(nulls[c], row >>> 6, 1L << (row & 63));
        } else {
          nulls[c][row >>> 6] |= 1L << (row & 63); // a word only this range writes
        }
      } else {
        objects[c][row] = null;
      }
    }

    @Override
    public void intValue(int c, int v) {
      ints[c][row] = v;
    }

    @Override
    public void longValue(int c, long v) {
      longs[c][row] = v;
    }

    @Override
    public void floatValue(int c, float v) {
      floats[c][row] = v;
    }

    @Override
    public void doubleValue(int c, double v) {
      doubles[c][row] = v;
    }

    @Override
    public void booleanValue(int c, boolean v) {
      booleans[c][row] = v;
    }

    @Override
    public void decimalValue(int c, BigDecimal v) {
      objects[c][row] = v;
    }

    @Override
    public void stringValue(int c, String v) {
      objects[c][row] = v;
    }

    @Override
    public void dateValue(int c, int epochDay) {
      objects[c][row] = LocalDate.ofEpochDay(epochDay);
    }

    @Override
    public void timestampValue(int c, long micros) {
      long secs = Math.floorDiv(micros, MICROS_PER_SECOND);
      int nanos = (int) Math.floorMod(micros, MICROS_PER_SECOND) * 1000;
      LocalDateTime local = LocalDateTime.ofEpochSecond(secs, nanos, ZoneOffset.UTC);
      objects[c][row] = zoned[c] ? OffsetDateTime.of(local, ZoneOffset.UTC) : local;
    }

    @Override
    public void timeValue(int c, long micros) {
      LocalTime t = micros >= 86_400_000_000L ? LocalTime.MAX : LocalTime.ofNanoOfDay(micros * 1000);
      objects[c][row] = zoned[c] ? OffsetTime.of(t, ZoneOffset.UTC) : t;
    }

    @Override
    public void bytesValue(int c, byte[] v) {
      objects[c][row] = v;
    }

    @Override
    public void endRow() {
      row++;
      if ((row & 1023) == 0 && abort.getAsBoolean()) {
        throw new java.util.concurrent.CancellationException("reading stopped");
      }
    }
  }

  /**
   * The first {@code rows} rows as a DataFrame, in {@code order} (row positions) if given.
   * Primitive columns without NULLs become primitive series; columns with NULLs hold boxed
   * values.
   */
  DataFrame toDataFrame(int rows, int[] order) {
    Series<?>[] series = new Series<?>[schema.size()];
    for (int c = 0; c < schema.size(); c++) {
      series[c] = series(c, rows, order);
    }
    return DataFrame.byColumn(Index.of(schema.names().toArray(String[]::new))).of(series);
  }

  private boolean hasNulls(int c, int rows) {
    long[] bits = nulls[c];
    int words = rows >>> 6;
    for (int w = 0; w < words; w++) {
      if (bits[w] != 0) {
        return true;
      }
    }
    int rest = rows & 63;
    return rest != 0 && (bits[words] & ((1L << rest) - 1)) != 0;
  }

  private Series<?> series(int c, int rows, int[] order) {
    Column col = schema.column(c);
    if (!col.type().primitive()) {
      Object[] src = objects[c];
      Object[] out = new Object[rows];
      if (order == null) {
        System.arraycopy(src, 0, out, 0, rows);
      } else {
        for (int i = 0; i < rows; i++) {
          out[i] = src[order[i]];
        }
      }
      return Series.of(out);
    }
    if (!hasNulls(c, rows)) {
      switch (col.type()) {
        case SMALLINT, INTEGER:
          return Series.ofInt(order == null ? exact(ints[c], rows) : permute(ints[c], order));
        case BIGINT:
          return Series.ofLong(order == null ? exact(longs[c], rows) : permute(longs[c], order));
        case REAL:
          return Series.ofFloat(order == null ? exact(floats[c], rows) : permute(floats[c], order));
        case DOUBLE:
          return Series.ofDouble(order == null ? exact(doubles[c], rows) : permute(doubles[c], order));
        case BOOLEAN:
          return Series.ofBool(order == null ? exact(booleans[c], rows) : permute(booleans[c], order));
        default:
          throw new IllegalStateException(col.type().name());
      }
    }
    Object[] boxed = new Object[rows];
    for (int i = 0; i < rows; i++) {
      int r = order == null ? i : order[i];
      if (isNull(c, r)) {
        continue;
      }
      boxed[i] = switch (col.type()) {
        case SMALLINT, INTEGER -> ints[c][r];
        case BIGINT -> longs[c][r];
        case REAL -> floats[c][r];
        case DOUBLE -> doubles[c][r];
        case BOOLEAN -> booleans[c][r];
        default -> throw new IllegalStateException(col.type().name());
      };
    }
    return Series.of(boxed);
  }

  private int[] exact(int[] a, int n) {
    return a.length == n ? a : Arrays.copyOf(a, n);
  }

  private long[] exact(long[] a, int n) {
    return a.length == n ? a : Arrays.copyOf(a, n);
  }

  private float[] exact(float[] a, int n) {
    return a.length == n ? a : Arrays.copyOf(a, n);
  }

  private double[] exact(double[] a, int n) {
    return a.length == n ? a : Arrays.copyOf(a, n);
  }

  private boolean[] exact(boolean[] a, int n) {
    return a.length == n ? a : Arrays.copyOf(a, n);
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
