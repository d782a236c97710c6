package dev.tdr.notebook.profile;

/** What an {@link Alert} warns about; the rules are listed on {@link Profile}. */
public enum AlertType {
  /** One distinct non-null value (and more than one row). */
  CONSTANT,
  /** At least {@link ProfileOptions#mostlyMissingRatio()} of the rows are null, not all. */
  MOSTLY_MISSING,
  /** Every value is null (and there is at least one row). */
  ALL_MISSING,
  /** Every row holds a different non-null value (and more than one row). */
  UNIQUE,
  /** A string column with many distinct values, see {@link ProfileOptions#highCardinalityRatio()}. */
  HIGH_CARDINALITY,
  /** A numeric column whose |skewness| exceeds {@link ProfileOptions#skewThreshold()}. */
  SKEWED,
  /** A numeric column whose every non-null value is zero. */
  ALL_ZEROS,
  /** Table-level: some rows repeat an earlier row in every column. */
  DUPLICATE_ROWS;

  /** The CSS class of the alert in {@link Profile#toHtml()}: {@code tp-a-constant}... */
  public String cssClass() {
    return "tp-a-" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
