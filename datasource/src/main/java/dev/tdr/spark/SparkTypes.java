package dev.tdr.spark;

import dev.tdr.core.Column;
import dev.tdr.core.ColumnType;
import dev.tdr.core.Schema;
import dev.tdr.core.read.Columns;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Decimal;
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
      this.precision = new int[types.length];
      this.scale = new int[types.length];
      for (int i = 0; i < types.length; i++) {
        DataType t = type(parsed.column(i), timeType);
        if (t instanceof org.apache.spark.sql.types.DecimalType d) {
          precision[i] = d.precision();
          scale[i] = d.scale();
        }
      }
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
          return types[c] == ColumnType.TIME || types[c] == ColumnType.TIMETZ ? time(c, v) : (Object) v;
        case DECIMAL:
          if (b.decimalScales(c) == null && b.scale(c) == scale[c]
              && (b.decimalOverflow(c) == null || b.decimalOverflow(c)[r] == null)) {
            return Decimal.apply(b.longs(c)[r], precision[c], scale[c]);
          }
          return Decimal.apply(b.decimal(c, r), precision[c], scale[c]);
        case FLOAT:
          return b.floats(c)[r];
        case DOUBLE:
          return b.doubles(c)[r];
        case BOOLEAN:
          return b.booleans(c)[r];
        default:
          Object x = b.objects(c)[r];
          if (x instanceof String s) {
            return UTF8String.fromString(s);
          }
          return x; // byte[]
      }
    }

    private Object time(int c, long microsOfDay) {
      if (types[c] == ColumnType.TIME && timeType) {
        return microsOfDay * 1000L; // TimeType holds nanoseconds of the day
      }
      LocalTime t = microsOfDay >= 86_400_000_000L ? LocalTime.MAX : LocalTime.ofNanoOfDay(microsOfDay * 1000);
      return UTF8String.fromString(TIME.format(t) + (types[c] == ColumnType.TIMETZ ? "+00:00" : ""));
    }
  }
}
