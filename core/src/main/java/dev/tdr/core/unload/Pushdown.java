package dev.tdr.core.unload;

import dev.tdr.core.sql.Predicate;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a reader asks of a query beyond the query itself: which columns, which rows, how many.
 * The engine writes it into the SELECT that the UNLOAD runs ({@link #sql(String)}), so that every
 * reader (Spark's scan, the local reader) pushes the same way.
 *
 * @param columns the source query's column names to keep, in order; null for all ({@code *}); empty
 *     for none (a count: one constant column per row)
 * @param filters conditions every row must meet (ANDed)
 * @param limit at most this many rows, or null
 */
public record Pushdown(List<String> columns, List<Predicate> filters, Integer limit) {
  /** Nothing pushed: the query as written. */
  public static final Pushdown NONE = new Pushdown(null, List.of(), null);

  public Pushdown {
    columns = columns == null ? null : List.copyOf(columns);
    filters = List.copyOf(filters);
    if (limit != null && limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0, got " + limit);
    }
  }

  /** Keeps only {@code names} (as the source query names them). */
  public Pushdown select(List<String> names) {
    return new Pushdown(names, filters, limit);
  }

  /** Adds a filter. */
  public Pushdown where(Predicate p) {
    List<Predicate> all = new java.util.ArrayList<>(filters);
    all.add(java.util.Objects.requireNonNull(p, "a filter that cannot be pushed (null) is the caller's to apply"));
    return new Pushdown(columns, all, limit);
  }

  /** At most {@code n} rows. */
  public Pushdown limit(int n) {
    return new Pushdown(columns, filters, n);
  }

  public boolean isNone() {
    return columns == null && filters.isEmpty() && limit == null;
  }

  /** The SELECT over {@code query} (one statement, as the caller wrote it) that applies this pushdown. */
  public String sql(String query) {
    String base = UnloadEngine.normalize(query);
    if (isNone()) {
      return base;
    }
    String cols = columns == null ? "*" : columns.isEmpty() ? "1 AS tdr_row"
        : columns.stream().map(Predicate::ident).collect(Collectors.joining(", "));
    StringBuilder sb = new StringBuilder("SELECT ").append(cols).append(" FROM (\n").append(base).append("\n) AS tdr_src");
    if (!filters.isEmpty()) {
      sb.append(" WHERE ").append(filters.stream().map(Predicate::sql).collect(Collectors.joining(" AND ")));
    }
    if (limit != null) {
      sb.append(" LIMIT ").append(limit);
    }
    return sb.toString();
  }
}
