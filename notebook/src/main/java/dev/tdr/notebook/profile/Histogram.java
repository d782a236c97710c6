package dev.tdr.notebook.profile;

import java.util.List;

/**
 * Equal-width bins between a column's smallest and largest value. Each bin holds lower &lt;= x
 * &lt; upper, the last one also x == upper (as numpy's histogram). All-equal values make one bin
 * whose lower and upper edges are that value. No values make no bins.
 */
public record Histogram(List<Bin> bins) {
  public Histogram {
    bins = List.copyOf(bins);
  }

  /** One bin: its edges and how many values fall in it. */
  public record Bin(double lower, double upper, long count) {}

  /** The largest bin count (0 without bins). */
  public long maxCount() {
    long m = 0;
    for (Bin b : bins) {
      m = Math.max(m, b.count());
    }
    return m;
  }

  /** The sum of the bin counts. */
  public long total() {
    long t = 0;
    for (Bin b : bins) {
      t += b.count();
    }
    return t;
  }
}
