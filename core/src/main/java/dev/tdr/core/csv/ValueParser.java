package dev.tdr.core.csv;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import ch.randelshofer.fastdoubleparser.JavaFloatParser;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.HexFormat;

/**
 * Parses the text Redshift writes for each type (see {@code docs/emulator.md}) into the
 * representations of {@link RowSink}. Every method throws {@link IllegalArgumentException} with
 * a short reason when the text is not a value of the type.
 */
public final class ValueParser {
  private static final long MICROS_PER_DAY = 86_400_000_000L;

  private ValueParser() {}

  public static int parseInt(String s) {
    return Integer.parseInt(s);
  }

  public static long parseLong(String s) {
    return Long.parseLong(s);
  }

  public static float parseFloat(String s) {
    Float special = specialFloat(s);
    return special != null ? special : JavaFloatParser.parseFloat(s);
  }

  /** Like {@link Double#parseDouble} (the same correctly rounded value), several times faster. */
  public static double parseDouble(String s) {
    Float special = specialFloat(s);
    return special != null ? special.doubleValue() : JavaDoubleParser.parseDouble(s);
  }

  private static Float specialFloat(String s) {
    switch (s.length()) {
      case 3:
        if (s.equalsIgnoreCase("nan")) {
          return Float.NaN;
        }
        if (s.equalsIgnoreCase("inf")) {
          return Float.POSITIVE_INFINITY;
        }
        return null;
      case 4:
        if (s.equalsIgnoreCase("-inf")) {
          return Float.NEGATIVE_INFINITY;
        }
        if (s.equalsIgnoreCase("+inf")) {
          return Float.POSITIVE_INFINITY;
        }
        return null;
      case 8:
        return s.equalsIgnoreCase("infinity") ? Float.POSITIVE_INFINITY : null;
      case 9:
        return s.equalsIgnoreCase("-infinity") ? Float.NEGATIVE_INFINITY : null;
      default:
        return null;
    }
  }

  public static boolean parseBoolean(String s) {
    if (s.length() == 1) {
      char c = s.charAt(0);
      if (c == 't' || c == '1' || c == 'T') {
        return true;
      }
      if (c == 'f' || c == '0' || c == 'F') {
        return false;
      }
    } else if (s.equalsIgnoreCase("true")) {
      return true;
    } else if (s.equalsIgnoreCase("false")) {
      return false;
    }
    throw new IllegalArgumentException("not a boolean");
  }

  /**
   * Like {@code new BigDecimal(s)}; plain decimals of up to 18 digits (what DECIMAL(p<=18)
   * columns hold) take a fast path without the general parser.
   */
  public static BigDecimal parseDecimal(String s) {
    int n = s.length();
    int i = 0;
    boolean negative = false;
    if (n > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      negative = s.charAt(0) == '-';
      i = 1;
    }
    long unscaled = 0;
    int digits = 0;
    int scale = -1;
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        if (++digits > 18) {
          return new BigDecimal(s);
        }
        unscaled = unscaled * 10 + (c - '0');
        if (scale >= 0) {
          scale++;
        }
      } else if (c == '.' && scale < 0) {
        scale = 0;
      } else {
        return new BigDecimal(s); // an exponent, or not a number: the general parser decides
      }
    }
    if (digits == 0) {
      return new BigDecimal(s);
    }
    return BigDecimal.valueOf(negative ? -unscaled : unscaled, Math.max(scale, 0));
  }

  /** {@code yyyy-MM-dd} (optionally {@code ' BC'}) as days since 1970-01-01. */
  public static int parseDate(String s) {
    return (int) epochDay(s, 0, dateEnd(s));
  }

  /** {@code yyyy-MM-dd HH:mm:ss[.ffffff]} as microseconds since 1970-01-01T00:00. */
  public static long parseTimestamp(String s) {
    int dateEnd = s.indexOf(' ');
    if (dateEnd < 0) {
      throw new IllegalArgumentException("not a timestamp");
    }
    long day = epochDay(s, 0, dateEnd);
    int end = bcEnd(s);
    long time = timeOfDay(s, dateEnd + 1, end, false);
    return day * MICROS_PER_DAY + time;
  }

  /** {@code yyyy-MM-dd HH:mm:ss[.ffffff]±HH[:MM[:SS]]} as microseconds since the epoch, UTC. */
  public static long parseTimestampTz(String s) {
    int dateEnd = s.indexOf(' ');
    if (dateEnd < 0) {
      throw new IllegalArgumentException("not a timestamp with time zone");
    }
    long day = epochDay(s, 0, dateEnd);
    int end = bcEnd(s);
    long local = timeOfDay(s, dateEnd + 1, end, true);
    return day * MICROS_PER_DAY + local;
  }

  /** {@code HH:mm:ss[.ffffff]} as microseconds of the day. */
  public static long parseTime(String s) {
    return timeOfDay(s, 0, s.length(), false);
  }

  /** {@code HH:mm:ss[.ffffff]±HH[:MM]} as microseconds of the day in UTC. */
  public static long parseTimeTz(String s) {
    return Math.floorMod(timeOfDay(s, 0, s.length(), true), MICROS_PER_DAY);
  }

  /** Lower- or upper-case hex, optionally with PostgreSQL's {@code \x} prefix. */
  public static byte[] parseHex(String s) {
    String hex = s.startsWith("\\x") ? s.substring(2) : s;
    if ((hex.length() & 1) != 0) {
      throw new IllegalArgumentException("odd number of hex digits");
    }
    return HexFormat.of().parseHex(hex);
  }

  // ------------------------------------------------------------------ internals

  private static int dateEnd(String s) {
    return bcEnd(s);
  }

  private static int bcEnd(String s) {
    return s.endsWith(" BC") ? s.length() - 3 : s.length();
  }

  private static long epochDay(String s, int from, int to) {
    boolean bc = s.endsWith(" BC");
    int d1 = s.indexOf('-', from + 1);
    int d2 = d1 < 0 ? -1 : s.indexOf('-', d1 + 1);
    if (d1 < 0 || d2 < 0 || d2 + 3 != to) {
      throw new IllegalArgumentException("not a date (yyyy-MM-dd)");
    }
    int year = digits(s, from, d1);
    int month = digits(s, d1 + 1, d2);
    int day = digits(s, d2 + 1, to);
    if (bc) {
      year = 1 - year;
    }
    try {
      return LocalDate.of(year, month, day).toEpochDay();
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("not a valid date: " + e.getMessage());
    }
  }

  /**
   * Microseconds of the day for {@code HH:mm:ss[.f{1,6}]} at {@code [from, to)}, minus the
   * offset that follows when {@code zoned} (so the result is UTC, possibly outside one day).
   */
  private static long timeOfDay(String s, int from, int to, boolean zoned) {
    if (to - from < 8 || s.charAt(from + 2) != ':' || s.charAt(from + 5) != ':') {
      throw new IllegalArgumentException("not a time (HH:mm:ss)");
    }
    int h = digits(s, from, from + 2);
    int m = digits(s, from + 3, from + 5);
    int sec = digits(s, from + 6, from + 8);
    if (h > 24 || m > 59 || sec > 60) {
      throw new IllegalArgumentException("time out of range");
    }
    long micros = ((h * 60L + m) * 60L + sec) * 1_000_000L;
    int p = from + 8;
    if (p < to && s.charAt(p) == '.') {
      int start = ++p;
      long frac = 0;
      while (p < to && Character.isDigit(s.charAt(p))) {
        if (p - start < 6) {
          frac = frac * 10 + (s.charAt(p) - '0');
        }
        p++;
      }
      int n = Math.min(p - start, 6);
      if (n == 0) {
        throw new IllegalArgumentException("empty fraction of a second");
      }
      for (int i = n; i < 6; i++) {
        frac *= 10;
      }
      micros += frac;
    }
    if (p == to) {
      if (zoned) {
        throw new IllegalArgumentException("missing time zone offset");
      }
      return micros;
    }
    if (!zoned) {
      throw new IllegalArgumentException("unexpected text after the time");
    }
    char sign = s.charAt(p);
    if (sign != '+' && sign != '-') {
      throw new IllegalArgumentException("not a time zone offset");
    }
    int oh = digits(s, p + 1, Math.min(p + 3, to));
    int om = 0;
    int os = 0;
    int q = p + 3;
    if (q < to) {
      if (s.charAt(q) != ':') {
        throw new IllegalArgumentException("not a time zone offset");
      }
      om = digits(s, q + 1, q + 3);
      q += 3;
      if (q < to) {
        if (s.charAt(q) != ':') {
          throw new IllegalArgumentException("not a time zone offset");
        }
        os = digits(s, q + 1, q + 3);
        q += 3;
      }
    }
    if (q != to) {
      throw new IllegalArgumentException("unexpected text after the time zone offset");
    }
    long offset = ((oh * 60L + om) * 60L + os) * 1_000_000L;
    return sign == '+' ? micros - offset : micros + offset;
  }

  private static int digits(String s, int from, int to) {
    if (from >= to || to > s.length()) {
      throw new IllegalArgumentException("missing digits");
    }
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException("'" + c + "' is not a digit");
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
