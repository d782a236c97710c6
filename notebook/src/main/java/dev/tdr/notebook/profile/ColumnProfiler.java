package dev.tdr.notebook.profile;

import dev.tdr.notebook.ValueKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.function.IntFunction;
import org.dflib.BooleanSeries;
import org.dflib.DoubleSeries;
import org.dflib.FloatSeries;
import org.dflib.IntSeries;
import org.dflib.LongSeries;
import org.dflib.Series;

/**
 * Profiles one column. Integer, date, timestamp and time columns are encoded as longs ({@link
 * LongCodec}) and double/real columns read as doubles; one sort then gives the distinct values,
 * their counts, the quantiles and the min/max. Other columns (varchar, decimal, boolean, bytes,
 * mixed) count values in a HashMap in one pass and sort only their finite numbers.
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

  /** The series' own size: its primitive array, or 4 bytes a reference (values are added as read). */
  private static long startMemory(Series<?> s) {
    long primitive = primitiveSize(s);
    return primitive < 0 ? 4L * s.size() : primitive;
  }

  // ---------------------------------------------------------------- sorted longs

  /** Null when a value has no code (the caller then hashes). */
  private static ColumnProfile sortedLongs(String name, Series<?> s, ValueKind kind, LongCodec codec, ProfileOptions o) {
    int n = s.size();
    boolean objects = primitiveSize(s) < 0;
    long memory = startMemory(s);
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
        memory += Values.size(x);
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
    List<ValueCount> top = top(cnt, runs, r -> codec.text(v[start[r]]), o.topValues(), true);
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
        num = numericStats(x, 0, m, 0, 0, min, max, true, o.histogramBins());
      } else {
        ts = new TemporalStats(min, max, codec.unit(),
            histogram(x, 0, m, kind == ValueKind.DATE, o.histogramBins()));
      }
    }
    return build(name, kind, n, m, runs, top, memory, num, null, ts, null, o);
  }

  // ---------------------------------------------------------------- sorted doubles

  private static ColumnProfile sortedDoubles(String name, Series<?> s, ValueKind kind, ProfileOptions o) {
    int n = s.size();
    boolean objects = primitiveSize(s) < 0;
    long memory = startMemory(s);
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
        memory += Values.size(x);
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
    List<ValueCount> top = top(cnt, runs, text, o.topValues(), true);
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
      num = numericStats(v, lo, hi, nan, inf, min, max, false, o.histogramBins());
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
        text = Values.display(first);
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
    long memory = primitiveSize(s);
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
        memory += Values.size(v);
      }
      Object key = Values.key(v);
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
          if (minNum == null || compareNumbers(x, minNum) < 0) {
            minNum = x;
          }
          if (maxNum == null || compareNumbers(x, maxNum) > 0) {
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
        Object k = temporalKey(v);
        if (tMin == null || compareTemporal(k, tMinKey) < 0) {
          tMin = v;
          tMinKey = k;
        }
        if (tMax == null || compareTemporal(k, tMaxKey) > 0) {
          tMax = v;
          tMaxKey = k;
        }
        double e = epoch(v);
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
        Arrays.sort(cs, (a, b) -> numeric ? compareNumbers((Number) a.first, (Number) b.first)
            : temporal ? compareTemporal(temporalKey(a.first), temporalKey(b.first))
            : Boolean.compare((Boolean) a.first, (Boolean) b.first));
      } catch (ClassCastException | IllegalArgumentException e) {
        ordered = false; // mixed value classes: ties by text
      }
    }
    long[] cnt = new long[cs.length];
    for (int i = 0; i < cs.length; i++) {
      cnt[i] = cs[i].n;
    }
    List<ValueCount> top = top(cnt, cs.length, i -> cs[i].text(), o.topValues(), ordered);

    NumericStats num = null;
    if (numeric && count > 0) {
      Arrays.sort(finite, 0, nFinite);
      num = numericStats(finite, 0, nFinite, nan, inf, minNum == null ? null : Values.display(minNum),
          maxNum == null ? null : Values.display(maxNum), kind.tableSchemaType().equals("integer"), o.histogramBins());
    }
    StringStats str = string && count > 0 ? new StringStats(minLen, maxLen, (double) sumLen / count, empty, blank) : null;
    BooleanStats bs = bool && count > 0 ? new BooleanStats(trues, falses) : null;
    TemporalStats ts = null;
    if (temporal && count > 0) {
      Histogram h = null;
      String unit = null;
      if (nEpoch > 0) {
        Arrays.sort(epoch, 0, nEpoch);
        h = histogram(epoch, 0, nEpoch, kind == ValueKind.DATE, o.histogramBins());
        unit = kind == ValueKind.DATE ? "epochDay" : kind == ValueKind.TIME ? "secondOfDay" : "epochSecond";
      }
      ts = new TemporalStats(Values.display(tMin), Values.display(tMax), unit, h);
    }
    return build(name, kind, n, count, cs.length, top, memory, num, str, ts, bs, o);
  }

  /** Primitive series' size, or -1 for object series. */
  private static long primitiveSize(Series<?> s) {
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

  /** Exact for BigDecimal and integers, by double otherwise. */
  private static int compareNumbers(Number a, Number b) {
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y);
    }
    if (isLong(a) && isLong(b)) {
      return Long.compare(a.longValue(), b.longValue());
    }
    if (a instanceof BigInteger x && b instanceof BigInteger y) {
      return x.compareTo(y);
    }
    return Double.compare(a.doubleValue(), b.doubleValue());
  }

  private static boolean isLong(Number x) {
    return x instanceof Long || x instanceof Integer || x instanceof Short || x instanceof Byte;
  }

  /** Zoned values compare by instant; others as themselves. */
  private static Object temporalKey(Object v) {
    if (v instanceof OffsetDateTime t) {
      return t.toInstant();
    }
    if (v instanceof ZonedDateTime t) {
      return t.toInstant();
    }
    return v;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareTemporal(Object a, Object b) {
    try {
      return ((Comparable) a).compareTo(b);
    } catch (ClassCastException e) {
      return 0; // mixed classes: keep the first one found
    }
  }

  /** The number a temporal value's histogram counts (see {@link TemporalStats#histogramUnit()}). */
  private static double epoch(Object v) {
    if (v instanceof LocalDate d) {
      return d.toEpochDay();
    }
    if (v instanceof LocalDateTime t) {
      return Values.epochSecond(t);
    }
    if (v instanceof OffsetDateTime t) {
      return t.toEpochSecond() + t.getNano() / 1e9;
    }
    if (v instanceof ZonedDateTime t) {
      return t.toEpochSecond() + t.getNano() / 1e9;
    }
    if (v instanceof Instant t) {
      return t.getEpochSecond() + t.getNano() / 1e9;
    }
    if (v instanceof LocalTime t) {
      return t.toNanoOfDay() / 1e9;
    }
    return Double.NaN;
  }

  // ---------------------------------------------------------------- shared

  /**
   * The {@code k} most frequent of {@code runs} distinct values ({@code counts[i]} each), ties by
   * display text. Texts are made only for values at or above the k-th largest count.
   */
  static List<ValueCount> top(long[] counts, int runs, IntFunction<String> text, int k) {
    return top(counts, runs, text, k, false);
  }

  /**
   * As {@link #top(long[], int, IntFunction, int)}; with {@code valueOrder}, run {@code i} holds
   * the {@code i}-th smallest value and ties go by value (1, 2, 10 rather than 1, 10, 2).
   */
  static List<ValueCount> top(long[] counts, int runs, IntFunction<String> text, int k, boolean valueOrder) {
    if (k == 0 || runs == 0) {
      return List.of();
    }
    long threshold = runs <= k ? Long.MIN_VALUE : kthLargest(counts, runs, k);
    List<int[]> above = new ArrayList<>(); // {run} with counts above the threshold
    for (int i = 0; i < runs; i++) {
      if (counts[i] > threshold) {
        above.add(new int[] {i});
      }
    }
    int need = k - above.size();
    List<ValueCount> out = new ArrayList<>(k);
    if (valueOrder) {
      List<Integer> ties = new ArrayList<>();
      for (int i = 0; i < runs && ties.size() < need; i++) {
        if (counts[i] == threshold) {
          ties.add(i);
        }
      }
      above.sort(Comparator.comparingLong((int[] r) -> -counts[r[0]]).thenComparingInt(r -> r[0]));
      for (int[] r : above) {
        out.add(new ValueCount(text.apply(r[0]), counts[r[0]]));
      }
      for (int i : ties) {
        out.add(new ValueCount(text.apply(i), threshold));
      }
      return out;
    }
    // the ties at the threshold: keep the `need` smallest texts, the largest kept at the head
    PriorityQueue<String> ties = new PriorityQueue<>(Comparator.reverseOrder());
    if (need > 0) {
      for (int i = 0; i < runs; i++) {
        if (counts[i] == threshold) {
          String t = text.apply(i);
          if (ties.size() < need) {
            ties.add(t);
          } else if (t.compareTo(ties.peek()) < 0) {
            ties.poll();
            ties.add(t);
          }
        }
      }
    }
    for (int[] r : above) {
      out.add(new ValueCount(text.apply(r[0]), counts[r[0]]));
    }
    out.sort(Comparator.comparingLong((ValueCount c) -> -c.count()).thenComparing(ValueCount::value));
    List<String> tied = new ArrayList<>(ties);
    tied.sort(null);
    for (String t : tied) {
      out.add(new ValueCount(t, threshold));
    }
    return out;
  }

  /** The k-th largest of {@code a[0..n)} (k <= n), with a min-heap of the k largest. */
  private static long kthLargest(long[] a, int n, int k) {
    long[] heap = new long[k];
    int size = 0;
    for (int i = 0; i < n; i++) {
      long x = a[i];
      if (size < k) {
        int j = size++;
        while (j > 0 && heap[(j - 1) / 2] > x) {
          heap[j] = heap[(j - 1) / 2];
          j = (j - 1) / 2;
        }
        heap[j] = x;
      } else if (x > heap[0]) {
        int j = 0;
        while (true) {
          int c = 2 * j + 1;
          if (c >= k) {
            break;
          }
          if (c + 1 < k && heap[c + 1] < heap[c]) {
            c++;
          }
          if (heap[c] >= x) {
            break;
          }
          heap[j] = heap[c];
          j = c;
        }
        heap[j] = x;
      }
    }
    return heap[0];
  }

  /** Statistics of the sorted finite values {@code x[from..to)}. */
  private static NumericStats numericStats(
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

  private static ColumnProfile build(
      String name, ValueKind kind, long rows, long count, long distinct, List<ValueCount> top, long memory,
      NumericStats num, StringStats str, TemporalStats ts, BooleanStats bs, ProfileOptions o) {
    long missing = rows - count;
    List<Alert> alerts = alerts(name, kind, rows, count, missing, distinct, top, num, o);
    return new ColumnProfile(name, kind, count, missing, distinct, top, memory, num, str, ts, bs, alerts);
  }

  private static List<Alert> alerts(
      String name, ValueKind kind, long rows, long count, long missing, long distinct, List<ValueCount> top,
      NumericStats num, ProfileOptions o) {
    List<Alert> a = new ArrayList<>();
    String q = "\"" + name + "\"";
    if (distinct == 1 && rows > 1) {
      String value = top.isEmpty() ? "" : " \"" + Values.label(top.get(0).value(), 60) + "\"";
      a.add(new Alert(name, AlertType.CONSTANT, q + " has a constant value" + value));
    }
    if (rows > 0 && count > 0 && (double) missing / rows >= o.mostlyMissingRatio()) {
      a.add(new Alert(name, AlertType.MOSTLY_MISSING, q + " has " + Values.count(missing) + " ("
          + Values.pct((double) missing / rows) + ") missing values"));
    }
    if (rows > 0 && count == 0) {
      a.add(new Alert(name, AlertType.ALL_MISSING, q + " has only missing values (" + Values.count(rows)
          + (rows == 1 ? " row)" : " rows)")));
    }
    boolean unique = distinct == count && count == rows && rows > 1;
    if (unique) {
      a.add(new Alert(name, AlertType.UNIQUE, q + " has unique values"));
    }
    if (kind == ValueKind.STRING && !unique && count > 10 && (double) distinct / count > o.highCardinalityRatio()) {
      a.add(new Alert(name, AlertType.HIGH_CARDINALITY, q + " has a high cardinality: " + Values.count(distinct)
          + " distinct values (" + Values.pct((double) distinct / count) + " of non-null)"));
    }
    if (num != null && Math.abs(num.skewness()) > o.skewThreshold()) {
      a.add(new Alert(name, AlertType.SKEWED, q + " is highly skewed (skewness "
          + String.format(Locale.ROOT, "%.2f", num.skewness()) + ")"));
    }
    if (num != null && count > 0 && num.zeros() == count) {
      a.add(new Alert(name, AlertType.ALL_ZEROS, q + " has only zeros"));
    }
    return a;
  }
}
