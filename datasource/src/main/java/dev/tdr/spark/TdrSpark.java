package dev.tdr.spark;

import dev.tdr.core.SchemaJson;
import dev.tdr.core.TdrConfig;
import dev.tdr.core.unload.DatasetProvider;
import dev.tdr.core.unload.Unloaded;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Spark for results TDR has already unloaded: the same parts, read by executors, with no second
 * UNLOAD. {@code QueryResult.toDataset(spark)} calls this, through the {@link Provider} service.
 *
 * <pre>{@code
 * try (QueryResult r = tdr.query(sql)) {
 *   Dataset<Row> ds = TdrSpark.dataset(spark, r.unloaded(), tdr.config());
 *   ds.groupBy("app").count().show();
 * }   // the files are deleted here, when the result is closed
 * }</pre>
 */
public final class TdrSpark {
  private TdrSpark() {}

  private static final java.util.Map<String, Unloaded> REPORTED = new java.util.concurrent.ConcurrentHashMap<>();
  private static final java.util.Map<String, dev.tdr.core.TdrListener> WATCHERS = new java.util.concurrent.ConcurrentHashMap<>();

  /** Called by a scan on the driver once its UNLOAD is done, when the read was named with option {@code __tdr_run}. */
  static void report(String run, Unloaded unloaded) {
    if (run != null && !run.isBlank()) {
      REPORTED.put(run, unloaded);
      dev.tdr.core.TdrListener l = WATCHERS.get(run);
      if (l != null) {
        l.unloadFinished(unloaded.rows(), unloaded.manifest().entries().size(), unloaded.manifest().totalBytes(),
            unloaded.unloadTime());
      }
    }
  }

  /** {@code listener} hears when the UNLOAD of the read named {@code run} is done (until {@link #unloadOf}). */
  public static void watch(String run, dev.tdr.core.TdrListener listener) {
    WATCHERS.put(run, listener);
  }

  /**
   * The UNLOAD of the read named {@code run} (option {@code __tdr_run}), once (it is forgotten
   * here), or null if none was reported: what a caller on the driver shows as the read's stats.
   */
  public static Unloaded unloadOf(String run) {
    WATCHERS.remove(run);
    return REPORTED.remove(run);
  }

  /** The connector as {@code core}'s {@link DatasetProvider} service, for {@code QueryResult.toDataset}. */
  public static final class Provider implements DatasetProvider {
    @Override
    public Object dataset(Object session, Unloaded unloaded, TdrConfig config) {
      if (!(session instanceof SparkSession spark)) {
        throw new IllegalArgumentException("toDataset takes a SparkSession, got "
            + (session == null ? "null" : session.getClass().getName()));
      }
      return TdrSpark.dataset(spark, unloaded, config);
    }
  }

  /**
   * The parts of {@code unloaded} as a Dataset. The files belong to the caller: they stay until
   * the TDR result is closed, so every action on the Dataset can read them.
   */
  public static Dataset<Row> dataset(SparkSession spark, Unloaded unloaded, TdrConfig config) {
    return reader(spark, unloaded, config).load();
  }

  /**
   * A reader of the parts of {@code unloaded}, for options of the reading itself ({@code
   * columnar}, {@code batch_rows}, {@code target_partition_bytes}) before {@code load()}.
   */
  public static DataFrameReader reader(SparkSession spark, Unloaded unloaded, TdrConfig config) {
    DataFrameReader r = spark.read().format(TdrRedshiftSource.SHORT_NAME)
        .option(TdrSparkOptions.MANIFEST, unloaded.prefix().resolve("manifest").toString())
        .option(TdrSparkOptions.TDR_SCHEMA, SchemaJson.write(unloaded.schema()))
        .option(TdrSparkOptions.TDR_ROWS, String.valueOf(unloaded.rows()));
    if (unloaded.dialect().nullMarker() != null) {
      r.option(TdrSparkOptions.NULL_AS, unloaded.dialect().nullMarker());
    }
    if (config.s3Endpoint() != null) {
      r.option(TdrSparkOptions.S3_ENDPOINT, config.s3Endpoint().toString());
    }
    r.option(TdrSparkOptions.S3_PATH_STYLE, String.valueOf(config.pathStyle()));
    r.option(TdrSparkOptions.TEMPDIR_REGION, config.region());
    if (config.awsAccessKeyId() != null) {
      r.option(TdrSparkOptions.TEMPORARY_AWS_ACCESS_KEY_ID, config.awsAccessKeyId());
      r.option(TdrSparkOptions.TEMPORARY_AWS_SECRET_ACCESS_KEY, config.awsSecretAccessKey());
      if (config.awsSessionToken() != null) {
        r.option(TdrSparkOptions.TEMPORARY_AWS_SESSION_TOKEN, config.awsSessionToken());
      }
    }
    return r;
  }
}
