package dev.tdr.notebook.profile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.dflib.DataFrame;
import org.dflib.Series;

/**
 * Counts rows equal to an earlier row: hashes every row column by column, sorts (hash, row)
 * pairs, and compares the rows of each equal-hash run value by value ({@link ValueKeys#key}).
 */
final class Duplicates {
  private Duplicates() {}

  static long count(DataFrame df) {
    int h = df.height();
    int w = df.width();
    if (w == 0 || h < 2) {
      return 0;
    }
    Series<?>[] cols = new Series<?>[w];
    long[] hash = new long[h];
    for (int c = 0; c < w; c++) {
      Series<?> s = df.getColumn(c);
      cols[c] = s;
      for (int r = 0; r < h; r++) {
        hash[r] = (hash[r] + Objects.hashCode(ValueKeys.key(s.get(r)))) * 0x9E3779B97F4A7C15L;
      }
    }
    // the well-mixed high 32 bits of each row's hash, the row number in the low 32 bits
    long[] packed = hash;
    for (int r = 0; r < h; r++) {
      packed[r] = (mix(hash[r]) & 0xFFFFFFFF00000000L) | r;
    }
    Arrays.sort(packed); // equal hashes together, each run in row order
    long dups = 0;
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < h; ) {
      int j = i + 1;
      long hi = packed[i] >>> 32;
      while (j < h && packed[j] >>> 32 == hi) {
        j++;
      }
      if (j - i > 1) {
        kept.clear();
        for (int k = i; k < j; k++) {
          int row = (int) packed[k];
          boolean dup = false;
          for (int first : kept) {
            if (sameRow(cols, first, row)) {
              dup = true;
              break;
            }
          }
          if (dup) {
            dups++;
          } else {
            kept.add(row);
          }
        }
      }
      i = j;
    }
    return dups;
  }

  /** MurmurHash3's 64-bit finalizer. */
  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }

  private static boolean sameRow(Series<?>[] cols, int a, int b) {
    for (Series<?> s : cols) {
      if (!Objects.equals(ValueKeys.key(s.get(a)), ValueKeys.key(s.get(b)))) {
        return false;
      }
    }
    return true;
  }
}
