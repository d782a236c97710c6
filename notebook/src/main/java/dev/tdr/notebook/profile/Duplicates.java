package dev.tdr.notebook.profile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.dflib.DataFrame;
import org.dflib.Series;

/**
 * Counts rows equal to an earlier row: hashes every row column by column, sorts (hash, row)
 * pairs, and compares the rows of each equal-hash run value by value ({@link Values#key}).
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
    int[] hash = new int[h];
    for (int c = 0; c < w; c++) {
      Series<?> s = df.getColumn(c);
      cols[c] = s;
      for (int r = 0; r < h; r++) {
        hash[r] = 31 * hash[r] + Objects.hashCode(Values.key(s.get(r)));
      }
    }
    long[] packed = new long[h];
    for (int r = 0; r < h; r++) {
      packed[r] = ((long) hash[r] << 32) | r;
    }
    hash = null;
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

  private static boolean sameRow(Series<?>[] cols, int a, int b) {
    for (Series<?> s : cols) {
      if (!Objects.equals(Values.key(s.get(a)), Values.key(s.get(b)))) {
        return false;
      }
    }
    return true;
  }
}
