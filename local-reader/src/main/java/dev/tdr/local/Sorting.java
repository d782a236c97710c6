package dev.tdr.local;

import dev.tdr.core.ColumnType;
import dev.tdr.core.Schema;
import dev.tdr.core.unload.SortKey;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.dflib.DataFrame;
import org.dflib.Series;

/**
 * Sorts a DataFrame of TDR values with Redshift's ORDER BY rules (the same as the local
 * reader's: NULLs last for ASC and first for DESC unless told otherwise, strings by UTF-8 bytes,
 * NaN above every number, stable), for results that arrive unordered from other readers.
 */
public final class Sorting {
  private Sorting() {}

  public static DataFrame sort(DataFrame df, Schema schema, List<SortKey> keys) {
    if (keys.isEmpty() || df.height() < 2) {
      return df;
    }
    Series<?>[] cols = new Series<?>[schema.size()];
    for (int c = 0; c < cols.length; c++) {
      cols[c] = df.getColumn(c);
    }
    Integer[] idx = new Integer[df.height()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Comparator<Integer> cmp = (a, b) -> {
      for (SortKey k : keys) {
        Object x = cols[k.column()].get(a);
        Object y = cols[k.column()].get(b);
        int r;
        if (x == null || y == null) {
          r = x == y ? 0 : (x == null) == k.nullsFirst() ? -1 : 1;
        } else {
          r = compare(schema.column(k.column()).type(), x, y);
          r = k.descending() ? -r : r;
        }
        if (r != 0) {
          return r;
        }
      }
      return 0;
    };
    Arrays.sort(idx, cmp);
    return df.rows(Arrays.stream(idx).mapToInt(Integer::intValue).toArray()).select();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compare(ColumnType type, Object a, Object b) {
    if (a instanceof Float || a instanceof Double) {
      return RowOrder.compareDouble(((Number) a).doubleValue(), ((Number) b).doubleValue());
    }
    if (a instanceof Number n && !(a instanceof BigDecimal)) {
      return Long.compare(n.longValue(), ((Number) b).longValue());
    }
    if (a instanceof String s) {
      return RowOrder.compareCodePoints(s, (String) b);
    }
    if (a instanceof byte[] x) {
      return Arrays.compareUnsigned(x, (byte[]) b);
    }
    return ((Comparable) a).compareTo(b);
  }
}
