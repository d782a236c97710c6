package dev.tdr.notebook.profile;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Values of the various Java classes converted for counting and ordering: keys for distinct
 * counting and row equality, comparisons of numbers and times, and the numbers temporal histograms count.
 */
final class ValueKeys {
  private ValueKeys() {}

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

  /** Exact for BigDecimal and integers, by double otherwise. */
  static int compareNumbers(Number a, Number b) {
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y);
    }
    if (isLong(a) && isLong(b)) {
      return Long.compare(a.longValue(), b.longValue());
    }
    if (a instanceof BigInteger x && b instanceof BigInteger y) {
      return x.compareTo(y);
    }
    return Double.compare(a.doubleValue(), b.doubleValue());
  }

  private static boolean isLong(Number x) {
    return x instanceof Long || x instanceof Integer || x instanceof Short || x instanceof Byte;
  }

  /** Zoned values compare by instant; others as themselves. */
  static Object temporalKey(Object v) {
    if (v instanceof OffsetDateTime t) {
      return t.toInstant();
    }
    if (v instanceof ZonedDateTime t) {
      return t.toInstant();
    }
    return v;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compareTemporal(Object a, Object b) {
    try {
      return ((Comparable) a).compareTo(b);
    } catch (ClassCastException e) {
      return 0; // mixed classes: keep the first one found
    }
  }

  /** The number a temporal value's histogram counts (see {@link TemporalStats#histogramUnit()}). */
  static double epoch(Object v) {
    if (v instanceof LocalDate d) {
      return d.toEpochDay();
    }
    if (v instanceof LocalDateTime t) {
      return epochSecond(t);
    }
    if (v instanceof OffsetDateTime t) {
      return t.toEpochSecond() + t.getNano() / 1e9;
    }
    if (v instanceof ZonedDateTime t) {
      return t.toEpochSecond() + t.getNano() / 1e9;
    }
    if (v instanceof Instant t) {
      return t.getEpochSecond() + t.getNano() / 1e9;
    }
    if (v instanceof LocalTime t) {
      return t.toNanoOfDay() / 1e9;
    }
    return Double.NaN;
  }

  /** A UTC offset's epoch second of a LocalDateTime with its nanos. */
  static double epochSecond(LocalDateTime t) {
    return t.toEpochSecond(ZoneOffset.UTC) + t.getNano() / 1e9;
  }
}
