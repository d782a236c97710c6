package dev.tdr.query;

import dev.tdr.core.Column;
import dev.tdr.core.Schema;
import dev.tdr.core.TdrConfig;
import dev.tdr.core.unload.SortKey;
import dev.tdr.core.unload.UnloadEngine;
import dev.tdr.local.Sorting;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dflib.DataFrame;
import org.dflib.Index;
import org.dflib.Series;

/**
 * {@code query --via spark}: the query through the tdr-redshift connector on a local Spark, the
 * rows collected into the same DataFrame types as the other routes (and the query's ORDER BY
 * applied, which Spark does not keep). Loaded only when used, so the rest of the command line
 * runs without Spark.
 */
public final class SparkRoute {
  private SparkRoute() {}

  /** Stops the shared local Spark session, if one is running. */
  public static void stop() {
    scala.Option<SparkSession> s = SparkSession.getDefaultSession();
    if (s.isDefined()) {
      s.get().stop();
    }
  }

  /** Cancels every job of the shared local Spark session, if one is running. */
  public static void cancelJobs() {
    scala.Option<SparkSession> s = SparkSession.getDefaultSession();
    if (s.isDefined()) {
      s.get().sparkContext().cancelAllJobs();
    }
  }

  /** The query on a local Spark; {@code keepSession} leaves it running for the next query. */
  public static DataFrame query(TdrConfig config, Schema schema, dev.tdr.RenderedSql rendered, boolean keepSession) {
    String sql = rendered.text(); // the connector gets no snippet sources: it runs the text as is
    SparkSession spark = SparkSession.builder().master("local[*]").appName("tdr query")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.datetime.java8API.enabled", "true")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate();
    try {
      DataFrameReader r = spark.read().format("tdr-redshift")
          .options(dev.tdr.spark.TdrSparkOptions.fromConfig(config))
          .option("query", sql)
          .option("pushdown", "false");
      List<Row> rows = r.load().collectAsList();
      DataFrame df = toDataFrame(rows, schema);
      List<SortKey> keys = UnloadEngine.localSort(sql, schema);
      return keys == null ? df : Sorting.sort(df, schema, keys);
    } finally {
      if (!keepSession) {
        spark.stop();
      }
    }
  }

  private static DataFrame toDataFrame(List<Row> rows, Schema schema) {
    Series<?>[] series = new Series<?>[schema.size()];
    for (int c = 0; c < schema.size(); c++) {
      Object[] values = new Object[rows.size()];
      Column col = schema.column(c);
      for (int r = 0; r < rows.size(); r++) {
        values[r] = value(col, rows.get(r).get(c));
      }
      series[c] = Series.of(values);
    }
    return DataFrame.byColumn(Index.of(schema.names().toArray(String[]::new))).of(series);
  }

  /** Spark's value as the local reader's type for the column. */
  private static Object value(Column col, Object v) {
    if (v == null) {
      return null;
    }
    return switch (col.type()) {
      case SMALLINT -> ((Number) v).intValue();
      case TIMESTAMPTZ -> OffsetDateTime.ofInstant((Instant) v, ZoneOffset.UTC);
      case TIME -> v instanceof LocalTime t ? t : LocalTime.parse((String) v);
      case TIMETZ -> OffsetTime.of(LocalTime.parse(((String) v).substring(0, 15)), ZoneOffset.UTC);
      default -> v;
    };
  }
}
