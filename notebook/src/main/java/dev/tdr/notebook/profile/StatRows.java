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
      kv.add(new String[] {"min", Labels.label(NumberFormats.stat(c, false), width)});
      kv.add(new String[] {"max", Labels.label(NumberFormats.stat(c, true), width)});
      kv.add(new String[] {"mean", NumberFormats.num(n.mean())});
      kv.add(new String[] {"std", NumberFormats.num(n.std())});
      kv.add(new String[] {"5%", NumberFormats.num(n.p5())});
      kv.add(new String[] {"95%", NumberFormats.num(n.p95())});
      kv.add(new String[] {"25%", NumberFormats.num(n.p25())});
      kv.add(new String[] {"75%", NumberFormats.num(n.p75())});
      kv.add(new String[] {"median", NumberFormats.num(n.p50())});
      kv.add(new String[] {"skewness", NumberFormats.num(n.skewness())});
      kv.add(new String[] {"zeros", NumberFormats.count(n.zeros())});
      kv.add(new String[] {"negatives", NumberFormats.count(n.negatives())});
      if (c.kind() == ValueKind.DOUBLE || c.kind() == ValueKind.REAL || n.nanCount() + n.infiniteCount() > 0) {
        kv.add(new String[] {"NaN", NumberFormats.count(n.nanCount())});
        kv.add(new String[] {"±Infinity", NumberFormats.count(n.infiniteCount())});
      }
    }
    StringStats s = c.strings();
    if (s != null) {
      kv.add(new String[] {"min length", Integer.toString(s.minLength())});
      kv.add(new String[] {"max length", Integer.toString(s.maxLength())});
      kv.add(new String[] {"mean length", NumberFormats.num(s.meanLength())});
      kv.add(new String[] {"empty", NumberFormats.count(s.empty())});
      kv.add(new String[] {"blank", NumberFormats.count(s.blank())});
    }
    TemporalStats tm = c.temporal();
    if (tm != null) {
      kv.add(new String[] {"min", tm.min()});
      kv.add(new String[] {"max", tm.max()});
    }
    BooleanStats bs = c.booleans();
    if (bs != null) {
      kv.add(new String[] {"true", NumberFormats.count(bs.trues()) + " (" + NumberFormats.pct(ratio(bs.trues(), c.count())) + ")"});
      kv.add(new String[] {"false", NumberFormats.count(bs.falses()) + " (" + NumberFormats.pct(ratio(bs.falses(), c.count())) + ")"});
    }
    return kv;
  }

  static double ratio(long a, long b) {
    return b == 0 ? 0 : (double) a / b;
  }
}
