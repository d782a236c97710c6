package dev.tdr.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The ways of getting a query's rows into memory that the benchmark compares. */
public enum BenchPath {
  /** redshift-jdbc42 as it comes, fetch size 10,000, every value into the same DataFrame types. */
  JDBC_DEFAULT("jdbc-default", Kind.JVM),
  /** redshift-jdbc42 with the fastest honest settings found (no fetch ring buffer, cursor fetch). */
  JDBC_TUNED("jdbc-tuned", Kind.JVM),
  /** TDR end to end: UNLOAD, manifest, parallel read into the DataFrame. */
  TDR_LOCAL("tdr-local", Kind.JVM),
  /** TDR's read phase only: from a finished UNLOAD's manifest to the DataFrame. */
  TDR_LOCAL_READ("tdr-local-read", Kind.JVM),
  /** Spark's JDBC source on local[*], one partition, collected to the driver. */
  SPARK_JDBC("spark-jdbc", Kind.SPARK),
  /** Spark's JDBC source with partitionColumn/numPartitions, collected to the driver. */
  SPARK_JDBC_PARTITIONED("spark-jdbc-partitioned", Kind.SPARK),
  /**
   * The tdr-redshift connector's read phase: Spark reads every row, every column, of a finished
   * UNLOAD (no count from the manifest, no pushdown stands in for reading).
   */
  TDR_SPARK_COUNT("tdr-spark-count", Kind.SPARK),
  /** tdr-spark-count through the row reader ({@code columnar=false}): what the columnar batches are worth. */
  TDR_SPARK_COUNT_ROWS("tdr-spark-count-rows", Kind.SPARK),
  /** The tdr-redshift connector, collected to the driver. */
  TDR_SPARK_COLLECT("tdr-spark-collect", Kind.SPARK),
  /**
   * Spark alone: the rows of tdr-spark-count already in Spark's own memory cache, every row read the
   * same way. What the action costs whichever source the rows came from.
   */
  SPARK_CACHED_COUNT("spark-cached-count", Kind.SPARK),
  /** Spark alone: the same rows from Spark's memory cache, collected to the driver as tdr-spark-collect does. */
  SPARK_CACHED_COLLECT("spark-cached-collect", Kind.SPARK),
  /** tdr-spark-agg-read through the row reader ({@code columnar=false}). */
  TDR_SPARK_AGG_READ_ROWS("tdr-spark-agg-read-rows", Kind.SPARK),
  /** Spark alone: the aggregate of the aggregate paths over the same rows in Spark's memory cache. */
  SPARK_CACHED_AGG("spark-cached-agg", Kind.SPARK),
  /** Spark's JDBC source, a grouped aggregate over every row, computed by Spark. */
  SPARK_JDBC_AGG("spark-jdbc-agg", Kind.SPARK),
  /** The tdr-redshift connector, the same aggregate, end to end (the UNLOAD of the columns it needs, then Spark). */
  TDR_SPARK_AGG("tdr-spark-agg", Kind.SPARK),
  /** The same aggregate over the parts of a finished UNLOAD of the columns it needs: the read phase. */
  TDR_SPARK_AGG_READ("tdr-spark-agg-read", Kind.SPARK),
  /** The tdr-redshift connector with its aggregate pushdown: Redshift computes the groups, one small part comes back. */
  TDR_SPARK_AGG_PUSHED("tdr-spark-agg-pushed", Kind.SPARK),
  /** Spark's JDBC source with its own {@code pushDownAggregate}: the database computes the groups. */
  SPARK_JDBC_AGG_PUSHED("spark-jdbc-agg-pushed", Kind.SPARK),
  /** TDR end to end as the first query of a fresh JVM (the command line, a new notebook): the process timed. */
  TDR_LOCAL_COLD("tdr-local-cold", Kind.PROCESS),
  /** jdbc-default as the first query of a fresh JVM: the process timed. */
  JDBC_DEFAULT_COLD("jdbc-default-cold", Kind.PROCESS),
  /** {@code pandas.read_sql} over psycopg2 in a fresh Python process (benchmarks/python/pandas_read_sql.py). */
  PANDAS_READ_SQL("pandas-read-sql", Kind.PYTHON),
  /**
   * The seed's design in Python, in a fresh process (benchmarks/python/seed_python.py): UNLOAD to CSV,
   * a multiprocessing.Pool of pd.read_csv over the parts, pd.concat.
   */
  SEED_PYTHON("seed-python", Kind.PYTHON),
  /** A one-row query over JDBC (tuned): the fixed overhead of a round trip. */
  ONE_ROW_JDBC("one-row-jdbc", Kind.ONE_ROW),
  /** A one-row query through TDR: the fixed overhead of UNLOAD + manifest + read. */
  ONE_ROW_TDR_LOCAL("one-row-tdr-local", Kind.ONE_ROW);

  /** Where a path runs. */
  enum Kind {
    /** In the benchmark's JVM. */
    JVM,
    /** In the benchmark's JVM, on a local Spark session. */
    SPARK,
    /** In the benchmark's JVM, a one-row query. */
    ONE_ROW,
    /** A fresh JVM per run ({@link ColdRun}), timed from start to exit. */
    PROCESS,
    /** A fresh Python process per run ({@code /usr/bin/python3}), timed from start to exit. */
    PYTHON
  }

  private final String label;
  private final Kind kind;

  BenchPath(String label, Kind kind) {
    this.label = label;
    this.kind = kind;
  }

  Kind kind() {
    return kind;
  }

  /** The name used in options, tables and results.csv, e.g. {@code jdbc-default}. */
  public String label() {
    return label;
  }

  public boolean spark() {
    return kind == Kind.SPARK;
  }

  /** True for the one-row (fixed overhead) queries. */
  public boolean oneRow() {
    return kind == Kind.ONE_ROW;
  }

  /** True for the paths run as a fresh process each time (a JVM or Python). */
  public boolean process() {
    return kind == Kind.PROCESS || kind == Kind.PYTHON;
  }

  public static BenchPath of(String label) {
    String l = label.strip().toLowerCase(Locale.ROOT);
    for (BenchPath p : values()) {
      if (p.label.equals(l)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown path '" + label + "'; paths: "
        + String.join(", ", Arrays.stream(values()).map(BenchPath::label).toList()));
  }

  /** Parses {@code a,b,c}, or {@code all}. */
  public static List<BenchPath> parseList(String text) {
    if (text == null || text.isBlank() || text.strip().equalsIgnoreCase("all")) {
      return List.of(values());
    }
    List<BenchPath> out = new ArrayList<>();
    for (String s : text.split(",")) {
      if (!s.isBlank()) {
        out.add(of(s));
      }
    }
    return out;
  }
}
