package dev.tdr.testkit.unload;


/**
 * Converts one wire value (PostgreSQL text or binary format) into the bytes Redshift writes for
 * it, before any delimiter quoting or escaping.
 */
final class ValueRenderer {
  private static final long PG_EPOCH_DAYS = 10_957; // 2000-01-01 as days since 1970-01-01
  private static final long MICROS_PER_DAY = 86_400_000_000L;
  private static final byte[] NAN = bytes("nan");
  private static final byte[] INF = bytes("inf");
  private static final byte[] NEG_INF = bytes("-inf");
  private static final byte[] HEX = bytes("0123456789abcdef");

  private ValueRenderer() {}

  private static byte[] bytes(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  /**
   * Renders {@code v[off, off+len)} of kind {@code kind}. Returns {@code null} if the input bytes
   * are already the output (the common case), else leaves the output in {@code scratch}.
   */
  static ByteBuf render(ColumnKind kind, byte[] v, int off, int len, ByteBuf scratch) {
    switch (kind) {
      case PLAIN, VARCHAR:
        return null;
      case NUMBER:
        return specialNumber(v, off, len, scratch);
      case CHAR: {
        int end = off + len;
        while (end > off && v[end - 1] == ' ') {
          end--;
        }
        scratch.clear();
        scratch.add(v, off, end - off);
        return scratch;
      }
      case JSON:
        return compactJson(v, off, len, scratch);
      case DATE:
        scratch.clear();
        date(v, off, scratch);
        return scratch;
      case TIMESTAMP:
        scratch.clear();
        timestamp(readLong(v, off), false, scratch);
        return scratch;
      case TIMESTAMPTZ:
        scratch.clear();
        timestamp(readLong(v, off), true, scratch);
        return scratch;
      case TIME:
        scratch.clear();
        timeOfDay(readLong(v, off), scratch);
        return scratch;
      case TIMETZ: {
        scratch.clear();
        long micros = readLong(v, off);
        int zoneWest = readInt(v, off + 8);
        long utc = Math.floorMod(micros + zoneWest * 1_000_000L, MICROS_PER_DAY);
        timeOfDay(utc, scratch);
        scratch.add("+00");
        return scratch;
      }
      case BYTES:
        scratch.clear();
        for (int i = off; i < off + len; i++) {
          scratch.add(HEX[(v[i] >> 4) & 0xf]);
          scratch.add(HEX[v[i] & 0xf]);
        }
        return scratch;
      default:
        throw new IllegalStateException(kind.name());
    }
  }

  private static ByteBuf specialNumber(byte[] v, int off, int len, ByteBuf scratch) {
    byte[] repl = null;
    if (len == 3 && v[off] == 'N' && v[off + 1] == 'a' && v[off + 2] == 'N') {
      repl = NAN;
    } else if (len == 8 && v[off] == 'I') {
      repl = INF; // Infinity
    } else if (len == 9 && v[off] == '-' && v[off + 1] == 'I') {
      repl = NEG_INF;
    }
    if (repl == null) {
      return null;
    }
    scratch.clear();
    scratch.add(repl);
    return scratch;
  }

  /** Removes whitespace outside strings: {@code {"a": [1, 2]}} becomes {@code {"a":[1,2]}}. */
  private static ByteBuf compactJson(byte[] v, int off, int len, ByteBuf scratch) {
    scratch.clear();
    boolean inString = false;
    for (int i = off; i < off + len; i++) {
      byte b = v[i];
      if (inString) {
        scratch.add(b);
        if (b == '\\' && i + 1 < off + len) {
          scratch.add(v[++i]);
        } else if (b == '"') {
          inString = false;
        }
      } else if (b == '"') {
        inString = true;
        scratch.add(b);
      } else if (b != ' ' && b != '\n' && b != '\t' && b != '\r') {
        scratch.add(b);
      }
    }
    return scratch;
  }

  private static void date(byte[] v, int off, ByteBuf out) {
    int days = readInt(v, off);
    if (days == Integer.MAX_VALUE) {
      out.add("infinity");
      return;
    }
    if (days == Integer.MIN_VALUE) {
      out.add("-infinity");
      return;
    }
    boolean bc = datePart(days + PG_EPOCH_DAYS, out);
    if (bc) {
      out.add(" BC");
    }
  }

  /**
   * Appends yyyy-mm-dd (year of era) of the day {@code epochDay} days after 1970-01-01, proleptic
   * Gregorian as java.time; returns true if the date is BC.
   */
  private static boolean datePart(long epochDay, ByteBuf out) {
    // civil from days (H. Hinnant)
    long z = epochDay + 719_468;
    long era = (z >= 0 ? z : z - 146_096) / 146_097;
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int day = (int) (doy - (153 * mp + 2) / 5 + 1);
    int month = (int) (mp < 10 ? mp + 3 : mp - 9);
    long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    boolean bc = year <= 0;
    out.addPadded(bc ? 1 - year : year, 4);
    out.add('-');
    out.add2(month);
    out.add('-');
    out.add2(day);
    return bc;
  }

  private static void timestamp(long pgMicros, boolean utcZone, ByteBuf out) {
    if (pgMicros == Long.MAX_VALUE) {
      out.add("infinity");
      return;
    }
    if (pgMicros == Long.MIN_VALUE) {
      out.add("-infinity");
      return;
    }
    long day = Math.floorDiv(pgMicros, MICROS_PER_DAY);
    long timeOfDay = Math.floorMod(pgMicros, MICROS_PER_DAY);
    boolean bc = datePart(day + PG_EPOCH_DAYS, out);
    out.add(' ');
    timeOfDay(timeOfDay, out);
    if (utcZone) {
      out.add("+00");
    }
    if (bc) {
      out.add(" BC");
    }
  }

  /** HH:MM:SS with a fraction only when non-zero, trailing zeros removed (as PostgreSQL). */
  private static void timeOfDay(long micros, ByteBuf out) {
    long secs = micros / 1_000_000;
    long frac = micros % 1_000_000;
    out.addPadded(secs / 3600, 2);
    out.add(':');
    out.add2((int) ((secs / 60) % 60));
    out.add(':');
    out.add2((int) (secs % 60));
    if (frac != 0) {
      out.add('.');
      int digits = 6;
      while (frac % 10 == 0) {
        frac /= 10;
        digits--;
      }
      out.addPadded(frac, digits);
    }
  }

  static long readLong(byte[] b, int off) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[off + i] & 0xff);
    }
    return v;
  }

  static int readInt(byte[] b, int off) {
    return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8)
        | (b[off + 3] & 0xff);
  }
}
