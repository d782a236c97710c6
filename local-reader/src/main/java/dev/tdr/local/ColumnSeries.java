package dev.tdr.local;

import dev.tdr.UnboxedSeries;
import dev.tdr.core.ColumnType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import org.dflib.BooleanSeries;
import org.dflib.Series;
import org.dflib.series.ArraySeries;
import org.dflib.series.BooleanArraySeries;
import org.dflib.series.ObjectSeries;

/**
 * The DFLib series over a column of primitive values with a null bitmap (see {@link
 * UnboxedSeries}): one subclass per Java value type, each turning the stored number into its
 * value only when asked.
 */
abstract class ColumnSeries<T> extends ObjectSeries<T> implements UnboxedSeries {
  private static final long MICROS_PER_SECOND = 1_000_000L;

  private final ColumnType type;
  private final long[] nulls;
  private final int size;
  private final int bytesPerValue;
  private int nullCount = -1;

  ColumnSeries(Class<T> nominal, ColumnType type, long[] nulls, int size, int bytesPerValue) {
    super(nominal);
    this.type = type;
    this.nulls = nulls;
    this.size = size;
    this.bytesPerValue = bytesPerValue;
  }

  /** The value of a row that is not NULL. */
  abstract T value(int i);

  @Override
  public final ColumnType type() {
    return type;
  }

  @Override
  public final boolean isNullAt(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("index " + i + " of a series of " + size);
    }
    return (nulls[i >>> 6] & (1L << i)) != 0;
  }

  @Override
  public final int nullCount() {
    if (nullCount < 0) {
      int n = 0;
      int words = size >>> 6;
      for (int w = 0; w < words; w++) {
        n += Long.bitCount(nulls[w]);
      }
      if ((size & 63) != 0) {
        n += Long.bitCount(nulls[words] & ((1L << size) - 1));
      }
      nullCount = n;
    }
    return nullCount;
  }

  @Override
  public final long heapBytes() {
    return (long) size * bytesPerValue + 8L * nulls.length;
  }

  @Override
  public final int size() {
    return size;
  }

  @Override
  public final T get(int i) {
    return isNullAt(i) ? null : value(i);
  }

  @Override
  public void copyTo(Object[] to, int fromOffset, int toOffset, int len) {
    for (int k = 0; k < len; k++) {
      to[toOffset + k] = get(fromOffset + k);
    }
  }

  @Override
  public Series<T> materialize() {
    return this; // already in memory, and cheaper to keep unboxed
  }

  @Override
  public BooleanSeries isNull() {
    boolean[] b = new boolean[size];
    for (int i = 0; i < size; i++) {
      b[i] = (nulls[i >>> 6] & (1L << i)) != 0;
    }
    return new BooleanArraySeries(b);
  }

  @Override
  public BooleanSeries isNotNull() {
    boolean[] b = new boolean[size];
    for (int i = 0; i < size; i++) {
      b[i] = (nulls[i >>> 6] & (1L << i)) == 0;
    }
    return new BooleanArraySeries(b);
  }

  private Object[] boxed() {
    Object[] out = new Object[size];
    copyTo(out, 0, 0, size);
    return out;
  }

  @SuppressWarnings("unchecked")
  @Override
  public Series<T> fillNulls(T value) {
    if (nullCount() == 0) {
      return this;
    }
    Object[] out = boxed();
    for (int i = 0; i < size; i++) {
      if (out[i] == null) {
        out[i] = value;
      }
    }
    return new ArraySeries<>((T[]) out);
  }

  @SuppressWarnings("unchecked")
  @Override
  public Series<T> fillNullsFromSeries(Series<? extends T> values) {
    if (nullCount() == 0) {
      return this;
    }
    Object[] out = boxed();
    for (int i = 0; i < size; i++) {
      if (out[i] == null) {
        out[i] = values.get(i);
      }
    }
    return new ArraySeries<>((T[]) out);
  }

  @SuppressWarnings("unchecked")
  @Override
  public Series<T> fillNullsBackwards() {
    if (nullCount() == 0) {
      return this;
    }
    Object[] out = boxed();
    for (int i = size - 2; i >= 0; i--) {
      if (out[i] == null) {
        out[i] = out[i + 1];
      }
    }
    return new ArraySeries<>((T[]) out);
  }

  @SuppressWarnings("unchecked")
  @Override
  public Series<T> fillNullsForward() {
    if (nullCount() == 0) {
      return this;
    }
    Object[] out = boxed();
    for (int i = 1; i < size; i++) {
      if (out[i] == null) {
        out[i] = out[i - 1];
      }
    }
    return new ArraySeries<>((T[]) out);
  }

  // ---------------------------------------------------------------- one class per value type

  /** SMALLINT and INTEGER as Integer. */
  static final class Ints extends ColumnSeries<Integer> {
    private final int[] v;

    Ints(ColumnType type, int[] v, long[] nulls, int size) {
      super(Integer.class, type, nulls, size, 4);
      this.v = v;
    }

    @Override
    Integer value(int i) {
      return v[i];
    }
  }

  /** BIGINT as Long. */
  static final class Longs extends ColumnSeries<Long> {
    private final long[] v;

    Longs(long[] v, long[] nulls, int size) {
      super(Long.class, ColumnType.BIGINT, nulls, size, 8);
      this.v = v;
    }

    @Override
    Long value(int i) {
      return v[i];
    }
  }

  /** REAL as Float. */
  static final class Floats extends ColumnSeries<Float> {
    private final float[] v;

    Floats(float[] v, long[] nulls, int size) {
      super(Float.class, ColumnType.REAL, nulls, size, 4);
      this.v = v;
    }

    @Override
    Float value(int i) {
      return v[i];
    }
  }

  /** DOUBLE as Double. */
  static final class Doubles extends ColumnSeries<Double> {
    private final double[] v;

    Doubles(double[] v, long[] nulls, int size) {
      super(Double.class, ColumnType.DOUBLE, nulls, size, 8);
      this.v = v;
    }

    @Override
    Double value(int i) {
      return v[i];
    }
  }

  /** BOOLEAN as Boolean. */
  static final class Booleans extends ColumnSeries<Boolean> {
    private final boolean[] v;

    Booleans(boolean[] v, long[] nulls, int size) {
      super(Boolean.class, ColumnType.BOOLEAN, nulls, size, 1);
      this.v = v;
    }

    @Override
    Boolean value(int i) {
      return v[i];
    }
  }

  /**
   * DECIMAL as BigDecimal, from unscaled longs at the column's scale (or at each value's own scale
   * in {@code scales}), or from {@code overflow} for values of more than 18 digits.
   */
  static final class Decimals extends ColumnSeries<BigDecimal> {
    private final long[] v;
    private final int scale;
    private final byte[] scales;
    private final Object[] overflow;

    Decimals(long[] v, int scale, byte[] scales, Object[] overflow, long[] nulls, int size) {
      super(BigDecimal.class, ColumnType.DECIMAL, nulls, size, 8 + (scales == null ? 0 : 1) + (overflow == null ? 0 : 4));
      this.v = v;
      this.scale = scale;
      this.scales = scales;
      this.overflow = overflow;
    }

    @Override
    BigDecimal value(int i) {
      if (overflow != null && overflow[i] != null) {
        return (BigDecimal) overflow[i];
      }
      return BigDecimal.valueOf(v[i], scales == null ? scale : scales[i]);
    }
  }

  /** DATE as LocalDate, from days since 1970-01-01. */
  static final class Dates extends ColumnSeries<LocalDate> {
    private final int[] v;

    Dates(int[] v, long[] nulls, int size) {
      super(LocalDate.class, ColumnType.DATE, nulls, size, 4);
      this.v = v;
    }

    @Override
    LocalDate value(int i) {
      return LocalDate.ofEpochDay(v[i]);
    }
  }

  /** TIMESTAMP as LocalDateTime, from microseconds since 1970-01-01T00:00. */
  static final class Timestamps extends ColumnSeries<LocalDateTime> {
    private final long[] v;

    Timestamps(long[] v, long[] nulls, int size) {
      super(LocalDateTime.class, ColumnType.TIMESTAMP, nulls, size, 8);
      this.v = v;
    }

    @Override
    LocalDateTime value(int i) {
      return localDateTime(v[i]);
    }
  }

  /** TIMESTAMPTZ as OffsetDateTime in UTC, from microseconds since the epoch. */
  static final class ZonedTimestamps extends ColumnSeries<OffsetDateTime> {
    private final long[] v;

    ZonedTimestamps(long[] v, long[] nulls, int size) {
      super(OffsetDateTime.class, ColumnType.TIMESTAMPTZ, nulls, size, 8);
      this.v = v;
    }

    @Override
    OffsetDateTime value(int i) {
      return OffsetDateTime.of(localDateTime(v[i]), ZoneOffset.UTC);
    }
  }

  /** TIME as LocalTime, from microseconds of the day (24:00:00 as LocalTime.MAX). */
  static final class Times extends ColumnSeries<LocalTime> {
    private final long[] v;

    Times(long[] v, long[] nulls, int size) {
      super(LocalTime.class, ColumnType.TIME, nulls, size, 8);
      this.v = v;
    }

    @Override
    LocalTime value(int i) {
      return localTime(v[i]);
    }
  }

  /** TIMETZ as OffsetTime in UTC, from microseconds of the day in UTC. */
  static final class ZonedTimes extends ColumnSeries<OffsetTime> {
    private final long[] v;

    ZonedTimes(long[] v, long[] nulls, int size) {
      super(OffsetTime.class, ColumnType.TIMETZ, nulls, size, 8);
      this.v = v;
    }

    @Override
    OffsetTime value(int i) {
      return OffsetTime.of(localTime(v[i]), ZoneOffset.UTC);
    }
  }

  static LocalDateTime localDateTime(long micros) {
    long secs = Math.floorDiv(micros, MICROS_PER_SECOND);
    int nanos = (int) Math.floorMod(micros, MICROS_PER_SECOND) * 1000;
    return LocalDateTime.ofEpochSecond(secs, nanos, ZoneOffset.UTC);
  }

  static LocalTime localTime(long micros) {
    return micros >= 86_400_000_000L ? LocalTime.MAX : LocalTime.ofNanoOfDay(micros * 1000);
  }
}
