package dev.tdr.core.csv;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Collects parsed values as rows of objects, for assertions. */
final class RecordingSink implements RowSink {
  final List<List<Object>> rows = new ArrayList<>();
  private final Object[] current;

  RecordingSink(int columns) {
    current = new Object[columns];
  }

  @Override public void nullValue(int c) { current[c] = null; }
  @Override public void intValue(int c, int v) { current[c] = v; }
  @Override public void longValue(int c, long v) { current[c] = v; }
  @Override public void floatValue(int c, float v) { current[c] = v; }
  @Override public void doubleValue(int c, double v) { current[c] = v; }
  @Override public void booleanValue(int c, boolean v) { current[c] = v; }
  @Override public void decimalValue(int c, BigDecimal v) { current[c] = v; }
  @Override public void stringValue(int c, String v) { current[c] = v; }
  @Override public void dateValue(int c, int d) { current[c] = "date:" + d; }
  @Override public void timestampValue(int c, long m) { current[c] = "ts:" + m; }
  @Override public void timeValue(int c, long m) { current[c] = "time:" + m; }
  @Override public void bytesValue(int c, byte[] v) { current[c] = "bytes:" + java.util.HexFormat.of().formatHex(v); }

  @Override
  public void endRow() {
    rows.add(new ArrayList<>(Arrays.asList(current)));
    Arrays.fill(current, null);
  }
}
