package dev.tdr.local;

import dev.tdr.core.ManifestException;
import dev.tdr.core.ResultTooLargeException;
import dev.tdr.core.Schema;
import dev.tdr.core.TdrConfig;
import dev.tdr.core.TdrListener;
import dev.tdr.core.csv.CsvDialect;
import dev.tdr.core.read.Columns;
import dev.tdr.core.read.PartReader;
import dev.tdr.core.s3.PartStore;
import dev.tdr.core.s3.S3Uri;
import dev.tdr.core.unload.Manifest;
import dev.tdr.core.unload.QueryControl;
import dev.tdr.core.unload.SortKey;
import dev.tdr.core.unload.Unloaded;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.dflib.DataFrame;

/**
 * Reads UNLOAD parts into a DataFrame on this machine, in parallel, with no Spark.
 *
 * <p>A ForkJoin pool reads the parts concurrently through the shared {@link PartReader}: each part
 * is decoded straight into typed column arrays ({@link Columns}) at the rows the manifest's record
 * counts assign to it, so nothing is copied afterwards, and the arrays become the DataFrame's
 * series (primitive columns stay unboxed, see {@link dev.tdr.UnboxedSeries}). When there are fewer
 * parts than threads, large parts are split at record boundaries so every core decodes. Every part
 * is checked against the manifest (byte length, row count); any failure stops the read and no
 * partial result is returned.
 *
 * <pre>{@code
 * try (LocalReader reader = LocalReader.create(TdrConfig.fromEnvironment())) {
 *   DataFrame df = reader.read("s3://bucket/unload/manifest", schema);
 * }
 * }</pre>
 *
 * <p>Thread-safe; {@link #close()} releases the pool and the S3 client it created.
 */
public final class LocalReader implements AutoCloseable {
  private final PartStore store;
  private final boolean ownsStore;
  private final ForkJoinPool pool;
  private final int threads;

  LocalReader(PartStore store, int threads, boolean ownsStore) {
    this.store = store;
    this.ownsStore = ownsStore;
    this.threads = threads;
    this.pool = new ForkJoinPool(threads, p -> {
      var t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
      t.setName("tdr-reader-" + t.getPoolIndex());
      t.setDaemon(true);
      return t;
    }, null, false);
  }

  /** A reader with its own S3 client and {@link TdrConfig#parallelism()} threads. */
  public static LocalReader create(TdrConfig config) {
    int threads = Parallelism.threads(config.parallelism());
    return new LocalReader(PartStore.create(config, threads), threads, true);
  }

  /**
   * A reader over an S3 client the caller owns (closing the reader leaves it open), with
   * {@code threads} threads.
   */
  public static LocalReader over(PartStore store, int threads) {
    return new LocalReader(store, Parallelism.threads(threads), false);
  }

  public int threads() {
    return threads;
  }

  /** Reads a finished UNLOAD of this engine, applying its sort. */
  public DataFrame read(Unloaded unloaded, TdrListener listener, QueryControl control) {
    DataFrame df = read(unloaded.manifest(), unloaded.schema(), unloaded.dialect(), unloaded.sort(),
        listener, control);
    if (df.height() != unloaded.rows()) {
      throw new ManifestException("read " + df.height() + " rows but UNLOAD reported " + unloaded.rows());
    }
    return df;
  }

  /**
   * Reads an existing {@code FORMAT CSV ... MANIFEST VERBOSE} UNLOAD (NULL as an empty field)
   * given its manifest URI and schema.
   */
  public DataFrame read(String manifestUri, Schema schema) {
    S3Uri uri = S3Uri.parse(manifestUri);
    byte[] json = store.readIfExists(uri).orElseThrow(
        () -> new ManifestException("no manifest at " + manifestUri));
    Manifest m = Manifest.parse(manifestUri, json);
    if (!m.verbose()) {
      throw new ManifestException("manifest " + manifestUri
          + " has no record_count per part; write it with MANIFEST VERBOSE");
    }
    return read(m, schema, CsvDialect.existingCsv(null), List.of(), TdrListener.NONE, new QueryControl());
  }

  /** Reads the parts of {@code manifest}. */
  public DataFrame read(Manifest manifest, Schema schema, CsvDialect dialect, List<SortKey> sort,
      TdrListener listener, QueryControl control) {
    long t0 = System.nanoTime();
    long total = manifest.totalRecords();
    if (total < 0) {
      throw new ManifestException("manifest " + manifest.uri() + " has no record_count per part");
    }
    if (total > Integer.MAX_VALUE - 8) {
      throw new ResultTooLargeException("the result has " + total + " rows, more than one DataFrame holds;"
          + " read it with Spark (toDataset / --via spark)");
    }
    MemoryEstimate.check(schema, total, manifest.totalBytes(), !sort.isEmpty());
    int rows = (int) total;
    Columns columns = new Columns(schema, rows);
    listener.readStarted(manifest.entries().size(), manifest.totalBytes());
    new PartReader(store, dialect, schema).readAll(manifest.entries(), columns, pool, listener, control::cancelled);
    int[] order = sort.isEmpty() || rows < 2 ? null : RowOrder.permutation(columns, schema, rows, sort);
    DataFrame df = Frames.of(columns, rows, order);
    listener.readFinished(rows, Duration.ofNanos(System.nanoTime() - t0));
    return df;
  }

  @Override
  public void close() {
    pool.shutdownNow();
    if (ownsStore) {
      store.close();
    }
  }
}
