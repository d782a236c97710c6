package dev.tdr.bench;

import dev.tdr.QueryResult;
import dev.tdr.Tdr;
import dev.tdr.core.TdrConfig;
import dev.tdr.core.TdrListener;
import dev.tdr.core.s3.PartStore;
import dev.tdr.core.unload.QueryControl;
import dev.tdr.core.unload.UnloadEngine;
import dev.tdr.core.unload.Unloaded;
import dev.tdr.local.JdbcReader;
import dev.tdr.local.LocalReader;
import dev.tdr.local.Parallelism;
import dev.tdr.spark.TdrSpark;
import dev.tdr.spark.TdrSparkOptions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.SparkSession;
import org.dflib.DataFrame;

/**
 * Runs one benchmark path once: the rows end up in the JVM (a DataFrame, or Spark rows collected
 * to the driver), and the row count comes back so every run can be checked. The same code runs
 * the timed repeats and the fresh-JVM memory probes.
 */
final class PathRunner implements AutoCloseable {
  /** Fetch size of the default JDBC path (as pandas.read_sql users are told to set). */
  static final int DEFAULT_FETCH = 10_000;
  /** Fetch size of the tuned JDBC path (system property tdr.bench.tuned.fetch; see docs/benchmarks.md). */
  static final int TUNED_FETCH = Integer.getInteger("tdr.bench.tuned.fetch", 100_000);
  /** The driver's background fetch thread on the tuned path (tdr.bench.tuned.ringBuffer). */
  static final boolean TUNED_RING_BUFFER = Boolean.parseBoolean(System.getProperty("tdr.bench.tuned.ringBuffer", "false"));
  /** Autocommit on the tuned path (tdr.bench.tuned.autocommit); off makes the driver fetch through a cursor. */
  static final boolean TUNED_AUTOCOMMIT = Boolean.parseBoolean(System.getProperty("tdr.bench.tuned.autocommit", "false"));

  private final TdrConfig config;
  private final Tdr tdr;
  private final PartStore store;
  private final UnloadEngine keepEngine;
  private final LocalReader reader;
  private final Map<String, Unloaded> prepared = new HashMap<>();
  private SparkSession spark;
  private Dataset<Row> cached;
  private String cachedTable;
  /** The last result, kept reachable so the memory probe can measure what it retains. */
  Object last;

  PathRunner(TdrConfig config) {
    this.config = config;
    this.tdr = Tdr.connect(config);
    int threads = Parallelism.threads(config.parallelism());
    this.store = PartStore.create(config, threads);
    this.keepEngine = new UnloadEngine(config.toBuilder().keepFiles(true).build(), store);
    this.reader = LocalReader.over(store, threads);
  }

  static String query(BenchPath path, String table) {
    return path.oneRow() ? "select * from " + table + " where id = 1" : "select * from " + table;
  }

  /**
   * The grouped aggregate of the Spark aggregate paths: one group per code, 4,501. Spark computes it
   * over every row, except on the -pushed paths, where the database does (Spark's JDBC source with
   * pushDownAggregate, the tdr-redshift connector's aggregate pushdown).
   */
  static Dataset<Row> aggregate(Dataset<Row> rows) {
    return rows.groupBy("code").agg(functions.count(functions.lit(1)).as("n"), functions.sum("qty"),
        functions.sum("amount"), functions.avg("ratio"), functions.min("day"), functions.max("ts"));
  }

  /** The columns the aggregate reads, as Spark's column pruning asks for them. */
  static final String AGG_COLUMNS = "qty, amount, ratio, day, ts, code";

  /** Work a path needs before it is timed: the UNLOAD the read-phase paths read; Spark's start. */
  void prepare(BenchPath path, String table) {
    if (path == BenchPath.TDR_LOCAL_READ || path == BenchPath.TDR_SPARK_COUNT || path == BenchPath.TDR_SPARK_COUNT_ROWS) {
      unloaded(table);
    }
    if (path == BenchPath.TDR_SPARK_AGG_READ || path == BenchPath.TDR_SPARK_AGG_READ_ROWS) {
      unloaded(table, AGG_COLUMNS);
    }
    if (path == BenchPath.SPARK_CACHED_COUNT || path == BenchPath.SPARK_CACHED_COLLECT
        || path == BenchPath.SPARK_CACHED_AGG) {
      cached(table);
    }
    if (path.spark()) {
      spark();
    }
  }

  /** Runs {@code path} on {@code table}; returns the rows that reached the JVM. */
  long run(BenchPath path, String table, long tableRows) throws SQLException {
    String sql = query(path, table);
    switch (path) {
      case JDBC_DEFAULT -> {
        return keep(jdbcDefault(config, sql)).height();
      }
      case JDBC_TUNED, ONE_ROW_JDBC -> {
        return keep(jdbcTuned(sql)).height();
      }
      case TDR_LOCAL, ONE_ROW_TDR_LOCAL -> {
        try (QueryResult r = tdr.query(sql)) {
          return keep(r.forceLocal()).height();
        }
      }
      case TDR_LOCAL_READ -> {
        return keep(reader.read(unloaded(table), TdrListener.NONE, new QueryControl())).height();
      }
      case SPARK_JDBC -> {
        List<Row> rows = spark().read().jdbc(config.url(), "(" + sql + ") q", sparkJdbcProperties()).collectAsList();
        last = rows;
        return rows.size();
      }
      case SPARK_JDBC_PARTITIONED -> {
        int partitions = 2 * Runtime.getRuntime().availableProcessors();
        List<Row> rows = spark().read().jdbc(config.url(), "(" + sql + ") q", "id", 1, tableRows + 1, partitions,
            sparkJdbcProperties()).collectAsList();
        last = rows;
        return rows.size();
      }
      case TDR_SPARK_COUNT -> {
        last = null;
        // every row through Spark's own row format (UnsafeRow): every value of every column is read
        return TdrSpark.dataset(spark(), unloaded(table), config).queryExecution().toRdd().count();
      }
      case TDR_SPARK_COUNT_ROWS -> {
        last = null;
        return TdrSpark.reader(spark(), unloaded(table), config).option("columnar", "false").load()
            .queryExecution().toRdd().count();
      }
      case SPARK_CACHED_COUNT -> {
        last = null;
        return cached(table).queryExecution().toRdd().count();
      }
      case SPARK_CACHED_COLLECT -> {
        List<Row> rows = cached(table).collectAsList();
        last = rows;
        return rows.size();
      }
      case TDR_SPARK_AGG_READ_ROWS -> {
        return groups(aggregate(TdrSpark.reader(spark(), unloaded(table, AGG_COLUMNS), config)
            .option("columnar", "false").load()));
      }
      case SPARK_CACHED_AGG -> {
        return groups(aggregate(cached(table)));
      }
      case SPARK_JDBC_AGG -> {
        return groups(aggregate(spark().read().jdbc(config.url(), "(" + sql + ") q", sparkJdbcProperties())));
      }
      case TDR_SPARK_AGG -> {
        // the UNLOAD of the columns the aggregate needs, then Spark aggregates (its groups pushed into
        // Redshift instead would be another path: the aggregate itself runs in Redshift)
        return groups(aggregate(spark().read().format("tdr-redshift").options(TdrSparkOptions.fromConfig(config))
            .option("query", sql).option(TdrSparkOptions.PUSHDOWN_AGGREGATES, "false").load()));
      }
      case TDR_SPARK_AGG_PUSHED -> {
        return groups(aggregate(spark().read().format("tdr-redshift").options(TdrSparkOptions.fromConfig(config))
            .option("query", sql).load()));
      }
      case SPARK_JDBC_AGG_PUSHED -> {
        Properties p = sparkJdbcProperties();
        p.setProperty("pushDownAggregate", "true");
        return groups(aggregate(spark().read().jdbc(config.url(), "(" + sql + ") q", p)));
      }
      case TDR_SPARK_AGG_READ -> {
        return groups(aggregate(TdrSpark.dataset(spark(), unloaded(table, AGG_COLUMNS), config)));
      }
      case TDR_SPARK_COLLECT -> {
        List<Row> rows = spark().read().format("tdr-redshift").options(TdrSparkOptions.fromConfig(config))
            .option("query", sql).load().collectAsList();
        last = rows;
        return rows.size();
      }
      default -> throw new IllegalStateException(path.name());
    }
  }

  /**
   * {@code table}'s rows in Spark's memory cache (read once by the connector), for the paths that
   * measure Spark alone; one table at a time, the previous one's cache dropped.
   */
  private Dataset<Row> cached(String table) {
    if (cachedTable == null || !cachedTable.equals(table)) {
      if (cached != null) {
        cached.unpersist(true);
      }
      cached = TdrSpark.dataset(spark(), unloaded(table), config).cache();
      cached.count(); // fills the cache
      cachedTable = table;
    }
    return cached;
  }

  /** Collects the groups; returns the rows they count (the table's rows, if every row was read). */
  private long groups(Dataset<Row> groups) {
    List<Row> rows = groups.collectAsList();
    last = rows;
    return rows.stream().mapToLong(r -> r.getLong(1)).sum();
  }

  private DataFrame keep(DataFrame df) {
    last = df;
    return df;
  }

  /** redshift-jdbc42 as it comes: default properties, fetch size 10,000, values into a DataFrame. */
  static DataFrame jdbcDefault(TdrConfig config, String sql) throws SQLException {
    try (Connection c = dev.tdr.core.jdbc.Connections.openWithDriverDefaults(config);
        Statement s = c.createStatement()) {
      s.setFetchSize(DEFAULT_FETCH);
      try (ResultSet rs = s.executeQuery(sql)) {
        return JdbcReader.read(rs);
      }
    }
  }

  /** The tuned JDBC path: the driver settings that fetched fastest here (see the constants). */
  private DataFrame jdbcTuned(String sql) throws SQLException {
    try (Connection c = dev.tdr.core.jdbc.Connections.open(config,
        java.util.Map.of("enableFetchRingBuffer", String.valueOf(TUNED_RING_BUFFER)))) {
      c.setAutoCommit(TUNED_AUTOCOMMIT);
      try (Statement s = c.createStatement()) {
        s.setFetchSize(TUNED_FETCH);
        try (ResultSet rs = s.executeQuery(sql)) {
          return JdbcReader.read(rs);
        } finally {
          if (!TUNED_AUTOCOMMIT) {
            c.rollback();
          }
        }
      }
    }
  }

  private Properties sparkJdbcProperties() {
    Properties p = config.connectionProperties();
    p.setProperty("driver", "com.amazon.redshift.jdbc42.Driver");
    p.setProperty("fetchsize", String.valueOf(DEFAULT_FETCH));
    return p;
  }

  private Unloaded unloaded(String table) {
    return unloaded(table, "*");
  }

  /** A finished UNLOAD of {@code columns} of {@code table}, kept until close. */
  private Unloaded unloaded(String table, String columns) {
    return prepared.computeIfAbsent(columns.equals("*") ? table : table + " (" + columns + ")",
        t -> keepEngine.unload("select " + columns + " from " + table, TdrListener.NONE, new QueryControl()));
  }

  /** The manifest bytes (CSV size) of {@code table}'s UNLOAD. */
  long csvBytes(String table) {
    return unloaded(table).manifest().totalBytes();
  }

  /** The finished UNLOAD of {@code table} (kept until close). */
  Unloaded unloadOf(String table) {
    return unloaded(table);
  }

  /** A JDBC connection with the engine's settings (for creating the data). */
  Connection connect() throws SQLException {
    return keepEngine.connect();
  }

  PartStore store() {
    return store;
  }

  SparkSession spark() {
    if (spark == null) {
      spark = SparkSession.builder().master("local[*]").appName("tdr bench")
          .config("spark.ui.enabled", "false")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.sql.session.timeZone", "UTC")
          .getOrCreate();
    }
    return spark;
  }

  boolean sparkStarted() {
    return spark != null;
  }

  @Override
  public void close() {
    for (Unloaded u : prepared.values()) {
      try {
        dev.tdr.core.unload.Runs.delete(store, u.prefix());
      } catch (RuntimeException e) {
        System.err.println("tdr bench: could not delete " + u.prefix() + ": " + e.getMessage());
      }
    }
    if (spark != null) {
      spark.stop();
    }
    reader.close();
    keepEngine.close();
    store.close();
    tdr.close();
  }
}
