package dev.tdr.notebook.profile;

import dev.tdr.notebook.ValueKind;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Values of one kind as longs whose order is the values' order and whose equality is the
 * values' equality, so a column can be profiled from one sorted long[] instead of a HashMap.
 * {@link #encode} refuses a value it cannot represent exactly; the column then takes the general
 * (HashMap) way.
 */
abstract class LongCodec {
  /** The codec for a kind, or null when the kind has none. */
  static LongCodec of(ValueKind kind) {
    return switch (kind) {
      case SMALLINT, INTEGER, BIGINT -> new Integral();
      case DATE -> new Date();
      case TIMESTAMP -> new Timestamp();
      case TIMESTAMPTZ -> new TimestampTz();
      case TIME -> new Time();
      default -> null;
    };
  }

  /** Stores the value's code in {@code out[i]}; false when it has none. */
  abstract boolean encode(Object v, long[] out, int i);

  /** The display text of a code ({@link ValueText#display} of the value). */
  abstract String text(long code);

  /** The number statistics and histograms use. */
  abstract double number(long code);

  /** What {@link #number} counts for temporal kinds (see {@link TemporalStats#histogramUnit()}). */
  String unit() {
    return null;
  }

  private static final long MICROS = 1_000_000L;
  /** Epoch seconds whose microseconds fit a long with room to spare (about ±290,000 years). */
  private static final long MAX_SECONDS = Long.MAX_VALUE / MICROS - 1;

  private static boolean micros(long seconds, int nano, long[] out, int i) {
    if (nano % 1000 != 0 || seconds > MAX_SECONDS || seconds < -MAX_SECONDS) {
      return false;
    }
    out[i] = seconds * MICROS + nano / 1000;
    return true;
  }

  static final class Integral extends LongCodec {
    @Override
    boolean encode(Object v, long[] out, int i) {
      if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
        out[i] = ((Number) v).longValue();
        return true;
      }
      return false;
    }

    @Override
    String text(long code) {
      return Long.toString(code);
    }

    @Override
    double number(long code) {
      return code;
    }
  }

  static final class Date extends LongCodec {
    @Override
    boolean encode(Object v, long[] out, int i) {
      if (v instanceof LocalDate d) {
        out[i] = d.toEpochDay();
        return true;
      }
      return false;
    }

    @Override
    String text(long code) {
      return LocalDate.ofEpochDay(code).toString();
    }

    @Override
    double number(long code) {
      return code;
    }

    @Override
    String unit() {
      return "epochDay";
    }
  }

  /** Timestamps coded as microseconds since the epoch, counted in seconds. */
  abstract static class EpochMicros extends LongCodec {
    @Override
    double number(long code) {
      return code / 1e6;
    }

    @Override
    String unit() {
      return "epochSecond";
    }
  }

  static final class Timestamp extends EpochMicros {
    @Override
    boolean encode(Object v, long[] out, int i) {
      return v instanceof LocalDateTime t && micros(t.toEpochSecond(ZoneOffset.UTC), t.getNano(), out, i);
    }

    @Override
    String text(long code) {
      return ValueText.iso(LocalDateTime.ofEpochSecond(Math.floorDiv(code, MICROS),
          (int) Math.floorMod(code, MICROS) * 1000, ZoneOffset.UTC));
    }
  }

  /** OffsetDateTime values that all have one offset (else equal instants could differ). */
  static final class TimestampTz extends EpochMicros {
    private ZoneOffset offset;

    @Override
    boolean encode(Object v, long[] out, int i) {
      if (!(v instanceof OffsetDateTime t)) {
        return false;
      }
      if (offset == null) {
        offset = t.getOffset();
      } else if (!offset.equals(t.getOffset())) {
        return false;
      }
      return micros(t.toEpochSecond(), t.getNano(), out, i);
    }

    @Override
    String text(long code) {
      Instant at = Instant.ofEpochSecond(Math.floorDiv(code, MICROS), Math.floorMod(code, MICROS) * 1000);
      return ValueText.display(OffsetDateTime.ofInstant(at, offset));
    }
  }

  static final class Time extends LongCodec {
    @Override
    boolean encode(Object v, long[] out, int i) {
      if (v instanceof LocalTime t) {
        out[i] = t.toNanoOfDay();
        return true;
      }
      return false;
    }

    @Override
    String text(long code) {
      return ValueText.display(LocalTime.ofNanoOfDay(code));
    }

    @Override
    double number(long code) {
      return code / 1e9;
    }

    @Override
    String unit() {
      return "secondOfDay";
    }
  }
}
