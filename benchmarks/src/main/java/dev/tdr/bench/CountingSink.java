package dev.tdr.bench;

import dev.tdr.core.csv.RowSink;
import java.math.BigDecimal;

/** A sink that only folds every value into a checksum, so parsing cannot be optimised away. */
final class CountingSink implements RowSink {
  long sum;
  long rows;

  @Override
  public void nullValue(int column) {
    sum += column;
  }

  @Override
  public void intValue(int column, int value) {
    sum += value;
  }

  @Override
  public void longValue(int column, long value) {
    sum += value;
  }

  @Override
  public void floatValue(int column, float value) {
    sum += Float.floatToRawIntBits(value);
  }

  @Override
  public void doubleValue(int column, double value) {
    sum += Double.doubleToRawLongBits(value);
  }

  @Override
  public void booleanValue(int column, boolean value) {
    sum += value ? 1 : 0;
  }

  @Override
  public void decimalValue(int column, BigDecimal value) {
    sum += value.scale();
  }

  @Override
  public void stringValue(int column, String value) {
    sum += value.length();
  }

  @Override
  public void dateValue(int column, int epochDay) {
    sum += epochDay;
  }

  @Override
  public void timestampValue(int column, long epochMicros) {
    sum += epochMicros;
  }

  @Override
  public void timeValue(int column, long microsOfDay) {
    sum += microsOfDay;
  }

  @Override
  public void bytesValue(int column, byte[] value) {
    sum += value.length;
  }

  @Override
  public void endRow() {
    rows++;
  }
}
