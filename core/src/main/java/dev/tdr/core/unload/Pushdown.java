package dev.tdr.core.unload;

import dev.tdr.core.sql.Predicate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What a reader asks of a query beyond the query itself: which columns, which rows, in which
 * order, how many, or which groups and aggregates. The engine writes it into the SELECT that the
 * UNLOAD runs ({@link #sql(String)}), so that every reader (Spark's scan, the local reader) pushes
 * the same way.
 *
 * @param columns the source query's column names to keep, in order; null for all ({@code *}); empty
 *     for none (a count: one constant column per row); ignored with {@code grouping}
 * @param filters conditions every row must meet (ANDed), applied before any grouping
 * @param limit at most this many rows, or null
 * @param orderBy the order of the rows (with {@code limit}: a top-N), or empty
 * @param grouping groups and aggregates instead of rows, or null
 */
public record Pushdown(List<String> columns, List<Predicate> filters, Integer limit, List<Order> orderBy,
    Grouping grouping) {
  /** Nothing pushed: the query as written. */
  public static final Pushdown NONE = new Pushdown(null, List.of(), null);

  /** One sort key: a source column, its direction and where its NULLs go. */
  public record Order(String column, boolean descending, boolean nullsFirst) {
    String sql() {
      return Predicate.ident(column) + (descending ? " DESC" : " ASC") + (nullsFirst ? " NULLS FIRST" : " NULLS LAST");
    }
  }

  /** Aggregate functions Redshift computes as Spark does (see {@link Aggregate}). */
  public enum Function { COUNT_STAR, COUNT, SUM, MIN, MAX, AVG }

  /**
   * One aggregate over a source column ({@code column} null for {@code COUNT(*)}); {@code
   * asDouble} averages in double precision (Redshift's AVG of an integer is an integer, Spark's a
   * double).
   */
  public record Aggregate(Function function, String column, boolean distinct, boolean asDouble) {
    public Aggregate {
      if ((function == Function.COUNT_STAR) != (column == null)) {
        throw new IllegalArgumentException("COUNT(*) takes no column; every other aggregate takes one");
      }
    }

    String sql() {
      if (function == Function.COUNT_STAR) {
        return "COUNT(*)";
      }
      String arg = Predicate.ident(column);
      if (asDouble) {
        arg = "CAST(" + arg + " AS DOUBLE PRECISION)";
      }
      return function.name() + "(" + (distinct ? "DISTINCT " : "") + arg + ")";
    }
  }

  /** The rows become groups: the grouping columns, then one column per aggregate ({@code agg_0}, ...). */
  public record Grouping(List<String> groupBy, List<Aggregate> aggregates) {
    public Grouping {
      groupBy = List.copyOf(groupBy);
      aggregates = List.copyOf(aggregates);
    }
  }

  public Pushdown {
    columns = columns == null ? null : List.copyOf(columns);
    filters = List.copyOf(filters);
    orderBy = orderBy == null ? List.of() : List.copyOf(orderBy);
    if (limit != null && limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0, got " + limit);
    }
  }

  /** Columns, filters and a limit. */
  public Pushdown(List<String> columns, List<Predicate> filters, Integer limit) {
    this(columns, filters, limit, List.of(), null);
  }

  /** Keeps only {@code names} (as the source query names them). */
  public Pushdown select(List<String> names) {
    return new Pushdown(names, filters, limit, orderBy, grouping);
  }

  /** Adds a filter. */
  public Pushdown where(Predicate p) {
    List<Predicate> all = new ArrayList<>(filters);
    all.add(Objects.requireNonNull(p, "a filter that cannot be pushed (null) is the caller's to apply"));
    return new Pushdown(columns, all, limit, orderBy, grouping);
  }

  /** At most {@code n} rows. */
  public Pushdown limit(int n) {
    return new Pushdown(columns, filters, n, orderBy, grouping);
  }

  /** The rows in this order (with {@link #limit}: the top {@code n}). */
  public Pushdown orderBy(List<Order> order) {
    return new Pushdown(columns, filters, limit, order, grouping);
  }

  /** Groups and aggregates instead of rows. */
  public Pushdown groupBy(Grouping g) {
    return new Pushdown(columns, filters, limit, orderBy, g);
  }

  public boolean isNone() {
    return columns == null && filters.isEmpty() && limit == null && orderBy.isEmpty() && grouping == null;
  }

  /** The SELECT over {@code query} (one statement, as the caller wrote it) that applies this pushdown. */
  public String sql(String query) {
    String base = UnloadEngine.normalize(query);
    if (isNone()) {
      return base;
    }
    String cols;
    if (grouping != null) {
      List<String> out = new ArrayList<>();
      grouping.groupBy().forEach(g -> out.add(Predicate.ident(g)));
      for (int i = 0; i < grouping.aggregates().size(); i++) {
        out.add(grouping.aggregates().get(i).sql() + " AS agg_" + i);
      }
      cols = out.isEmpty() ? "COUNT(*) AS agg_0" : String.join(", ", out);
    } else {
      cols = columns == null ? "*" : columns.isEmpty() ? "1 AS tdr_row"
          : columns.stream().map(Predicate::ident).collect(Collectors.joining(", "));
    }
    StringBuilder sb = new StringBuilder("SELECT ").append(cols).append(" FROM (\n").append(base).append("\n) AS tdr_src");
    if (!filters.isEmpty()) {
      sb.append(" WHERE ").append(filters.stream().map(Predicate::sql).collect(Collectors.joining(" AND ")));
    }
    if (grouping != null && !grouping.groupBy().isEmpty()) {
      sb.append(" GROUP BY ").append(grouping.groupBy().stream().map(Predicate::ident).collect(Collectors.joining(", ")));
    }
    if (!orderBy.isEmpty()) {
      sb.append(" ORDER BY ").append(orderBy.stream().map(Order::sql).collect(Collectors.joining(", ")));
    }
    if (limit != null) {
      sb.append(" LIMIT ").append(limit);
    }
    return sb.toString();
  }
}
