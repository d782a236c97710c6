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

  /** The rows, and the UNLOAD the connector ran for them (null if it reported none). */
  public record Result(DataFrame df, dev.tdr.core.unload.Unloaded unloaded) {}

  /** The query on a local Spark; {@code keepSession} leaves it running for the next query. */
  public static DataFrame query(TdrConfig config, Schema schema, dev.tdr.RenderedSql rendered, boolean keepSession) {
    return query(config, schema, rendered, keepSession, dev.tdr.core.TdrListener.NONE).df();
  }

  /**
   * As above, telling {@code listener} how it goes: the UNLOAD started and done (rows, parts,
   * bytes), then the Spark tasks done (as parts read), then the read finished.
   */
  public static Result query(TdrConfig config, Schema schema, dev.tdr.RenderedSql rendered, boolean keepSession,
      dev.tdr.core.TdrListener listener) {
    String sql = rendered.text(); // the connector gets no snippet sources: it runs the text as is
    SparkSession spark = SparkSession.builder().master("local[*]").appName("tdr query")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.datetime.java8API.enabled", "true")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate();
    String run = java.util.UUID.randomUUID().toString();
    TaskProgress tasks = new TaskProgress(listener);
    dev.tdr.spark.TdrSpark.watch(run, new dev.tdr.core.TdrListener() {
      @Override
      public void unloadFinished(long rows, int parts, long bytes, java.time.Duration elapsed) {
        tasks.bytes = bytes;
        listener.unloadFinished(rows, parts, bytes, elapsed);
      }
    });
    spark.sparkContext().addSparkListener(tasks);
    long t0 = System.nanoTime();
    try {
      listener.unloadStarted("spark");
      DataFrameReader r = spark.read().format("tdr-redshift")
          .options(dev.tdr.spark.TdrSparkOptions.fromConfig(config))
          .option("query", sql)
          .option("pushdown", "false")
          .option(dev.tdr.spark.TdrSparkOptions.TDR_RUN, run);
      List<Row> rows = r.load().collectAsList();
      DataFrame df = toDataFrame(rows, schema);
      List<SortKey> keys = UnloadEngine.localSort(sql, schema);
      listener.readFinished(rows.size(), java.time.Duration.ofNanos(System.nanoTime() - t0));
      return new Result(keys == null ? df : Sorting.sort(df, schema, keys), dev.tdr.spark.TdrSpark.unloadOf(run));
    } finally {
      spark.sparkContext().removeSparkListener(tasks);
      dev.tdr.spark.TdrSpark.unloadOf(run);
      if (!keepSession) {
        spark.stop();
      }
    }
  }

  /** Spark's tasks done, told to a TDR listener as parts read. */
  private static final class TaskProgress extends org.apache.spark.scheduler.SparkListener {
    private final dev.tdr.core.TdrListener listener;
    private final java.util.concurrent.atomic.AtomicInteger total = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
    volatile long bytes;

    TaskProgress(dev.tdr.core.TdrListener listener) {
      this.listener = listener;
    }

    @Override
    public void onStageSubmitted(org.apache.spark.scheduler.SparkListenerStageSubmitted stage) {
      total.addAndGet(stage.stageInfo().numTasks());
    }

    @Override
    public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd task) {
      int d = done.incrementAndGet();
      int t = Math.max(d, total.get());
      listener.partRead(d, t, bytes * d / t, bytes);
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
