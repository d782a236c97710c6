package dev.tdr;

import dev.tdr.core.ColumnType;
import org.dflib.Series;

/**
 * A DataFrame column TDR holds without an object per value: numbers, booleans, dates, times and
 * timestamps (as epoch numbers) and decimals of up to 18 digits (unscaled) in a primitive array,
 * with a null bitmap beside it. It is an ordinary DFLib {@link Series}: {@code get(i)} gives the
 * boxed value ({@code Integer}, {@code LocalDate}, {@code BigDecimal}...) or null, made when it is
 * asked for. Columns of INT, BIGINT, REAL, DOUBLE and BOOLEAN without NULLs are DFLib's own
 * primitive series instead ({@code IntSeries}...).
 *
 * <pre>{@code
 * Series<?> amount = df.getColumn("amount");
 * if (amount instanceof UnboxedSeries u) {
 *   long missing = u.nullCount();          // without boxing a value
 * }
 * }</pre>
 */
public interface UnboxedSeries {
  /** The Redshift type of the column (which Java class {@code get} returns, see {@link ColumnType}). */
  ColumnType type();

  /** True if row {@code i} is NULL. */
  boolean isNullAt(int i);

  /** How many rows are NULL. */
  int nullCount();

  /** The heap the values take: the primitive array and the bitmap. */
  long heapBytes();
}
