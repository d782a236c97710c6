package dev.tdr;

import dev.tdr.core.ResultTooLargeException;
import dev.tdr.core.Schema;
import dev.tdr.core.TdrConfig;
import dev.tdr.core.TdrException;
import dev.tdr.core.TdrListener;
import dev.tdr.core.unload.QueryControl;
import dev.tdr.core.unload.UnloadEngine;
import dev.tdr.core.unload.Unloaded;
import dev.tdr.local.LocalReader;
import java.time.Duration;
import org.dflib.DataFrame;

/**
 * The result of a query after its UNLOAD: schema, size, route, and the way to read it.
 * {@link #toDataFrame()} reads it (once; later calls return the same DataFrame) and then deletes
 * the UNLOAD's files unless they are kept; {@link #close()} deletes them if it was never read.
 *
 * <pre>{@code
 * try (QueryResult r = tdr.query("select * from events where day = '2024-06-01'")) {
 *   DataFrame df = r.toDataFrame();
 *   System.out.println(r.stats());
 * }
 * }</pre>
 */
public final class QueryResult implements AutoCloseable {
  private final UnloadEngine engine;
  private final LocalReader reader;
  private final Unloaded unloaded;
  private final TdrListener listener;
  private final QueryControl control;
  private DataFrame dataFrame;
  private Duration readTime = Duration.ZERO;
  private boolean cleaned;

  QueryResult(UnloadEngine engine, LocalReader reader, Unloaded unloaded, TdrListener listener,
      QueryControl control) {
    this.engine = engine;
    this.reader = reader;
    this.unloaded = unloaded;
    this.listener = listener;
    this.control = control;
  }

  public Schema schema() {
    return unloaded.schema();
  }

  public long rows() {
    return unloaded.rows();
  }

  /** Total bytes of the UNLOAD's parts. */
  public long bytes() {
    return unloaded.manifest().totalBytes();
  }

  public int parts() {
    return unloaded.manifest().entries().size();
  }

  /** {@link Route#LOCAL} if the parts fit under the local threshold, else {@link Route#SPARK}. */
  public Route route() {
    return bytes() <= engine.config().localThreshold() ? Route.LOCAL : Route.SPARK;
  }

  /** The UNLOAD behind this result: manifest, dialect, schema, sort (for other readers). */
  public Unloaded unloaded() {
    return unloaded;
  }

  /**
   * The result as a Spark {@code Dataset<Row>} over the same parts (no second UNLOAD), read by
   * Spark's executors; needs {@code tdr-datasource} and Spark on the classpath. The files stay
   * until this result is closed, so close it after the last Spark action.
   *
   * @param sparkSession an {@code org.apache.spark.sql.SparkSession}
   * @param <D> {@code Dataset<Row>}
   */
  @SuppressWarnings("unchecked")
  public synchronized <D> D toDataset(Object sparkSession) {
    if (cleaned) {
      throw new TdrException("this result was closed or read with toDataFrame(); its files are gone");
    }
    for (dev.tdr.core.unload.DatasetProvider p
        : java.util.ServiceLoader.load(dev.tdr.core.unload.DatasetProvider.class, QueryResult.class.getClassLoader())) {
      return (D) p.dataset(sparkSession, unloaded, engine.config());
    }
    throw new TdrException("toDataset needs the Spark connector (tdr-datasource) and Spark on the classpath;"
        + " none provides dev.tdr.core.unload.DatasetProvider");
  }

  /** True while the UNLOAD's files exist (until read locally or closed). */
  public synchronized boolean open() {
    return !cleaned;
  }

  public QueryStats stats() {
    return new QueryStats(dataFrame != null ? Route.LOCAL : route(), parts(), bytes(), rows(),
        unloaded.unloadTime(), readTime);
  }

  /**
   * The result as a DataFrame, read here if it is at or below the local threshold; then deletes
   * the UNLOAD's files (unless kept).
   *
   * @throws ResultTooLargeException if the result is above the threshold (use Spark)
   */
  public synchronized DataFrame toDataFrame() {
    if (dataFrame != null) {
      return dataFrame;
    }
    if (route() != Route.LOCAL) {
      throw new ResultTooLargeException(String.format(
          "the result is %,d bytes, above the local threshold of %,d bytes (%s): read it with Spark"
              + " (the tdr-redshift connector), or raise the threshold to force a local read",
          bytes(), engine.config().localThreshold(), TdrConfig.Setting.LOCAL_THRESHOLD.env()));
    }
    return forceLocal();
  }

  /** The result as a DataFrame whatever its size (the memory check still applies). */
  public synchronized DataFrame forceLocal() {
    if (dataFrame != null) {
      return dataFrame;
    }
    if (cleaned) {
      throw new TdrException("this result was closed; its files are gone");
    }
    long t0 = System.nanoTime();
    try {
      dataFrame = reader.read(unloaded, listener, control);
      readTime = Duration.ofNanos(System.nanoTime() - t0);
      return dataFrame;
    } finally {
      cleanup();
    }
  }

  private void cleanup() {
    if (!cleaned) {
      cleaned = true;
      engine.cleanup(unloaded);
    }
  }

  /** Deletes the UNLOAD's files (unless kept) if {@link #toDataFrame()} has not already. */
  @Override
  public synchronized void close() {
    cleanup();
  }
}
