package dev.tdr.notebook.profile;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** The display text of one profiled value (top values, min and max): ISO for times, hex for bytes. */
final class ValueText {
  private static final int HEX_BYTES = 32;
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private ValueText() {}

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
}
