package dev.tdr.core.csv;

import java.math.BigDecimal;

/**
 * Receives typed values one row at a time, column by column; no row objects and no boxing in
 * between. The general parser ({@link PartParser}) and the JDBC reader deliver their values
 * through it, into {@code dev.tdr.core.read.Columns#rowSink} (the byte decoder writes the
 * columns' arrays directly).
 *
 * <p>Representations: SMALLINT and INTEGER as {@code int}; DATE as days since 1970-01-01;
 * TIMESTAMP as microseconds since 1970-01-01T00:00 (wall clock); TIMESTAMPTZ as microseconds
 * since the epoch (UTC); TIME and TIMETZ as microseconds of the day (TIMETZ in UTC); CHAR,
 * VARCHAR and SUPER as String; VARBYTE and GEOMETRY as bytes.
 */
public interface RowSink {
  void nullValue(int column);

  void intValue(int column, int value);

  void longValue(int column, long value);

  void floatValue(int column, float value);

  void doubleValue(int column, double value);

  void booleanValue(int column, boolean value);

  void decimalValue(int column, BigDecimal value);

  void stringValue(int column, String value);

  void dateValue(int column, int epochDay);

  void timestampValue(int column, long epochMicros);

  void timeValue(int column, long microsOfDay);

  void bytesValue(int column, byte[] value);

  /** After the last column of a row. */
  void endRow();
}
