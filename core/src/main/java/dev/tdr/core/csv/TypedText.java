package dev.tdr.core.csv;

import dev.tdr.core.Column;
import dev.tdr.core.ColumnType;

/**
 * One field's text to its typed value, the same for every reader: the general CSV parser converts
 * every field here, the byte decoder every field that is not in the canonical form it converts
 * itself. So both give the same value and the same verdict for any text.
 */
public final class TypedText {
  private TypedText() {}

  /**
   * Converts {@code v} (not NULL) for column {@code c} of type {@code type} into {@code sink}.
   *
   * @throws IllegalArgumentException if {@code v} is not a value of the type
   */
  public static void convert(ColumnType type, int c, String v, RowSink sink) {
    switch (type) {
      case SMALLINT, INTEGER -> sink.intValue(c, ValueParser.parseInt(v));
      case BIGINT -> sink.longValue(c, ValueParser.parseLong(v));
      case DECIMAL -> sink.decimalValue(c, ValueParser.parseDecimal(v));
      case REAL -> sink.floatValue(c, ValueParser.parseFloat(v));
      case DOUBLE -> sink.doubleValue(c, ValueParser.parseDouble(v));
      case BOOLEAN -> sink.booleanValue(c, ValueParser.parseBoolean(v));
      case CHAR, VARCHAR, SUPER -> sink.stringValue(c, v);
      case DATE -> sink.dateValue(c, ValueParser.parseDate(v));
      case TIMESTAMP -> sink.timestampValue(c, ValueParser.parseTimestamp(v));
      case TIMESTAMPTZ -> sink.timestampValue(c, ValueParser.parseTimestampTz(v));
      case TIME -> sink.timeValue(c, ValueParser.parseTime(v));
      case TIMETZ -> sink.timeValue(c, ValueParser.parseTimeTz(v));
      case VARBYTE, GEOMETRY -> sink.bytesValue(c, ValueParser.parseHex(v));
    }
  }

  /** The message of a field that is not a value of its column's type. */
  public static String notAValue(Column column, String v, IllegalArgumentException e) {
    String shown = v.length() > 60 ? v.substring(0, 57) + "..." : v;
    return "column '" + column.name() + "' (" + column.type() + "): '" + shown + "' is not a "
        + column.type() + " value (" + (e instanceof NumberFormatException ? "not a number" : e.getMessage()) + ")";
  }
}
