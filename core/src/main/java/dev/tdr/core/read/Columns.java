package dev.tdr.core.read;

import dev.tdr.core.Column;
import dev.tdr.core.ColumnType;
import dev.tdr.core.Schema;
import dev.tdr.core.csv.RowSink;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A result's values column by column, in the layout Arrow uses: a primitive array per column with
 * a null bitmap beside it, and object arrays only for strings, bytes and wide decimals. Readers
 * write rows at known positions (rows of different parts go to disjoint ranges, so parts are read
 * concurrently); the local reader turns the arrays into DataFrame series without copying them, the
 * Spark reader reads one reused batch at a time.
 *
 * <table>
 *   <tr><th>type</th><th>layout</th><th>value</th></tr>
 *   <tr><td>SMALLINT, INTEGER</td><td>{@link Layout#INT}</td><td>the number</td></tr>
 *   <tr><td>DATE</td><td>{@link Layout#INT}</td><td>days since 1970-01-01</td></tr>
 *   <tr><td>BIGINT</td><td>{@link Layout#LONG}</td><td>the number</td></tr>
 *   <tr><td>TIMESTAMP, TIMESTAMPTZ</td><td>{@link Layout#LONG}</td><td>microseconds since
 *       1970-01-01T00:00 (TIMESTAMPTZ: in UTC)</td></tr>
 *   <tr><td>TIME, TIMETZ</td><td>{@link Layout#LONG}</td><td>microseconds of the day (TIMETZ:
 *       in UTC)</td></tr>
 *   <tr><td>DECIMAL(p,s)</td><td>{@link Layout#DECIMAL}</td><td>the unscaled value at scale s
 *       (a value of more than 18 digits: a BigDecimal in the column's overflow array)</td></tr>
 *   <tr><td>DECIMAL without a precision</td><td>{@link Layout#DECIMAL}</td><td>the unscaled value
 *       and its own scale (beside it), or a BigDecimal in the overflow array</td></tr>
 *   <tr><td>REAL, DOUBLE, BOOLEAN</td><td>FLOAT, DOUBLE, BOOLEAN</td><td>the value</td></tr>
 *   <tr><td>CHAR, VARCHAR, SUPER</td><td>{@link Layout#OBJECT}</td><td>String</td></tr>
 *   <tr><td>CHAR, VARCHAR, SUPER in columns made {@link Strings#UTF8}</td><td>{@link
 *       Layout#UTF8}</td><td>the UTF-8 bytes, in one buffer per column</td></tr>
 *   <tr><td>VARBYTE, GEOMETRY</td><td>{@link Layout#OBJECT}</td><td>byte[]</td></tr>
 * </table>
 *
 * <p>NULL is a set bit in the column's bitmap for the layouts that have one, a null reference for
 * {@link Layout#OBJECT}. Writers of disjoint row ranges may run concurrently: bitmap words shared
 * by two ranges are only changed atomically (see {@link #setNull}). A {@link Layout#UTF8} column is
 * written by one writer, row after row (the Spark reader's batches).
 */
public final class Columns {
  private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(long[].class);

  /** How a column's values are held. */
  public enum Layout {
    INT, LONG, FLOAT, DOUBLE, BOOLEAN, DECIMAL, OBJECT,
    /** Strings as their UTF-8 bytes: one growing buffer per column, a start and a length per row. */
    UTF8;

    /** True for the layouts with a null bitmap (all but {@link #OBJECT}). */
    public boolean bitmap() {
      return this != OBJECT;
    }
  }

  /** How string columns (CHAR, VARCHAR, SUPER) are held. */
  public enum Strings {
    /** As {@code String} objects ({@link Layout#OBJECT}): what a DataFrame holds. */
    OBJECTS,
    /**
     * As UTF-8 bytes ({@link Layout#UTF8}), never a {@code String}: for readers that hand the bytes
     * on (Spark keeps strings as UTF-8). Rows are written in order, by one writer.
     */
    UTF8
  }

  private final Schema schema;
  private final int capacity;
  private final Layout[] layouts;
  private final int[][] ints;
  private final long[][] longs;
  private final float[][] floats;
  private final double[][] doubles;
  private final boolean[][] booleans;
  private final Object[][] objects;
  private final long[][] nulls;
  private final byte[][] scales;
  private final Object[][] overflow;
  private final Utf8Column[] utf8;
  private final Strings strings;

  /** Empty columns for {@code capacity} rows of {@code schema}, strings as {@code String}s. */
  public Columns(Schema schema, int capacity) {
    this(schema, capacity, Strings.OBJECTS);
  }

  /** Empty columns for {@code capacity} rows of {@code schema}, strings held as {@code strings} says. */
  public Columns(Schema schema, int capacity, Strings strings) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must be >= 0: " + capacity);
    }
    this.schema = schema;
    this.capacity = capacity;
    this.strings = strings;
    int n = schema.size();
    layouts = new Layout[n];
    utf8 = new Utf8Column[n];
    ints = new int[n][];
    longs = new long[n][];
    floats = new float[n][];
    doubles = new double[n][];
    booleans = new boolean[n][];
    objects = new Object[n][];
    nulls = new long[n][];
    scales = new byte[n][];
    overflow = new Object[n][];
    for (int c = 0; c < n; c++) {
      Layout l = layoutOf(schema.column(c));
      if (l == Layout.OBJECT && strings == Strings.UTF8 && text(schema.column(c).type())) {
        l = Layout.UTF8;
      }
      if (l == Layout.DECIMAL) {
        if (!fixedScale(schema.column(c))) {
          scales[c] = new byte[capacity];
        }
        if (!fixedScale(schema.column(c)) || schema.column(c).precision() > 18) {
          overflow[c] = new Object[capacity];
        }
      }
      layouts[c] = l;
      switch (l) {
        case INT -> ints[c] = new int[capacity];
        case LONG, DECIMAL -> longs[c] = new long[capacity];
        case FLOAT -> floats[c] = new float[capacity];
        case DOUBLE -> doubles[c] = new double[capacity];
        case BOOLEAN -> booleans[c] = new boolean[capacity];
        case OBJECT -> objects[c] = new Object[capacity];
        case UTF8 -> utf8[c] = new Utf8Column(capacity);
      }
      if (l.bitmap()) {
        nulls[c] = new long[(capacity + 63) >>> 6];
      }
    }
  }

  /** A copy holding {@code newCapacity} rows: the first rows of these, the rest empty. */
  public Columns resized(int newCapacity) {
    Columns to = new Columns(schema, newCapacity, strings);
    int rows = Math.min(capacity, newCapacity);
    for (int c = 0; c < layouts.length; c++) {
      switch (layouts[c]) {
        case UTF8 -> utf8[c].copyTo(to.utf8[c], rows);
        case INT -> System.arraycopy(ints[c], 0, to.ints[c], 0, rows);
        case LONG, DECIMAL -> System.arraycopy(longs[c], 0, to.longs[c], 0, rows);
        case FLOAT -> System.arraycopy(floats[c], 0, to.floats[c], 0, rows);
        case DOUBLE -> System.arraycopy(doubles[c], 0, to.doubles[c], 0, rows);
        case BOOLEAN -> System.arraycopy(booleans[c], 0, to.booleans[c], 0, rows);
        case OBJECT -> System.arraycopy(objects[c], 0, to.objects[c], 0, rows);
      }
      if (scales[c] != null) {
        System.arraycopy(scales[c], 0, to.scales[c], 0, rows);
      }
      if (overflow[c] != null) {
        System.arraycopy(overflow[c], 0, to.overflow[c], 0, rows);
      }
      if (nulls[c] != null) {
        System.arraycopy(nulls[c], 0, to.nulls[c], 0, (rows + 63) >>> 6);
        if ((rows & 63) != 0) {
          to.nulls[c][rows >>> 6] &= (1L << rows) - 1;
        }
      }
    }
    return to;
  }

  /** The layout TDR gives a column of this type (see the table above). */
  public static Layout layoutOf(Column c) {
    return switch (c.type()) {
      case SMALLINT, INTEGER, DATE -> Layout.INT;
      case BIGINT, TIMESTAMP, TIMESTAMPTZ, TIME, TIMETZ -> Layout.LONG;
      case REAL -> Layout.FLOAT;
      case DOUBLE -> Layout.DOUBLE;
      case BOOLEAN -> Layout.BOOLEAN;
      case DECIMAL -> Layout.DECIMAL;
      case CHAR, VARCHAR, SUPER, VARBYTE, GEOMETRY -> Layout.OBJECT;
    };
  }

  /** True for the types held as text: CHAR, VARCHAR, SUPER. */
  public static boolean text(ColumnType t) {
    return t == ColumnType.CHAR || t == ColumnType.VARCHAR || t == ColumnType.SUPER;
  }

  /** True if a DECIMAL column has a declared precision and scale: its values all have that scale. */
  public static boolean fixedScale(Column c) {
    return c.precision() >= 1 && c.scale() >= 0 && c.scale() <= c.precision();
  }

  public Schema schema() {
    return schema;
  }

  /** Rows these columns hold. */
  public int capacity() {
    return capacity;
  }

  public Layout layout(int c) {
    return layouts[c];
  }

  /** The scale of a {@link Layout#DECIMAL} column's unscaled values, if it has one ({@link #decimalScales} is null). */
  public int scale(int c) {
    return schema.column(c).scale();
  }

  /** The scale of each value of a DECIMAL column without a declared precision, else null. */
  public byte[] decimalScales(int c) {
    return scales[c];
  }

  /**
   * The values of a DECIMAL column that do not fit a long (as BigDecimal; null where the value is
   * in {@link #longs}), or null if the column's precision keeps every value in a long.
   */
  public Object[] decimalOverflow(int c) {
    return overflow[c];
  }

  /** The value of a DECIMAL column's row (not NULL). */
  public BigDecimal decimal(int c, int row) {
    Object[] o = overflow[c];
    if (o != null && o[row] != null) {
      return (BigDecimal) o[row];
    }
    byte[] sc = scales[c];
    return BigDecimal.valueOf(longs[c][row], sc != null ? sc[row] : scale(c));
  }

  /**
   * Stores a DECIMAL value: at the column's scale (exactly; more decimal places are an error) or
   * with its own scale, in a long where it fits, else in the overflow array.
   *
   * @throws IllegalArgumentException if the value does not fit the column
   */
  public void setDecimal(int c, int row, BigDecimal v) {
    Column col = schema.column(c);
    if (scales[c] == null) {
      BigDecimal at = Decimals.atScale(v, col.scale());
      long unscaled = Decimals.unscaledOrMin(at);
      if (unscaled != Long.MIN_VALUE) {
        longs[c][row] = unscaled;
      } else if (overflow[c] != null) {
        overflow[c][row] = at;
      } else {
        throw new IllegalArgumentException("more than the " + col.precision() + " digits of DECIMAL("
            + col.precision() + "," + col.scale() + ")");
      }
      return;
    }
    long unscaled = Decimals.unscaledOrMin(v);
    if (unscaled != Long.MIN_VALUE && v.scale() >= Byte.MIN_VALUE && v.scale() <= Byte.MAX_VALUE) {
      longs[c][row] = unscaled;
      scales[c][row] = (byte) v.scale();
    } else {
      overflow[c][row] = v;
    }
  }

  /** Values of an {@link Layout#INT} column. */
  public int[] ints(int c) {
    return ints[c];
  }

  /** Values of a {@link Layout#LONG} or {@link Layout#DECIMAL} column. */
  public long[] longs(int c) {
    return longs[c];
  }

  public float[] floats(int c) {
    return floats[c];
  }

  public double[] doubles(int c) {
    return doubles[c];
  }

  public boolean[] booleans(int c) {
    return booleans[c];
  }

  /** Values of an {@link Layout#OBJECT} column (null for NULL). */
  public Object[] objects(int c) {
    return objects[c];
  }

  /**
   * The bytes of a {@link Layout#UTF8} column: row {@code r}'s value (not NULL) is {@code
   * utf8Bytes(c)[utf8Starts(c)[r] ...]}, {@code utf8Lengths(c)[r]} bytes. The buffer may hold
   * bytes no row points to (a record read again after its buffer ran out).
   */
  public byte[] utf8Bytes(int c) {
    return utf8[c].bytes;
  }

  /** Bytes used in {@link #utf8Bytes(int)} of a {@link Layout#UTF8} column. */
  public int utf8Used(int c) {
    return utf8[c].used;
  }

  public int[] utf8Starts(int c) {
    return utf8[c].starts;
  }

  public int[] utf8Lengths(int c) {
    return utf8[c].lengths;
  }

  /** Bytes held by the {@link Layout#UTF8} columns (what a batch's text costs). */
  public long utf8BytesUsed() {
    long sum = 0;
    for (Utf8Column u : utf8) {
      if (u != null) {
        sum += u.used;
      }
    }
    return sum;
  }

  /**
   * Stores row {@code row} of a {@link Layout#UTF8} column: the well-formed UTF-8 bytes {@code
   * b[from, from + len)}. Rows are written in order; writing a row again (a record decoded again)
   * replaces its bytes.
   */
  public void setUtf8(int c, int row, byte[] b, int from, int len) {
    utf8[c].set(row, b, from, len);
  }

  /** The value of a string column's row as a {@code String} (null for NULL), whatever its layout. */
  public String string(int c, int row) {
    if (layouts[c] == Layout.UTF8) {
      return isNull(c, row) ? null
          : new String(utf8[c].bytes, utf8[c].starts[row], utf8[c].lengths[row], StandardCharsets.UTF_8);
    }
    return (String) objects[c][row];
  }

  /** A UTF8 column's storage: rows written in order, by one writer. */
  private static final class Utf8Column {
    byte[] bytes = new byte[1024];
    int used;
    final int[] starts;
    final int[] lengths;
    /** The row written last; writing it again starts over at its start. */
    int lastRow = -1;

    Utf8Column(int capacity) {
      starts = new int[capacity];
      lengths = new int[capacity];
    }

    void set(int row, byte[] b, int from, int len) {
      if (row == lastRow) {
        used = starts[row];
      }
      lastRow = row;
      int at = used;
      if (bytes.length - at < len) {
        long want = Math.max((long) bytes.length * 2, (long) at + len);
        if (want > Integer.MAX_VALUE - 16) {
          throw new IllegalStateException("more than 2 GB of text in one batch");
        }
        bytes = Arrays.copyOf(bytes, (int) want);
      }
      System.arraycopy(b, from, bytes, at, len);
      starts[row] = at;
      lengths[row] = len;
      used = at + len;
    }

    void clear() {
      used = 0;
      lastRow = -1;
    }

    void copyTo(Utf8Column to, int rows) {
      to.bytes = Arrays.copyOf(bytes, Math.max(used, 16));
      to.used = used;
      System.arraycopy(starts, 0, to.starts, 0, rows);
      System.arraycopy(lengths, 0, to.lengths, 0, rows);
      to.lastRow = Math.min(lastRow, rows - 1);
    }
  }

  /** The null bitmap of a primitive column (bit {@code row & 63} of word {@code row >>> 6}), or null. */
  public long[] nulls(int c) {
    return nulls[c];
  }

  public boolean isNull(int c, int row) {
    long[] bits = nulls[c];
    if (bits != null) {
      return (bits[row >>> 6] & (1L << row)) != 0;
    }
    return objects[c][row] == null;
  }

  /** True if any of the first {@code rows} rows of column {@code c} is NULL. */
  public boolean hasNulls(int c, int rows) {
    long[] bits = nulls[c];
    if (bits == null) {
      Object[] o = objects[c];
      for (int i = 0; i < rows; i++) {
        if (o[i] == null) {
          return true;
        }
      }
      return false;
    }
    int words = rows >>> 6;
    for (int w = 0; w < words; w++) {
      if (bits[w] != 0) {
        return true;
      }
    }
    int rest = rows & 63;
    return rest != 0 && (bits[words] & ((1L << rest) - 1)) != 0;
  }

  /** Marks a row NULL; safe while other threads write neighbouring row ranges. */
  public void setNull(int c, int row) {
    long[] bits = nulls[c];
    if (bits != null) {
      WORDS.getAndBitwiseOr(bits, row >>> 6, 1L << row);
    } else {
      objects[c][row] = null;
    }
  }

  /**
   * Clears NULL marks and object references of rows {@code [from, to)}; safe as {@link #setNull}.
   * Clearing from row 0 also empties the {@link Layout#UTF8} buffers.
   */
  public void clear(int from, int to) {
    for (int c = 0; c < layouts.length; c++) {
      if (utf8[c] != null && from == 0) {
        utf8[c].clear();
      }
      if (objects[c] != null) {
        Arrays.fill(objects[c], from, to, null);
      }
      if (overflow[c] != null) {
        Arrays.fill(overflow[c], from, to, null);
      }
      long[] bits = nulls[c];
      if (bits != null && from < to) {
        int first = from >>> 6;
        int last = (to - 1) >>> 6;
        for (int w = first; w <= last; w++) {
          long mask = -1L;
          if (w == first) {
            mask &= -1L << from;
          }
          if (w == last) {
            mask &= -1L >>> (63 - ((to - 1) & 63));
          }
          WORDS.getAndBitwiseAnd(bits, w, ~mask);
        }
      }
    }
  }

  /**
   * A sink writing consecutive rows from {@code firstRow} up to (not including) {@code endRow},
   * for the general CSV parser ({@link dev.tdr.core.csv.PartParser}).
   */
  public RowSink rowSink(int firstRow, int endRow) {
    return new Sink(firstRow, endRow);
  }

  private final class Sink implements RowSink {
    private final int end;
    private int row;

    Sink(int first, int end) {
      this.row = first;
      this.end = end;
    }

    private int at() {
      if (row >= end) {
        throw new IllegalStateException("more rows than the range [.., " + end + ") holds");
      }
      return row;
    }

    @Override
    public void nullValue(int c) {
      setNull(c, at());
    }

    @Override
    public void intValue(int c, int v) {
      ints[c][at()] = v;
    }

    @Override
    public void longValue(int c, long v) {
      longs[c][at()] = v;
    }

    @Override
    public void floatValue(int c, float v) {
      floats[c][at()] = v;
    }

    @Override
    public void doubleValue(int c, double v) {
      doubles[c][at()] = v;
    }

    @Override
    public void booleanValue(int c, boolean v) {
      booleans[c][at()] = v;
    }

    @Override
    public void decimalValue(int c, BigDecimal v) {
      setDecimal(c, at(), v);
    }

    @Override
    public void stringValue(int c, String v) {
      if (utf8[c] != null) {
        byte[] b = v.getBytes(StandardCharsets.UTF_8);
        setUtf8(c, at(), b, 0, b.length);
      } else {
        objects[c][at()] = v;
      }
    }

    @Override
    public void dateValue(int c, int epochDay) {
      ints[c][at()] = epochDay;
    }

    @Override
    public void timestampValue(int c, long epochMicros) {
      longs[c][at()] = epochMicros;
    }

    @Override
    public void timeValue(int c, long microsOfDay) {
      longs[c][at()] = microsOfDay;
    }

    @Override
    public void bytesValue(int c, byte[] v) {
      objects[c][at()] = v;
    }

    @Override
    public void endRow() {
      row++;
    }
  }
}
