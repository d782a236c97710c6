package dev.tdr.local;

import dev.tdr.core.ColumnType;
import dev.tdr.core.Schema;
import dev.tdr.core.read.Columns;
import dev.tdr.core.unload.SortKey;
import java.util.Arrays;
import java.util.List;

/**
 * The row order of an ORDER BY applied after reading, with Redshift's rules: ASC puts NULLs
 * last and DESC first unless NULLS FIRST/LAST says otherwise; strings compare by their UTF-8
 * bytes (code point order, not Java's UTF-16 order); NaN is larger than every other number and
 * {@code -0.0} equals {@code 0.0}; VARBYTE compares as unsigned bytes. Stable.
 */
final class RowOrder {
  private RowOrder() {}

  /** Row positions {@code 0..rows-1} sorted by {@code keys}. */
  static int[] permutation(Columns store, Schema schema, int rows, List<SortKey> keys) {
    int[] idx = new int[rows];
    for (int i = 0; i < rows; i++) {
      idx[i] = i;
    }
    RowComparator cmp = (a, b) -> {
      for (SortKey k : keys) {
        int r = compare(store, schema.column(k.column()).type(), k, a, b);
        if (r != 0) {
          return r;
        }
      }
      return 0;
    };
    mergeSort(idx, new int[rows], 0, rows, cmp);
    return idx;
  }

  @FunctionalInterface
  interface RowComparator {
    int compare(int a, int b);
  }

  private static int compare(Columns s, ColumnType type, SortKey k, int a, int b) {
    int c = k.column();
    boolean na = s.isNull(c, a);
    boolean nb = s.isNull(c, b);
    if (na || nb) {
      if (na && nb) {
        return 0;
      }
      return na == k.nullsFirst() ? -1 : 1;
    }
    int r = switch (s.layout(c)) {
      case INT -> Integer.compare(s.ints(c)[a], s.ints(c)[b]);
      case LONG -> Long.compare(s.longs(c)[a], s.longs(c)[b]);
      case DECIMAL -> s.decimalScales(c) == null && s.decimalOverflow(c) == null
          ? Long.compare(s.longs(c)[a], s.longs(c)[b]) : s.decimal(c, a).compareTo(s.decimal(c, b));
      case FLOAT -> compareDouble(s.floats(c)[a], s.floats(c)[b]);
      case DOUBLE -> compareDouble(s.doubles(c)[a], s.doubles(c)[b]);
      case BOOLEAN -> Boolean.compare(s.booleans(c)[a], s.booleans(c)[b]);
      case OBJECT -> switch (type) {
        case CHAR, VARCHAR, SUPER -> compareCodePoints((String) s.objects(c)[a], (String) s.objects(c)[b]);
        case VARBYTE, GEOMETRY -> Arrays.compareUnsigned((byte[]) s.objects(c)[a], (byte[]) s.objects(c)[b]);
        default -> compareObjects(s.objects(c)[a], s.objects(c)[b]);
      };
      case UTF8 -> compareCodePoints(s.string(c, a), s.string(c, b));
    };
    return k.descending() ? -r : r;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareObjects(Object a, Object b) {
    return ((Comparable) a).compareTo(b);
  }

  /** PostgreSQL/Redshift order: NaN above everything, -0.0 equal to 0.0. */
  static int compareDouble(double a, double b) {
    boolean nanA = Double.isNaN(a);
    boolean nanB = Double.isNaN(b);
    if (nanA || nanB) {
      return nanA == nanB ? 0 : nanA ? 1 : -1;
    }
    return a < b ? -1 : a > b ? 1 : 0;
  }

  /** Compares by Unicode code points, which is the order of the strings' UTF-8 bytes. */
  static int compareCodePoints(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        boolean sx = Character.isSurrogate(x);
        boolean sy = Character.isSurrogate(y);
        if (sx == sy) {
          return Character.compare(x, y);
        }
        // a surrogate (a code point above U+FFFF) sorts after every BMP character
        return sx ? 1 : -1;
      }
    }
    return Integer.compare(a.length(), b.length());
  }

  private static void mergeSort(int[] a, int[] tmp, int from, int to, RowComparator cmp) {
    if (to - from <= 16) {
      for (int i = from + 1; i < to; i++) {
        int v = a[i];
        int j = i - 1;
        while (j >= from && cmp.compare(a[j], v) > 0) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = v;
      }
      return;
    }
    int mid = (from + to) >>> 1;
    mergeSort(a, tmp, from, mid, cmp);
    mergeSort(a, tmp, mid, to, cmp);
    if (cmp.compare(a[mid - 1], a[mid]) <= 0) {
      return;
    }
    System.arraycopy(a, from, tmp, from, to - from);
    int i = from;
    int j = mid;
    int k = from;
    while (i < mid && j < to) {
      a[k++] = cmp.compare(tmp[j], tmp[i]) < 0 ? tmp[j++] : tmp[i++];
    }
    while (i < mid) {
      a[k++] = tmp[i++];
    }
    while (j < to) {
      a[k++] = tmp[j++];
    }
  }
}
