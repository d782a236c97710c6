package dev.tdr.notebook.profile;

import dev.tdr.notebook.ValueKind;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.function.IntFunction;
import org.dflib.Series;

/**
 * Profiles one column. Integer, date, timestamp and time columns are encoded as longs ({@link
 * LongCodec}) and double/real columns read as doubles; one sort then gives the distinct values,
 * their counts, the quantiles and the min/max. Other columns (varchar, decimal, boolean, bytes,
 * mixed) count values in a HashMap in one pass and sort only their finite numbers.
 *
 * <p>These are the three strategies; the statistics are {@link Statistics}' and {@link TopValues}',
 * the alerts {@link ColumnAlerts}', the memory estimate {@link MemoryEstimate}'s.
 */
final class ColumnProfiler {
  private ColumnProfiler() {}

  static ColumnProfile profile(String name, Series<?> s, ProfileOptions o) {
    ValueKind kind = ValueKind.of(s);
    ColumnProfile p = null;
    LongCodec codec = LongCodec.of(kind);
    if (codec != null) {
      p = sortedLongs(name, s, kind, codec, o);
    } else if (kind == ValueKind.DOUBLE || kind == ValueKind.REAL) {
      p = sortedDoubles(name, s, kind, o);
    }
    return p != null ? p : hashed(name, s, kind, o);
  }

  // ---------------------------------------------------------------- sorted longs

  /** Null when a value has no code (the caller then hashes). */
  private static ColumnProfile sortedLongs(String name, Series<?> s, ValueKind kind, LongCodec codec, ProfileOptions o) {
    int n = s.size();
    boolean objects = MemoryEstimate.primitiveSize(s) < 0;
    long memory = MemoryEstimate.startMemory(s);
    long[] v = new long[n];
    int m = 0;
    for (int i = 0; i < n; i++) {
      Object x = s.get(i);
      if (x == null) {
        continue;
      }
      if (!codec.encode(x, v, m++)) {
        return null;
      }
      if (objects) {
        memory += MemoryEstimate.size(x);
      }
    }
    Arrays.sort(v, 0, m);
    int[] start = new int[m];
    long[] cnt = new long[m];
    int runs = 0;
    for (int i = 0; i < m; ) {
      int j = i + 1;
      while (j < m && v[j] == v[i]) {
        j++;
      }
      start[runs] = i;
      cnt[runs++] = j - i;
      i = j;
    }
    List<ValueCount> top = TopValues.top(cnt, runs, r -> codec.text(v[start[r]]), o.topValues(), true);
    NumericStats num = null;
    TemporalStats ts = null;
    if (m > 0) {
      double[] x = new double[m];
      for (int i = 0; i < m; i++) {
        x[i] = codec.number(v[i]);
      }
      String min = codec.text(v[0]);
      String max = codec.text(v[m - 1]);
      if (kind.numeric()) {
        num = Statistics.numericStats(x, 0, m, 0, 0, min, max, true, o.histogramBins());
      } else {
        ts = new TemporalStats(min, max, codec.unit(),
            Statistics.histogram(x, 0, m, kind == ValueKind.DATE, o.histogramBins()));
      }
    }
    return build(name, kind, n, m, runs, top, memory, num, null, ts, null, o);
  }

  // ---------------------------------------------------------------- sorted doubles

  private static ColumnProfile sortedDoubles(String name, Series<?> s, ValueKind kind, ProfileOptions o) {
    int n = s.size();
    boolean objects = MemoryEstimate.primitiveSize(s) < 0;
    long memory = MemoryEstimate.startMemory(s);
    double[] v = new double[n];
    int m = 0;
    for (int i = 0; i < n; i++) {
      Object x = s.get(i);
      if (x == null) {
        continue;
      }
      if (!(x instanceof Double || x instanceof Float)) {
        return null;
      }
      v[m++] = ((Number) x).doubleValue();
      if (objects) {
        memory += MemoryEstimate.size(x);
      }
    }
    // -Infinity first, then finite values (-0.0 before 0.0), +Infinity, NaN last
    Arrays.sort(v, 0, m);
    int[] start = new int[m];
    long[] cnt = new long[m];
    int runs = 0;
    for (int i = 0; i < m; ) {
      int j = i + 1;
      boolean nan = Double.isNaN(v[i]);
      while (j < m && (v[j] == v[i] || nan && Double.isNaN(v[j]))) {
        j++;
      }
      start[runs] = i;
      cnt[runs++] = j - i;
      i = j;
    }
    boolean real = kind == ValueKind.REAL;
    IntFunction<String> text = r -> {
      double d = v[start[r]];
      d = d == 0 ? 0.0 : d; // the run of -0.0 and 0.0
      return real ? Float.toString((float) d) : Double.toString(d);
    };
    List<ValueCount> top = TopValues.top(cnt, runs, text, o.topValues(), true);
    int lo = 0;
    while (lo < m && v[lo] == Double.NEGATIVE_INFINITY) {
      lo++;
    }
    int hi = lo;
    while (hi < m && Double.isFinite(v[hi])) {
      hi++;
    }
    int nanFrom = hi;
    while (nanFrom < m && !Double.isNaN(v[nanFrom])) {
      nanFrom++;
    }
    long nan = m - nanFrom;
    long inf = m - nan - (hi - lo);
    NumericStats num = null;
    if (m > 0) {
      String min = hi > lo ? (real ? Float.toString((float) v[lo]) : Double.toString(v[lo])) : null;
      String max = hi > lo ? (real ? Float.toString((float) v[hi - 1]) : Double.toString(v[hi - 1])) : null;
      num = Statistics.numericStats(v, lo, hi, nan, inf, min, max, false, o.histogramBins());
    }
    return build(name, kind, n, m, runs, top, memory, num, null, null, null, o);
  }

  // ---------------------------------------------------------------- hashed

  /** Occurrences of one distinct value; its display text is made on demand. */
  private static final class Counter {
    final Object first;
    long n;
    String text;

    Counter(Object first) {
      this.first = first;
    }

    String text() {
      if (text == null) {
        text = ValueText.display(first);
      }
      return text;
    }
  }

  /** The general way, for any column (package-private for tests comparing it with the sorted ways). */
  static ColumnProfile hashed(String name, Series<?> s, ValueKind kind, ProfileOptions o) {
    int n = s.size();
    boolean numeric = kind.numeric();
    boolean string = kind == ValueKind.STRING;
    boolean bool = kind == ValueKind.BOOLEAN;
    boolean temporal = kind.temporal();

    HashMap<Object, Counter> counts = new HashMap<>();
    long count = 0;
    long memory = MemoryEstimate.primitiveSize(s);
    boolean objects = memory < 0;
    if (objects) {
      memory = 4L * n;
    }

    double[] finite = numeric ? new double[n] : null;
    int nFinite = 0;
    long nan = 0;
    long inf = 0;
    Number minNum = null;
    Number maxNum = null;

    int minLen = Integer.MAX_VALUE;
    int maxLen = 0;
    long sumLen = 0;
    long empty = 0;
    long blank = 0;

    long trues = 0;
    long falses = 0;

    Object tMin = null;
    Object tMax = null;
    Object tMinKey = null;
    Object tMaxKey = null;
    double[] epoch = temporal ? new double[n] : null;
    int nEpoch = 0;

    for (int i = 0; i < n; i++) {
      Object v = s.get(i);
      if (v == null) {
        continue;
      }
      count++;
      if (objects) {
        memory += MemoryEstimate.size(v);
      }
      Object key = ValueKeys.key(v);
      Counter c = counts.get(key);
      if (c == null) {
        c = new Counter(v);
        counts.put(key, c);
      }
      c.n++;

      if (numeric) {
        Number x = (Number) v;
        double d = x.doubleValue();
        if (Double.isNaN(d)) {
          nan++;
        } else if (Double.isInfinite(d)) {
          inf++;
        } else {
          finite[nFinite++] = d;
          if (minNum == null || ValueKeys.compareNumbers(x, minNum) < 0) {
            minNum = x;
          }
          if (maxNum == null || ValueKeys.compareNumbers(x, maxNum) > 0) {
            maxNum = x;
          }
        }
      } else if (string) {
        String t = v.toString();
        int len = t.codePointCount(0, t.length());
        minLen = Math.min(minLen, len);
        maxLen = Math.max(maxLen, len);
        sumLen += len;
        if (len == 0) {
          empty++;
          blank++;
        } else if (t.isBlank()) {
          blank++;
        }
      } else if (bool) {
        if ((Boolean) v) {
          trues++;
        } else {
          falses++;
        }
      } else if (temporal) {
        Object k = ValueKeys.temporalKey(v);
        if (tMin == null || ValueKeys.compareTemporal(k, tMinKey) < 0) {
          tMin = v;
          tMinKey = k;
        }
        if (tMax == null || ValueKeys.compareTemporal(k, tMaxKey) > 0) {
          tMax = v;
          tMaxKey = k;
        }
        double e = ValueKeys.epoch(v);
        if (Double.isFinite(e)) {
          epoch[nEpoch++] = e;
        }
      }
    }

    Counter[] cs = counts.values().toArray(new Counter[0]);
    counts = null;
    // numbers, times and booleans: ties among the top values go by value, as on the sorted ways
    boolean ordered = numeric || temporal || bool;
    if (ordered) {
      try {
        Arrays.sort(cs, (a, b) -> numeric ? ValueKeys.compareNumbers((Number) a.first, (Number) b.first)
            : temporal ? ValueKeys.compareTemporal(ValueKeys.temporalKey(a.first), ValueKeys.temporalKey(b.first))
            : Boolean.compare((Boolean) a.first, (Boolean) b.first));
      } catch (ClassCastException | IllegalArgumentException e) {
        ordered = false; // mixed value classes: ties by text
      }
    }
    long[] cnt = new long[cs.length];
    for (int i = 0; i < cs.length; i++) {
      cnt[i] = cs[i].n;
    }
    List<ValueCount> top = TopValues.top(cnt, cs.length, i -> cs[i].text(), o.topValues(), ordered);

    NumericStats num = null;
    if (numeric && count > 0) {
      Arrays.sort(finite, 0, nFinite);
      num = Statistics.numericStats(finite, 0, nFinite, nan, inf, minNum == null ? null : ValueText.display(minNum),
          maxNum == null ? null : ValueText.display(maxNum), kind.tableSchemaType().equals("integer"), o.histogramBins());
    }
    StringStats str = string && count > 0 ? new StringStats(minLen, maxLen, (double) sumLen / count, empty, blank) : null;
    BooleanStats bs = bool && count > 0 ? new BooleanStats(trues, falses) : null;
    TemporalStats ts = null;
    if (temporal && count > 0) {
      Histogram h = null;
      String unit = null;
      if (nEpoch > 0) {
        Arrays.sort(epoch, 0, nEpoch);
        h = Statistics.histogram(epoch, 0, nEpoch, kind == ValueKind.DATE, o.histogramBins());
        unit = kind == ValueKind.DATE ? "epochDay" : kind == ValueKind.TIME ? "secondOfDay" : "epochSecond";
      }
      ts = new TemporalStats(ValueText.display(tMin), ValueText.display(tMax), unit, h);
    }
    return build(name, kind, n, count, cs.length, top, memory, num, str, ts, bs, o);
  }

  // ---------------------------------------------------------------- shared

  private static ColumnProfile build(
      String name, ValueKind kind, long rows, long count, long distinct, List<ValueCount> top, long memory,
      NumericStats num, StringStats str, TemporalStats ts, BooleanStats bs, ProfileOptions o) {
    long missing = rows - count;
    List<Alert> alerts = ColumnAlerts.of(name, kind, rows, count, missing, distinct, top, num, o);
    return new ColumnProfile(name, kind, count, missing, distinct, top, memory, num, str, ts, bs, alerts);
  }
}
