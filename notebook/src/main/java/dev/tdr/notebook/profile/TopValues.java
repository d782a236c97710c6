package dev.tdr.notebook.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.IntFunction;

/** Counting helpers: the most frequent values of a column from the counts of its distinct values. */
final class TopValues {
  private TopValues() {}

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
}
