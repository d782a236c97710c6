package dev.tdr.notebook.profile;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/** Numbers written for the reports: compact, with thousands separators, as percentages, in binary units, for JSON and for SVG. */
final class NumberFormats {
  private NumberFormats() {}

  /**
   * A compact number: integral values as plain digits (below 1e15), others with 6 significant
   * digits (never rounding the integer part away), very small or large ones in E notation.
   */
  static String num(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    double a = Math.abs(d);
    if (d == Math.rint(d) && a < 1e15) {
      return Long.toString((long) d);
    }
    if (a >= 1e-4 && a < 1e15) {
      int intDigits = a >= 1 ? (int) Math.floor(Math.log10(a)) + 1 : 0;
      BigDecimal b = new BigDecimal(d).round(new MathContext(Math.max(6, intDigits), RoundingMode.HALF_EVEN));
      String s = b.stripTrailingZeros().toPlainString();
      return s.equals("-0") ? "0" : s;
    }
    String s = String.format(Locale.ROOT, "%.5e", d); // 1.23400e-05
    int e = s.indexOf('e');
    String mant = s.substring(0, e).replaceAll("0+$", "");
    if (mant.endsWith(".")) {
      mant = mant.substring(0, mant.length() - 1);
    }
    String exp = s.substring(e + 1);
    int x = Integer.parseInt(exp);
    return mant + "e" + x;
  }

  /**
   * A numeric column's min or max for people: exact text for integers and decimals, {@link #num}
   * for double and real.
   */
  static String stat(ColumnProfile c, boolean max) {
    NumericStats n = c.numeric();
    String t = max ? n.maxText() : n.minText();
    if (t == null) {
      return "NaN";
    }
    if (c.kind() == dev.tdr.notebook.ValueKind.DOUBLE || c.kind() == dev.tdr.notebook.ValueKind.REAL) {
      return num(max ? n.max() : n.min());
    }
    return t;
  }

  /** A number as JSON allows it: NaN and ±Infinity become the strings NaN, Infinity, -Infinity. */
  static Object json(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    return d;
  }

  /** A count with thousands separators: 1,000,000. */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** A ratio as a percentage with one decimal: 12.5%. */
  static String pct(double ratio) {
    return String.format(Locale.ROOT, "%.1f%%", ratio * 100);
  }

  /** Bytes in binary units: 512 B, 1.5 KiB, 3.2 MiB. */
  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  /** A number for an SVG attribute: '.' decimals whatever the locale, at most 2 decimals. */
  static String svg(double d) {
    if (!Double.isFinite(d)) {
      return "0";
    }
    String s = String.format(Locale.ROOT, "%.2f", d);
    if (s.indexOf('.') >= 0) {
      s = s.replaceAll("0+$", "");
      if (s.endsWith(".")) {
        s = s.substring(0, s.length() - 1);
      }
    }
    return s.equals("-0") ? "0" : s;
  }
}
