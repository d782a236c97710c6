package dev.tdr.spark;

import dev.tdr.core.Column;
import dev.tdr.core.ColumnType;
import dev.tdr.core.Schema;
import dev.tdr.core.TdrException;
import dev.tdr.core.read.Columns;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.execution.vectorized.OffHeapColumnVector;
import org.apache.spark.sql.execution.vectorized.OnHeapColumnVector;
import org.apache.spark.sql.execution.vectorized.WritableColumnVector;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimeType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Redshift types to Spark types, and decoded values to Spark's internal values: the one place
 * where the two meet.
 *
 * <p>SMALLINT→ShortType, INTEGER→IntegerType, BIGINT→LongType, DECIMAL(p,s)→DecimalType(p,s),
 * REAL→FloatType, DOUBLE→DoubleType, BOOLEAN→BooleanType, CHAR/VARCHAR/SUPER→StringType,
 * DATE→DateType, TIMESTAMP→TimestampNTZType, TIMESTAMPTZ→TimestampType, TIME→TimeType(6) when
 * {@code spark.sql.timeType.enabled} is true (else StringType {@code HH:mm:ss.SSSSSS}),
 * TIMETZ→StringType ({@code HH:mm:ss.SSSSSS+00:00}, UTC), VARBYTE/GEOMETRY→BinaryType.
 */
final class SparkTypes {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS");

  private SparkTypes() {}

  static StructType structType(Schema schema, boolean timeType) {
    StructField[] fields = new StructField[schema.size()];
    for (int i = 0; i < fields.length; i++) {
      Column c = schema.column(i);
      fields[i] = new StructField(c.name(), type(c, timeType), true, Metadata.empty());
    }
    return new StructType(fields);
  }

  static DataType type(Column c, boolean timeType) {
    return switch (c.type()) {
      case SMALLINT -> DataTypes.ShortType;
      case INTEGER -> DataTypes.IntegerType;
      case BIGINT -> DataTypes.LongType;
      case DECIMAL -> c.precision() > 0 && c.precision() <= 38
          ? DataTypes.createDecimalType(c.precision(), Math.min(c.scale(), c.precision()))
          : DataTypes.createDecimalType(38, 10);
      case REAL -> DataTypes.FloatType;
      case DOUBLE -> DataTypes.DoubleType;
      case BOOLEAN -> DataTypes.BooleanType;
      case CHAR, VARCHAR, SUPER, TIMETZ -> DataTypes.StringType;
      case DATE -> DataTypes.DateType;
      case TIMESTAMP -> DataTypes.TimestampNTZType;
      case TIMESTAMPTZ -> DataTypes.TimestampType;
      case TIME -> timeType ? TimeType.apply(6) : DataTypes.StringType;
      case VARBYTE, GEOMETRY -> DataTypes.BinaryType;
    };
  }

  /** Spark's precision and scale of each parsed column that is a decimal (0 elsewhere). */
  private static int[][] decimalShapes(Schema parsed, boolean timeType) {
    int[] precision = new int[parsed.size()];
    int[] scale = new int[parsed.size()];
    for (int i = 0; i < precision.length; i++) {
      if (type(parsed.column(i), timeType) instanceof DecimalType d) {
        precision[i] = d.precision();
        scale[i] = d.scale();
      }
    }
    return new int[][] {precision, scale};
  }

  /**
   * Fills a reused {@link GenericInternalRow} from one row of a batch of {@link Columns}; {@code
   * output[c]} is the row position of parsed column {@code c}, or -1 to drop it (pruned columns
   * of a manifest read).
   */
  static final class RowReader {
    private final ColumnType[] types;
    private final int[] output;
    private final int[] precision;
    private final int[] scale;
    private final boolean timeType;
    private final Object[] values;
    private final GenericInternalRow row;

    RowReader(Schema parsed, int[] output, int width, boolean timeType) {
      this.types = parsed.columns().stream().map(Column::type).toArray(ColumnType[]::new);
      this.output = output;
      this.timeType = timeType;
      int[][] shapes = decimalShapes(parsed, timeType);
      this.precision = shapes[0];
      this.scale = shapes[1];
      this.values = new Object[width];
      this.row = new GenericInternalRow(values);
    }

    /** Row {@code r} of {@code batch} as Spark's internal values, in the reused row. */
    InternalRow read(Columns batch, int r) {
      for (int c = 0; c < types.length; c++) {
        int o = output[c];
        if (o >= 0) {
          values[o] = batch.isNull(c, r) ? null : value(batch, c, r);
        }
      }
      return row;
    }

    private Object value(Columns b, int c, int r) {
      switch (b.layout(c)) {
        case INT:
          int i = b.ints(c)[r];
          return types[c] == ColumnType.SMALLINT ? (Object) (short) i : (Object) i; // DATE: days, as Spark's
        case LONG:
          long v = b.longs(c)[r];
          if (types[c] == ColumnType.TIME && timeType) {
            return v * 1000L; // TimeType holds nanoseconds of the day
          }
          return types[c] == ColumnType.TIME || types[c] == ColumnType.TIMETZ
              ? UTF8String.fromString(timeText(types[c], v)) : (Object) v;
        case DECIMAL:
          return decimal(b, c, r, precision[c], scale[c]);
        case FLOAT:
          return b.floats(c)[r];
        case DOUBLE:
          return b.doubles(c)[r];
        case BOOLEAN:
          return b.booleans(c)[r];
        case UTF8:
          int start = b.utf8Starts(c)[r];
          return UTF8String.fromBytes(Arrays.copyOfRange(b.utf8Bytes(c), start, start + b.utf8Lengths(c)[r]));
        default:
          Object x = b.objects(c)[r];
          if (x instanceof String s) {
            return UTF8String.fromString(s);
          }
          return x; // byte[]
      }
    }
  }

  /**
   * A DECIMAL value (not NULL) as Spark's {@code Decimal(precision, scale)}, rounding half up.
   *
   * @throws TdrException if it has more digits than {@code precision} allows
   */
  static Decimal decimal(Columns b, int c, int r, int precision, int scale) {
    try {
      if (b.decimalScales(c) == null && b.scale(c) == scale
          && (b.decimalOverflow(c) == null || b.decimalOverflow(c)[r] == null)) {
        return Decimal.apply(b.longs(c)[r], precision, scale);
      }
      return Decimal.apply(b.decimal(c, r), precision, scale);
    } catch (ArithmeticException e) {
      throw tooWide(b.schema().column(c).name(), b.decimal(c, r), precision, scale);
    }
  }

  static TdrException tooWide(String column, BigDecimal value, int precision, int scale) {
    return new TdrException("column '" + column + "': " + value.toPlainString() + " does not fit Spark's decimal("
        + precision + "," + scale + ")" + (precision == 38 && scale == 10 ? " (NUMERIC without a precision is read as"
        + " decimal(38,10); cast it in the query, e.g. ::numeric(38,2))" : ""));
  }

  /** TIME and TIMETZ as Spark strings: {@code HH:mm:ss.SSSSSS}, TIMETZ with {@code +00:00}. */
  static String timeText(ColumnType type, long microsOfDay) {
    LocalTime t = microsOfDay >= 86_400_000_000L ? LocalTime.MAX : LocalTime.ofNanoOfDay(microsOfDay * 1000);
    return TIME.format(t) + (type == ColumnType.TIMETZ ? "+00:00" : "");
  }

  /**
   * Copies a batch of {@link Columns} into Spark's writable column vectors: {@code output[c]} is
   * the vector of parsed column {@code c}, or -1 to drop it. Primitive columns go over in one array
   * copy each (SMALLINT and BOOLEAN value by value, as Spark holds them narrower), text as one copy
   * of its UTF-8 bytes plus an offset and a length per row, decimals of up to 18 digits as their
   * unscaled longs (or ints, up to 9), wider ones as the two's complement bytes Spark keeps; NULLs
   * from the bitmaps.
   */
  static final class VectorWriter {
    private static final long[] POW10 = new long[19];

    static {
      long p = 1;
      for (int i = 0; i < POW10.length; i++) {
        POW10[i] = p;
        p *= 10;
      }
    }

    private final Schema parsed;
    private final ColumnType[] types;
    private final int[] output;
    private final int[] precision;
    private final int[] scale;
    private final boolean timeType;
    private final byte[] scratch = new byte[9];

    VectorWriter(Schema parsed, int[] output, boolean timeType) {
      this.parsed = parsed;
      this.types = parsed.columns().stream().map(Column::type).toArray(ColumnType[]::new);
      this.output = output;
      this.timeType = timeType;
      int[][] shapes = decimalShapes(parsed, timeType);
      this.precision = shapes[0];
      this.scale = shapes[1];
    }

    /** Vectors for {@code rows} rows of {@code schema}: off the heap if asked (Spark's own setting). */
    static WritableColumnVector[] allocate(int rows, StructType schema, boolean offHeap) {
      return offHeap ? OffHeapColumnVector.allocateColumns(rows, schema)
          : OnHeapColumnVector.allocateColumns(rows, schema);
    }

    /** Rows {@code 0..rows-1} of {@code b} into {@code vectors} (reset here). */
    void write(Columns b, int rows, WritableColumnVector[] vectors) {
      for (WritableColumnVector v : vectors) {
        v.reset();
      }
      for (int c = 0; c < types.length; c++) {
        int o = output[c];
        if (o >= 0) {
          column(b, c, rows, vectors[o]);
        }
      }
    }

    private void column(Columns b, int c, int rows, WritableColumnVector v) {
      switch (b.layout(c)) {
        case INT -> {
          int[] a = b.ints(c);
          if (types[c] == ColumnType.SMALLINT) {
            for (int r = 0; r < rows; r++) {
              v.putShort(r, (short) a[r]);
            }
          } else {
            v.putInts(0, rows, a, 0); // INTEGER; DATE as days, as Spark's
          }
        }
        case LONG -> {
          long[] a = b.longs(c);
          if (types[c] == ColumnType.TIME && timeType) {
            for (int r = 0; r < rows; r++) {
              v.putLong(r, a[r] * 1000L); // TimeType holds nanoseconds of the day
            }
          } else if (types[c] == ColumnType.TIME || types[c] == ColumnType.TIMETZ) {
            for (int r = 0; r < rows; r++) {
              if (!b.isNull(c, r)) {
                v.putByteArray(r, timeText(types[c], a[r]).getBytes(StandardCharsets.UTF_8));
              }
            }
          } else {
            v.putLongs(0, rows, a, 0);
          }
        }
        case FLOAT -> v.putFloats(0, rows, b.floats(c), 0);
        case DOUBLE -> v.putDoubles(0, rows, b.doubles(c), 0);
        case BOOLEAN -> {
          boolean[] a = b.booleans(c);
          for (int r = 0; r < rows; r++) {
            v.putBoolean(r, a[r]);
          }
        }
        case DECIMAL -> decimals(b, c, rows, v);
        case UTF8 -> {
          int base = v.arrayData().appendBytes(b.utf8Used(c), b.utf8Bytes(c), 0);
          int[] starts = b.utf8Starts(c);
          int[] lengths = b.utf8Lengths(c);
          long[] nulls = b.nulls(c);
          for (int r = 0; r < rows; r++) {
            if ((nulls[r >>> 6] & (1L << r)) == 0) {
              v.putArray(r, base + starts[r], lengths[r]);
            }
          }
        }
        case OBJECT -> {
          Object[] a = b.objects(c);
          for (int r = 0; r < rows; r++) {
            Object x = a[r];
            if (x == null) {
              v.putNull(r);
            } else {
              v.putByteArray(r, x instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : (byte[]) x);
            }
          }
        }
      }
      long[] nulls = b.nulls(c);
      if (nulls != null) {
        for (int w = 0, words = (rows + 63) >>> 6; w < words; w++) {
          long bits = nulls[w];
          while (bits != 0) {
            int r = (w << 6) + Long.numberOfTrailingZeros(bits);
            if (r >= rows) {
              break;
            }
            v.putNull(r);
            bits &= bits - 1;
          }
        }
      }
    }

    private void decimals(Columns b, int c, int rows, WritableColumnVector v) {
      int p = precision[c];
      int s = scale[c];
      long[] a = b.longs(c);
      byte[] scales = b.decimalScales(c);
      Object[] overflow = b.decimalOverflow(c);
      boolean atScale = scales == null && b.scale(c) == s;
      if (p <= 18 && atScale && overflow == null) {
        long bound = POW10[p];
        for (int r = 0; r < rows; r++) {
          long x = a[r];
          if ((x >= bound || x <= -bound) && !b.isNull(c, r)) {
            throw tooWide(parsed.column(c).name(), BigDecimal.valueOf(x, s), p, s);
          }
        }
        if (p <= Decimal.MAX_INT_DIGITS()) {
          for (int r = 0; r < rows; r++) {
            v.putInt(r, (int) a[r]);
          }
        } else {
          v.putLongs(0, rows, a, 0);
        }
        return;
      }
      for (int r = 0; r < rows; r++) {
        if (b.isNull(c, r)) {
          continue;
        }
        if (p > 18 && (overflow == null || overflow[r] == null)) {
          int from = scales != null ? scales[r] : b.scale(c);
          if (from <= s && s - from < POW10.length) {
            long m = POW10[s - from];
            long hi = Math.multiplyHigh(a[r], m);
            long lo = a[r] * m;
            if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
              v.putByteArray(r, scratch, 0, twosComplement(lo)); // p > 18 digits hold any long
              continue;
            }
          }
        }
        v.putDecimal(r, decimal(b, c, r, p, s), p);
      }
    }

    /** {@code x} as big-endian two's complement bytes in {@code scratch}, as few as hold it; how many. */
    private int twosComplement(long x) {
      int bits = 64 - Long.numberOfLeadingZeros(x < 0 ? ~x : x);
      int n = bits / 8 + 1;
      for (int i = n - 1; i >= 0; i--) {
        scratch[i] = (byte) x;
        x >>= 8;
      }
      return n;
    }
  }
}
