package dev.tdr.spark;

import dev.tdr.core.Column;
import dev.tdr.core.ColumnType;
import dev.tdr.core.Schema;
import dev.tdr.core.TdrConfig;
import dev.tdr.core.sql.Predicate;
import dev.tdr.core.unload.Pushdown;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.expressions.Expression;
import org.apache.spark.sql.connector.expressions.NamedReference;
import org.apache.spark.sql.connector.expressions.NullOrdering;
import org.apache.spark.sql.connector.expressions.SortDirection;
import org.apache.spark.sql.connector.expressions.SortOrder;
import org.apache.spark.sql.connector.expressions.aggregate.AggregateFunc;
import org.apache.spark.sql.connector.expressions.aggregate.Aggregation;
import org.apache.spark.sql.connector.expressions.aggregate.Avg;
import org.apache.spark.sql.connector.expressions.aggregate.Count;
import org.apache.spark.sql.connector.expressions.aggregate.CountStar;
import org.apache.spark.sql.connector.expressions.aggregate.Max;
import org.apache.spark.sql.connector.expressions.aggregate.Min;
import org.apache.spark.sql.connector.expressions.aggregate.Sum;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.SupportsPushDownAggregates;
import org.apache.spark.sql.connector.read.SupportsPushDownLimit;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.connector.read.SupportsPushDownTopN;
import org.apache.spark.sql.connector.read.SupportsPushDownV2Filters;
import org.apache.spark.sql.types.StructType;

/**
 * Collects what Spark pushes down — required columns, predicates (the V2 API), LIMIT, ORDER BY ...
 * LIMIT (top-N), and grouped aggregates — as the engine's values ({@link Predicate}, a {@link
 * Pushdown} in the scan); the engine writes the SELECT. Predicates that cannot be translated
 * exactly are handed back to Spark; an aggregate is pushed only when every expression translates
 * and Redshift's answer is Spark's (see docs/spark.md, "Pushdown").
 */
final class TdrScanBuilder implements ScanBuilder, SupportsPushDownRequiredColumns,
    SupportsPushDownV2Filters, SupportsPushDownLimit, SupportsPushDownTopN, SupportsPushDownAggregates {
  private final SparkSession spark;
  private final TdrSparkOptions options;
  private final TdrConfig config;
  private final Schema source;
  private final List<String> sourceNames;
  private final boolean timeType;
  private StructType required;
  private final List<Predicate> where = new ArrayList<>();
  private org.apache.spark.sql.connector.expressions.filter.Predicate[] pushed =
      new org.apache.spark.sql.connector.expressions.filter.Predicate[0];
  private Integer limit;
  private List<Pushdown.Order> orderBy = List.of();
  private Pushdown.Grouping grouping;

  TdrScanBuilder(SparkSession spark, TdrSparkOptions options, TdrConfig config, Schema source,
      List<String> sourceNames, StructType schema, boolean timeType) {
    this.spark = spark;
    this.options = options;
    this.config = config;
    this.source = source;
    this.sourceNames = sourceNames;
    this.timeType = timeType;
    this.required = schema;
  }

  private boolean pushdown() {
    return options.pushdown() && !options.manifestMode();
  }

  @Override
  public void pruneColumns(StructType requiredSchema) {
    if (grouping == null) { // a grouped scan's columns are its groups and aggregates
      this.required = requiredSchema;
    }
  }

  @Override
  public org.apache.spark.sql.connector.expressions.filter.Predicate[] pushPredicates(
      org.apache.spark.sql.connector.expressions.filter.Predicate[] predicates) {
    if (!pushdown()) {
      return predicates;
    }
    FilterSql translator = new FilterSql(source, sourceNames);
    List<org.apache.spark.sql.connector.expressions.filter.Predicate> rest = new ArrayList<>();
    List<org.apache.spark.sql.connector.expressions.filter.Predicate> done = new ArrayList<>();
    for (org.apache.spark.sql.connector.expressions.filter.Predicate f : predicates) {
      Predicate p = translator.predicate(f);
      if (p == null) {
        rest.add(f);
      } else {
        where.add(p);
        done.add(f);
      }
    }
    pushed = done.toArray(org.apache.spark.sql.connector.expressions.filter.Predicate[]::new);
    return rest.toArray(org.apache.spark.sql.connector.expressions.filter.Predicate[]::new);
  }

  @Override
  public org.apache.spark.sql.connector.expressions.filter.Predicate[] pushedPredicates() {
    return pushed;
  }

  @Override
  public boolean pushLimit(int n) {
    if (!pushdown()) {
      return false;
    }
    limit = n;
    return true;
  }

  @Override
  public boolean pushTopN(SortOrder[] orders, int n) {
    if (!pushdown() || grouping != null) {
      return false;
    }
    List<Pushdown.Order> keys = new ArrayList<>();
    for (SortOrder o : orders) {
      int i = column(o.expression());
      if (i < 0 || !orderable(source.column(i).type())) {
        return false;
      }
      keys.add(new Pushdown.Order(sourceNames.get(i), o.direction() == SortDirection.DESCENDING,
          o.nullOrdering() == NullOrdering.NULLS_FIRST));
    }
    orderBy = List.copyOf(keys);
    limit = n;
    return true;
  }

  /** Spark sorts the top rows again (a handful, cheaply), so their order never depends on how the parts were read. */
  @Override
  public boolean isPartiallyPushed() {
    return true;
  }

  @Override
  public boolean supportCompletePushDown(Aggregation aggregation) {
    return grouping(aggregation) != null;
  }

  @Override
  public boolean pushAggregation(Aggregation aggregation) {
    if (!pushdown() || !options.pushdownAggregates() || limit != null || !orderBy.isEmpty()) {
      return false;
    }
    Pushdown.Grouping g = grouping(aggregation);
    if (g == null) {
      return false;
    }
    String sql = new Pushdown(null, where, null, List.of(), g).sql(TdrTable.baseQuery(options));
    Schema out; // the aggregate's own types, as Redshift computes them (statement metadata: nothing runs)
    try (java.sql.Connection c = dev.tdr.core.jdbc.Connections.open(config);
        java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
      out = dev.tdr.core.jdbc.JdbcSchema.of(ps.getMetaData()).schema();
    } catch (java.sql.SQLException e) {
      return false; // Spark aggregates instead; the scan's own UNLOAD reports any real error
    }
    grouping = g;
    required = SparkTypes.structType(out, timeType);
    return true;
  }

  /** The aggregation as the engine's value, or null if any part of it cannot be pushed exactly. */
  private Pushdown.Grouping grouping(Aggregation aggregation) {
    if (!pushdown() || !options.pushdownAggregates()) {
      return null;
    }
    List<String> groupBy = new ArrayList<>();
    for (Expression e : aggregation.groupByExpressions()) {
      int i = column(e);
      if (i < 0 || !groupable(source.column(i).type())) {
        return null;
      }
      groupBy.add(sourceNames.get(i));
    }
    List<Pushdown.Aggregate> aggregates = new ArrayList<>();
    for (AggregateFunc f : aggregation.aggregateExpressions()) {
      Pushdown.Aggregate a = aggregate(f);
      if (a == null) {
        return null;
      }
      aggregates.add(a);
    }
    return new Pushdown.Grouping(groupBy, aggregates);
  }

  /**
   * One aggregate where Redshift's answer is Spark's: COUNT(*), COUNT([DISTINCT] col), SUM and AVG
   * of numbers (AVG of integers and floats in double precision, as Spark does; AVG of a DECIMAL is
   * left to Spark, whose result scale Redshift does not share), MIN and MAX of numbers, dates and
   * times. MIN/MAX of text are left to Spark (collations may differ), as are other functions.
   */
  private Pushdown.Aggregate aggregate(AggregateFunc f) {
    if (f instanceof CountStar) {
      return new Pushdown.Aggregate(Pushdown.Function.COUNT_STAR, null, false, false);
    }
    if (f instanceof Count c) {
      int i = column(c.column());
      return i < 0 || !countable(source.column(i).type()) ? null
          : new Pushdown.Aggregate(Pushdown.Function.COUNT, sourceNames.get(i), c.isDistinct(), false);
    }
    if (f instanceof Sum s) {
      int i = column(s.column());
      return i < 0 || !numeric(source.column(i).type()) ? null
          : new Pushdown.Aggregate(Pushdown.Function.SUM, sourceNames.get(i), s.isDistinct(), false);
    }
    if (f instanceof Avg a) {
      int i = column(a.column());
      if (i < 0 || !numeric(source.column(i).type()) || source.column(i).type() == ColumnType.DECIMAL) {
        return null;
      }
      return new Pushdown.Aggregate(Pushdown.Function.AVG, sourceNames.get(i), a.isDistinct(), true);
    }
    if (f instanceof Min m) {
      int i = column(m.column());
      return i < 0 || !minMax(source.column(i).type()) ? null
          : new Pushdown.Aggregate(Pushdown.Function.MIN, sourceNames.get(i), false, false);
    }
    if (f instanceof Max m) {
      int i = column(m.column());
      return i < 0 || !minMax(source.column(i).type()) ? null
          : new Pushdown.Aggregate(Pushdown.Function.MAX, sourceNames.get(i), false, false);
    }
    return null;
  }

  private static boolean numeric(ColumnType t) {
    return switch (t) {
      case SMALLINT, INTEGER, BIGINT, DECIMAL, REAL, DOUBLE -> true;
      default -> false;
    };
  }

  private static boolean minMax(ColumnType t) {
    return numeric(t) || t == ColumnType.DATE || t == ColumnType.TIMESTAMP || t == ColumnType.TIMESTAMPTZ;
  }

  private static boolean countable(ColumnType t) {
    return t != ColumnType.SUPER && t != ColumnType.GEOMETRY && t != ColumnType.VARBYTE;
  }

  /** Types whose order is the same in Redshift and Spark (text is left out: collations may differ). */
  private static boolean orderable(ColumnType t) {
    return numeric(t) || t == ColumnType.DATE || t == ColumnType.TIMESTAMP || t == ColumnType.TIMESTAMPTZ;
  }

  /** Types whose equality is the same in Redshift and Spark (CHAR is left out: its blank padding differs). */
  private static boolean groupable(ColumnType t) {
    return orderable(t) || t == ColumnType.VARCHAR || t == ColumnType.BOOLEAN;
  }

  /** The source position of a plain column reference that the source query can name, or -1. */
  private int column(Expression e) {
    if (e instanceof NamedReference r && r.fieldNames().length == 1) {
      int i = source.indexOf(r.fieldNames()[0]);
      return i >= 0 && sourceNames.get(i) != null ? i : -1;
    }
    return -1;
  }

  @Override
  public Scan build() {
    Pushdown p = new Pushdown(null, where, limit, orderBy, grouping);
    return new TdrScan(spark, options, config, source, sourceNames, required, p, timeType);
  }
}
