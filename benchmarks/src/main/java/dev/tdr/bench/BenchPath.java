package dev.tdr.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The ways of getting a query's rows into the JVM that the benchmark compares. */
public enum BenchPath {
  /** redshift-jdbc42 as it comes, fetch size 10,000, every value into the same DataFrame types. */
  JDBC_DEFAULT("jdbc-default", false, false),
  /** redshift-jdbc42 with the fastest honest settings found (no fetch ring buffer, cursor fetch). */
  JDBC_TUNED("jdbc-tuned", false, false),
  /** TDR end to end: UNLOAD, manifest, parallel read into the DataFrame. */
  TDR_LOCAL("tdr-local", false, false),
  /** TDR's read phase only: from a finished UNLOAD's manifest to the DataFrame. */
  TDR_LOCAL_READ("tdr-local-read", false, false),
  /** Spark's JDBC source on local[*], one partition, collected to the driver. */
  SPARK_JDBC("spark-jdbc", true, false),
  /** Spark's JDBC source with partitionColumn/numPartitions, collected to the driver. */
  SPARK_JDBC_PARTITIONED("spark-jdbc-partitioned", true, false),
  /** The tdr-redshift connector, count(). */
  TDR_SPARK_COUNT("tdr-spark-count", true, false),
  /** The tdr-redshift connector, collected to the driver. */
  TDR_SPARK_COLLECT("tdr-spark-collect", true, false),
  /** A one-row query over JDBC (tuned): the fixed overhead of a round trip. */
  ONE_ROW_JDBC("one-row-jdbc", false, true),
  /** A one-row query through TDR: the fixed overhead of UNLOAD + manifest + read. */
  ONE_ROW_TDR_LOCAL("one-row-tdr-local", false, true);

  private final String label;
  private final boolean spark;
  private final boolean oneRow;

  BenchPath(String label, boolean spark, boolean oneRow) {
    this.label = label;
    this.spark = spark;
    this.oneRow = oneRow;
  }

  /** The name used in options, tables and results.csv, e.g. {@code jdbc-default}. */
  public String label() {
    return label;
  }

  public boolean spark() {
    return spark;
  }

  /** True for the one-row (fixed overhead) queries. */
  public boolean oneRow() {
    return oneRow;
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
