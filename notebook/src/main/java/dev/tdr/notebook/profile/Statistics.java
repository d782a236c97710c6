package dev.tdr.notebook.profile;

import java.util.ArrayList;
import java.util.List;

/** Statistics primitives over sorted doubles: the numeric summary, numpy's linear quantiles and equal-width histograms. */
final class Statistics {
  private Statistics() {}

  /** Statistics of the sorted finite values {@code x[from..to)}. */
  static NumericStats numericStats(
      double[] x, int from, int to, long nan, long inf, String minText, String maxText, boolean integral, int bins) {
    int n = to - from;
    if (n == 0) {
      double na = Double.NaN;
      return new NumericStats(0, na, na, null, null, na, na, na, na, na, na, na, 0, 0, na, nan, inf,
          new Histogram(List.of()));
    }
    double min = x[from];
    double max = x[to - 1];
    double sum = 0;
    long zeros = 0;
    long negatives = 0;
    for (int i = from; i < to; i++) {
      double d = x[i];
      sum += d;
      if (d == 0) {
        zeros++;
      } else if (d < 0) {
        negatives++;
      }
    }
    double mean = sum / n;
    double std;
    double skew;
    if (min == max) {
      mean = min;
      std = n > 1 ? 0 : Double.NaN;
      skew = n > 2 ? 0 : Double.NaN;
    } else {
      double m2 = 0;
      double m3 = 0;
      for (int i = from; i < to; i++) {
        double d = x[i] - mean;
        double d2 = d * d;
        m2 += d2;
        m3 += d2 * d;
      }
      std = n > 1 ? Math.sqrt(m2 / (n - 1)) : Double.NaN;
      if (n > 2 && m2 > 0) {
        double g1 = (m3 / n) / Math.pow(m2 / n, 1.5);
        skew = Math.sqrt((double) n * (n - 1)) / (n - 2) * g1;
      } else {
        skew = n > 2 ? 0 : Double.NaN;
      }
    }
    return new NumericStats(n, min, max, minText, maxText, mean, std,
        quantile(x, from, n, 0.05), quantile(x, from, n, 0.25), quantile(x, from, n, 0.5),
        quantile(x, from, n, 0.75), quantile(x, from, n, 0.95), zeros, negatives, skew, nan, inf,
        histogram(x, from, to, integral, bins));
  }

  /** numpy's linear quantile of the sorted {@code x[from..from+n)}. */
  static double quantile(double[] x, int from, int n, double q) {
    double h = (n - 1) * q;
    int lo = (int) Math.floor(h);
    if (lo >= n - 1) {
      return x[from + n - 1];
    }
    double f = h - lo;
    return f == 0 ? x[from + lo] : x[from + lo] + f * (x[from + lo + 1] - x[from + lo]);
  }

  /** Equal-width bins of the sorted finite {@code x[from..to)}. */
  static Histogram histogram(double[] x, int from, int to, boolean integral, int bins) {
    if (to <= from) {
      return new Histogram(List.of());
    }
    double min = x[from];
    double max = x[to - 1];
    if (min == max) {
      return new Histogram(List.of(new Histogram.Bin(min, max, to - from)));
    }
    if (integral && max - min + 1 < bins) {
      bins = (int) (max - min + 1);
    }
    // halves keep max - min finite for the widest doubles
    double hmin = min / 2;
    double hrange = max / 2 - hmin;
    long[] c = new long[bins];
    for (int i = from; i < to; i++) {
      int b = (int) ((x[i] / 2 - hmin) / hrange * bins);
      c[Math.max(0, Math.min(bins - 1, b))]++;
    }
    List<Histogram.Bin> out = new ArrayList<>(bins);
    for (int b = 0; b < bins; b++) {
      double lo = b == 0 ? min : 2 * (hmin + hrange * b / bins);
      double hi = b == bins - 1 ? max : 2 * (hmin + hrange * (b + 1) / bins);
      out.add(new Histogram.Bin(lo, hi, c[b]));
    }
    return new Histogram(out);
  }
}
