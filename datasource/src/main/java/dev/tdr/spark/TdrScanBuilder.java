package dev.tdr.spark;

import dev.tdr.core.Schema;
import dev.tdr.core.TdrConfig;
import dev.tdr.core.sql.Predicate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.SupportsPushDownFilters;
import org.apache.spark.sql.connector.read.SupportsPushDownLimit;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.types.StructType;

/**
 * Collects what Spark pushes down — required columns, filters, LIMIT — as the engine's values
 * ({@link Predicate}, then a {@link dev.tdr.core.unload.Pushdown} in the scan); the engine writes the SELECT. Filters that cannot be translated exactly are handed back to Spark.
 */
final class TdrScanBuilder implements ScanBuilder, SupportsPushDownRequiredColumns,
    SupportsPushDownFilters, SupportsPushDownLimit {
  private final SparkSession spark;
  private final TdrSparkOptions options;
  private final TdrConfig config;
  private final Schema source;
  private final List<String> sourceNames;
  private final boolean timeType;
  private StructType required;
  private final List<Predicate> where = new ArrayList<>();
  private Filter[] pushed = new Filter[0];
  private Integer limit;

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
    this.required = requiredSchema;
  }

  @Override
  public Filter[] pushFilters(Filter[] filters) {
    if (!pushdown()) {
      return filters;
    }
    FilterSql translator = new FilterSql(source, sourceNames);
    List<Filter> rest = new ArrayList<>();
    List<Filter> done = new ArrayList<>();
    for (Filter f : filters) {
      Predicate p = translator.predicate(f);
      if (p == null) {
        rest.add(f);
      } else {
        where.add(p);
        done.add(f);
      }
    }
    pushed = done.toArray(Filter[]::new);
    return rest.toArray(Filter[]::new);
  }

  @Override
  public Filter[] pushedFilters() {
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
  public boolean isPartiallyPushed() {
    return false;
  }

  @Override
  public Scan build() {
    return new TdrScan(spark, options, config, source, sourceNames, required, where, limit, timeType);
  }
}
