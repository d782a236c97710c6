package dev.tdr.notebook.profile;

import dev.tdr.notebook.ValueKind;
import java.util.List;

/**
 * One column's profile. The sections that do not apply to the column's kind are null: {@code
 * numeric} for numeric kinds ({@link ValueKind#numeric()}), {@code strings} for {@link
 * ValueKind#STRING}, {@code temporal} for date/time kinds, {@code booleans} for {@link
 * ValueKind#BOOLEAN}; an all-null column ({@link ValueKind#NULL}), a {@link ValueKind#BYTES} or a
 * mixed ({@link ValueKind#OTHER}) column has none.
 *
 * @param name the column name
 * @param kind the kind of its non-null values ({@link ValueKind#of(org.dflib.Series)})
 * @param count non-null values (NaN counts: it is not null)
 * @param missing null values; "" is a value, not missing
 * @param distinct distinct non-null values (integers compare by value across widths, BigDecimal
 *     ignoring trailing zeros, -0.0 equals 0.0, NaN equals NaN, byte[] by content)
 * @param topValues the most frequent values, most frequent first, ties by display text (String
 *     order); display text is the string itself, ISO-8601 for dates and times, {@code
 *     Double.toString}/{@code Float.toString} for floating point, plain digits for BigDecimal,
 *     {@code \x} and lowercase hex (the first 32 bytes, then "…") for byte[]
 * @param memoryBytes this column's part of {@link TableSummary#memoryBytes()}
 * @param numeric numeric statistics, or null
 * @param strings string lengths, or null
 * @param temporal min/max (and histogram) of dates and times, or null
 * @param booleans true/false counts, or null
 * @param alerts this column's alerts, in {@link AlertType} order
 */
public record ColumnProfile(
    String name,
    ValueKind kind,
    long count,
    long missing,
    long distinct,
    List<ValueCount> topValues,
    long memoryBytes,
    NumericStats numeric,
    StringStats strings,
    TemporalStats temporal,
    BooleanStats booleans,
    List<Alert> alerts) {

  public ColumnProfile {
    topValues = List.copyOf(topValues);
    alerts = List.copyOf(alerts);
  }

  /** count + missing: the frame's height. */
  public long rows() {
    return count + missing;
  }

  /** missing / rows, 0 without rows. */
  public double missingRatio() {
    return rows() == 0 ? 0 : (double) missing / rows();
  }

  /** distinct / count, 0 without values. */
  public double distinctRatio() {
    return count == 0 ? 0 : (double) distinct / count;
  }

  /** Whether this column has an alert of that type. */
  public boolean has(AlertType type) {
    return alerts.stream().anyMatch(a -> a.type() == type);
  }
}
