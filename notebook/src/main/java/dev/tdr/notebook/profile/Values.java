package dev.tdr.notebook.profile;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Value keys, display text, size estimates and number formats for the profile. */
final class Values {
  private static final int HEX_BYTES = 32;
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Values() {}

  /**
   * The value as a key for distinct counting and row equality: integers widen to Long, BigDecimal
   * loses trailing zeros, -0.0 becomes 0.0, byte[] compares by content.
   */
  static Object key(Object v) {
    if (v == null || v instanceof String) {
      return v;
    }
    if (v instanceof Integer i) {
      return (long) i;
    }
    if (v instanceof Long) {
      return v;
    }
    if (v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Double d) {
      return d == 0.0 ? (Object) 0.0 : d;
    }
    if (v instanceof Float f) {
      return f == 0.0f ? (Object) 0.0f : f;
    }
    if (v instanceof BigDecimal b) {
      return b.signum() == 0 ? BigDecimal.ZERO : b.stripTrailingZeros();
    }
    if (v instanceof BigInteger b && b.bitLength() < 64) {
      return b.longValue();
    }
    if (v instanceof byte[] b) {
      return ByteBuffer.wrap(b);
    }
    if (v instanceof CharSequence || v instanceof Character) {
      return v.toString();
    }
    return v;
  }

  /** The display text of a non-null value (see {@link ColumnProfile#topValues()}). */
  static String display(Object v) {
    if (v == null) {
      return "NULL";
    }
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof BigDecimal b) {
      return b.toPlainString();
    }
    if (v instanceof LocalDateTime t) {
      return iso(t);
    }
    if (v instanceof OffsetDateTime t) {
      StringBuilder b = new StringBuilder(40);
      iso(b, t.toLocalDateTime());
      return b.append(t.getOffset().getId()).toString();
    }
    if (v instanceof ZonedDateTime t) {
      return DateTimeFormatter.ISO_ZONED_DATE_TIME.format(t);
    }
    if (v instanceof LocalTime t) {
      StringBuilder b = new StringBuilder(18);
      time(b, t);
      return b.toString();
    }
    if (v instanceof OffsetTime t) {
      StringBuilder b = new StringBuilder(24);
      time(b, t.toLocalTime());
      return b.append(t.getOffset().getId()).toString();
    }
    if (v instanceof byte[] b) {
      int n = Math.min(b.length, HEX_BYTES);
      StringBuilder s = new StringBuilder(2 + 2 * n + 1).append("\\x");
      for (int i = 0; i < n; i++) {
        s.append(HEX[(b[i] >> 4) & 0xf]).append(HEX[b[i] & 0xf]);
      }
      if (b.length > n) {
        s.append('…');
      }
      return s.toString();
    }
    return v.toString();
  }

  /** As {@link DateTimeFormatter#ISO_LOCAL_DATE_TIME} formats it, faster. */
  static String iso(LocalDateTime t) {
    StringBuilder b = new StringBuilder(32);
    iso(b, t);
    return b.toString();
  }

  private static void iso(StringBuilder b, LocalDateTime t) {
    b.append(t.toLocalDate()).append('T');
    time(b, t.toLocalTime());
  }

  /** HH:mm:ss and, when not 0, the nanoseconds without trailing zeros (as ISO_LOCAL_TIME). */
  private static void time(StringBuilder b, LocalTime t) {
    two(b, t.getHour()).append(':');
    two(b, t.getMinute()).append(':');
    two(b, t.getSecond());
    int nano = t.getNano();
    if (nano > 0) {
      String f = Integer.toString(nano + 1_000_000_000);
      int end = f.length();
      while (f.charAt(end - 1) == '0') {
        end--;
      }
      b.append('.').append(f, 1, end);
    }
  }

  private static StringBuilder two(StringBuilder b, int n) {
    return b.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
  }

  /** The heap estimate of one non-null value (see {@link TableSummary#memoryBytes()}). */
  static long size(Object v) {
    if (v instanceof String s) {
      boolean latin1 = true;
      for (int i = 0, n = s.length(); i < n && latin1; i++) {
        latin1 = s.charAt(i) < 256;
      }
      return 24 + align(16L + (latin1 ? 1L : 2L) * s.length());
    }
    if (v instanceof Boolean) {
      return 0;
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte || v instanceof Float
        || v instanceof Character) {
      return 16;
    }
    if (v instanceof Long || v instanceof Double) {
      return 24;
    }
    if (v instanceof BigDecimal b) {
      return b.precision() > 18 ? 40 + 40 + align(16L + 4L * (b.precision() / 9 + 1)) : 40;
    }
    if (v instanceof BigInteger b) {
      return 40 + align(16L + 4L * (b.bitLength() / 32 + 1));
    }
    if (v instanceof LocalDate || v instanceof LocalTime || v instanceof Instant) {
      return 24;
    }
    if (v instanceof LocalDateTime) {
      return 72;
    }
    if (v instanceof OffsetDateTime || v instanceof ZonedDateTime) {
      return 96;
    }
    if (v instanceof OffsetTime) {
      return 48;
    }
    if (v instanceof byte[] b) {
      return align(16L + b.length);
    }
    return 16;
  }

  private static long align(long n) {
    return (n + 7) & ~7L;
  }

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

  /**
   * Text made safe to show on one line and in XML: newline as ↵, tab as →, other control
   * characters, lone surrogates and U+FFFE/U+FFFF as U+FFFD.
   */
  static String clean(String s) {
    StringBuilder b = null;
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      String r = null;
      if (c == '\n') {
        r = "↵";
      } else if (c == '\t') {
        r = "→";
      } else if (Character.isISOControl(c) || c == '\uFFFE' || c == '\uFFFF') {
        r = "\uFFFD";
      } else if (Character.isHighSurrogate(c)) {
        if (i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          if (b != null) {
            b.append(c).append(s.charAt(i + 1));
          }
          i++;
          continue;
        }
        r = "\uFFFD";
      } else if (Character.isLowSurrogate(c)) {
        r = "\uFFFD";
      }
      if (r != null && b == null) {
        b = new StringBuilder(n + 8).append(s, 0, i);
      }
      if (b != null) {
        if (r != null) {
          b.append(r);
        } else {
          b.append(c);
        }
      }
    }
    return b == null ? s : b.toString();
  }

  /** {@link #clean} and cut to {@code max} code points, the last one being "…" when cut. */
  static String label(String s, int max) {
    s = clean(s);
    if (s.codePointCount(0, s.length()) <= max) {
      return s;
    }
    return s.substring(0, s.offsetByCodePoints(0, Math.max(0, max - 1))) + "…";
  }

  /** Code points of a string. */
  static int width(String s) {
    return s.codePointCount(0, s.length());
  }

  /** {@code s} padded with spaces to {@code w} code points (right-aligned when {@code right}). */
  static String pad(String s, int w, boolean right) {
    int n = w - width(s);
    if (n <= 0) {
      return s;
    }
    String sp = " ".repeat(n);
    return right ? sp + s : s + sp;
  }

  /** A UTC offset's epoch second of a LocalDateTime with its nanos. */
  static double epochSecond(LocalDateTime t) {
    return t.toEpochSecond(ZoneOffset.UTC) + t.getNano() / 1e9;
  }
}
