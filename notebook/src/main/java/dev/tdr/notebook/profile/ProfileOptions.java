package dev.tdr.notebook.profile;

/**
 * How {@link Profile} profiles a frame.
 *
 * @param topValues how many most frequent values to keep per column (0 keeps none); default 5
 * @param histogramBins the number of equal-width histogram bins (at least 1); default 20
 * @param highCardinalityRatio a string column whose distinct/count exceeds this is {@link
 *     AlertType#HIGH_CARDINALITY}; default 0.5
 * @param mostlyMissingRatio a column whose missing/rows is at least this is {@link
 *     AlertType#MOSTLY_MISSING}; default 0.5
 * @param skewThreshold a numeric column whose |skewness| exceeds this is {@link
 *     AlertType#SKEWED}; default 2
 */
public record ProfileOptions(
    int topValues, int histogramBins, double highCardinalityRatio, double mostlyMissingRatio, double skewThreshold) {

  public ProfileOptions {
    if (topValues < 0) {
      throw new IllegalArgumentException("topValues must be >= 0: " + topValues);
    }
    if (histogramBins < 1) {
      throw new IllegalArgumentException("histogramBins must be >= 1: " + histogramBins);
    }
    if (!(highCardinalityRatio >= 0) || !(mostlyMissingRatio >= 0) || !(skewThreshold >= 0)) {
      throw new IllegalArgumentException("ratios and skewThreshold must be >= 0 (and not NaN)");
    }
  }

  /** topValues 5, histogramBins 20, highCardinalityRatio 0.5, mostlyMissingRatio 0.5, skewThreshold 2. */
  public static ProfileOptions defaults() {
    return new ProfileOptions(5, 20, 0.5, 0.5, 2.0);
  }

  public ProfileOptions withTopValues(int n) {
    return new ProfileOptions(n, histogramBins, highCardinalityRatio, mostlyMissingRatio, skewThreshold);
  }

  public ProfileOptions withHistogramBins(int n) {
    return new ProfileOptions(topValues, n, highCardinalityRatio, mostlyMissingRatio, skewThreshold);
  }
}
