package dev.tdr.notebook.profile;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import org.dflib.BooleanSeries;
import org.dflib.DoubleSeries;
import org.dflib.FloatSeries;
import org.dflib.IntSeries;
import org.dflib.LongSeries;
import org.dflib.Series;

/** Heap size estimates of a column's series and of its values (see {@link TableSummary#memoryBytes()}). */
final class MemoryEstimate {
  private MemoryEstimate() {}

  /** The series' own size: its primitive array, or 4 bytes a reference (values are added as read). */
  static long startMemory(Series<?> s) {
    long primitive = primitiveSize(s);
    return primitive < 0 ? 4L * s.size() : primitive;
  }

  /** Primitive series' size, or -1 for object series. */
  static long primitiveSize(Series<?> s) {
    if (s instanceof dev.tdr.UnboxedSeries u) {
      return u.heapBytes();
    }
    long n = s.size();
    if (s instanceof IntSeries || s instanceof FloatSeries) {
      return 4 * n;
    }
    if (s instanceof LongSeries || s instanceof DoubleSeries) {
      return 8 * n;
    }
    if (s instanceof BooleanSeries) {
      return n;
    }
    return -1;
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
}
