package dev.tdr.core;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Makes result column names unique, the same way on every path (local, JDBC, Spark): the first
 * occurrence of a name keeps it; a later duplicate gets {@code _2}, {@code _3}, ... (the first
 * suffix not already taken by any column); an empty name becomes {@code column_<position>}.
 *
 * <pre>{@code
 * ColumnNames.unique(List.of("a", "a", "a_2", "b", "a"))  // [a, a_3, a_2, b, a_4]
 * }</pre>
 */
public final class ColumnNames {
  private ColumnNames() {}

  public static List<String> unique(List<String> names) {
    Set<String> taken = new HashSet<>();
    Set<String> original = new HashSet<>();
    for (int i = 0; i < names.size(); i++) {
      original.add(base(names.get(i), i));
    }
    List<String> out = new ArrayList<>(names.size());
    for (int i = 0; i < names.size(); i++) {
      String n = base(names.get(i), i);
      if (taken.contains(n)) {
        int k = 2;
        while (taken.contains(n + "_" + k) || original.contains(n + "_" + k)) {
          k++;
        }
        n = n + "_" + k;
      }
      taken.add(n);
      out.add(n);
    }
    return out;
  }

  private static String base(String name, int index) {
    return name == null || name.isEmpty() ? "column_" + (index + 1) : name;
  }
}
