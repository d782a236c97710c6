package dev.tdr.spark;

import dev.tdr.core.Column;
import dev.tdr.core.ColumnType;
import dev.tdr.core.Schema;
import dev.tdr.core.csv.RowSink;
import java.math.BigDecimal;
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
 * Redshift types to Spark types, and parsed values to Spark's internal values: the one place
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
   * Fills a reused {@link GenericInternalRow} from parsed values; {@code output[c]} is the row
   * position of parsed column {@code c}, or -1 to drop it (pruned columns of a manifest read).
   */
  static final class RowWriter implements RowSink {
    private final ColumnType[] types;
    private final int[] output;
    private final int[] precision;
    private final int[] scale;
    private final boolean timeType;
    private final Object[] values;
    private final GenericInternalRow row;

    RowWriter(Schema parsed, int[] output, int width, boolean timeType) {
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

    InternalRow row() {
      return row;
    }

    private void set(int c, Object v) {
      int o = output[c];
      if (o >= 0) {
        values[o] = v;
      }
    }

    @Override
    public void nullValue(int c) {
      set(c, null);
    }

    @Override
    public void intValue(int c, int v) {
      set(c, types[c] == ColumnType.SMALLINT ? (Object) (short) v : (Object) v);
    }

    @Override
    public void longValue(int c, long v) {
      set(c, v);
    }

    @Override
    public void floatValue(int c, float v) {
      set(c, v);
    }

    @Override
    public void doubleValue(int c, double v) {
      set(c, v);
    }

    @Override
    public void booleanValue(int c, boolean v) {
      set(c, v);
    }

    @Override
    public void decimalValue(int c, BigDecimal v) {
      if (output[c] < 0) {
        return;
      }
      Decimal d = Decimal.apply(v, precision[c], scale[c]);
      set(c, d);
    }

    @Override
    public void stringValue(int c, String v) {
      set(c, UTF8String.fromString(v));
    }

    @Override
    public void dateValue(int c, int epochDay) {
      set(c, epochDay);
    }

    @Override
    public void timestampValue(int c, long epochMicros) {
      set(c, epochMicros);
    }

    @Override
    public void timeValue(int c, long microsOfDay) {
      if (output[c] < 0) {
        return;
      }
      if (types[c] == ColumnType.TIME && timeType) {
        set(c, microsOfDay * 1000L); // TimeType holds nanoseconds of the day
        return;
      }
      LocalTime t = microsOfDay >= 86_400_000_000L ? LocalTime.MAX : LocalTime.ofNanoOfDay(microsOfDay * 1000);
      set(c, UTF8String.fromString(TIME.format(t) + (types[c] == ColumnType.TIMETZ ? "+00:00" : "")));
    }

    @Override
    public void bytesValue(int c, byte[] v) {
      set(c, v);
    }

    @Override
    public void endRow() {
      // the row is complete; the reader hands it to Spark
    }
  }
}
