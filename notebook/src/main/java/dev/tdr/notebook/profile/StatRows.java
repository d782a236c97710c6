package dev.tdr.notebook.profile;

import dev.tdr.notebook.ValueKind;
import java.util.ArrayList;
import java.util.List;

/** A column's statistics as label/value rows, the same for the HTML and the text report. */
final class StatRows {
  private StatRows() {}

  /** Numeric, string, temporal and boolean rows that apply to {@code c}; min/max cut at {@code width}. */
  static List<String[]> of(ColumnProfile c, int width) {
    List<String[]> kv = new ArrayList<>();
    NumericStats n = c.numeric();
    if (n != null) {
      kv.add(new String[] {"min", Values.label(Values.stat(c, false), width)});
      kv.add(new String[] {"max", Values.label(Values.stat(c, true), width)});
      kv.add(new String[] {"mean", Values.num(n.mean())});
      kv.add(new String[] {"std", Values.num(n.std())});
      kv.add(new String[] {"5%", Values.num(n.p5())});
      kv.add(new String[] {"95%", Values.num(n.p95())});
      kv.add(new String[] {"25%", Values.num(n.p25())});
      kv.add(new String[] {"75%", Values.num(n.p75())});
      kv.add(new String[] {"median", Values.num(n.p50())});
      kv.add(new String[] {"skewness", Values.num(n.skewness())});
      kv.add(new String[] {"zeros", Values.count(n.zeros())});
      kv.add(new String[] {"negatives", Values.count(n.negatives())});
      if (c.kind() == ValueKind.DOUBLE || c.kind() == ValueKind.REAL || n.nanCount() + n.infiniteCount() > 0) {
        kv.add(new String[] {"NaN", Values.count(n.nanCount())});
        kv.add(new String[] {"±Infinity", Values.count(n.infiniteCount())});
      }
    }
    StringStats s = c.strings();
    if (s != null) {
      kv.add(new String[] {"min length", Integer.toString(s.minLength())});
      kv.add(new String[] {"max length", Integer.toString(s.maxLength())});
      kv.add(new String[] {"mean length", Values.num(s.meanLength())});
      kv.add(new String[] {"empty", Values.count(s.empty())});
      kv.add(new String[] {"blank", Values.count(s.blank())});
    }
    TemporalStats tm = c.temporal();
    if (tm != null) {
      kv.add(new String[] {"min", tm.min()});
      kv.add(new String[] {"max", tm.max()});
    }
    BooleanStats bs = c.booleans();
    if (bs != null) {
      kv.add(new String[] {"true", Values.count(bs.trues()) + " (" + Values.pct(ratio(bs.trues(), c.count())) + ")"});
      kv.add(new String[] {"false", Values.count(bs.falses()) + " (" + Values.pct(ratio(bs.falses(), c.count())) + ")"});
    }
    return kv;
  }

  static double ratio(long a, long b) {
    return b == 0 ? 0 : (double) a / b;
  }
}
