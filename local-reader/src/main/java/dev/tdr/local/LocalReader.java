package dev.tdr.local;

import dev.tdr.core.CsvParseException;
import dev.tdr.core.ManifestException;
import dev.tdr.core.PartReadException;
import dev.tdr.core.ResultTooLargeException;
import dev.tdr.core.Schema;
import dev.tdr.core.TdrConfig;
import dev.tdr.core.TdrException;
import dev.tdr.core.TdrListener;
import dev.tdr.core.csv.CsvDialect;
import dev.tdr.core.csv.PartParser;
import dev.tdr.core.s3.PartStore;
import dev.tdr.core.s3.S3Uri;
import dev.tdr.core.unload.Manifest;
import dev.tdr.core.unload.QueryControl;
import dev.tdr.core.unload.SortKey;
import dev.tdr.core.unload.Unloaded;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import org.dflib.DataFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads UNLOAD parts into a DataFrame on this machine, in parallel, with no Spark.
 *
 * <p>A ForkJoin pool reads the parts concurrently; each part is parsed straight into typed column
 * arrays at the rows the manifest's record counts assign to it, so nothing is copied afterwards.
 * When there are fewer parts than threads, large parts are fetched whole and split at record
 * boundaries (quote-aware) so every core parses. Every part is checked against the manifest
 * (byte length, row count); any failure stops the read and no partial result is returned.
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
  private static final Logger LOG = LoggerFactory.getLogger(LocalReader.class);
  private static final int ATTEMPTS = 3;
  /** Parts at least this big are split when there are spare threads. */
  private static final long SPLIT_MIN_BYTES = 8L << 20;

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
    MemoryEstimate.check(schema, total, manifest.totalBytes());
    int rows = (int) total;
    ColumnStore store = new ColumnStore(schema, rows);
    List<Task> tasks = plan(manifest);
    listener.readStarted(manifest.entries().size(), manifest.totalBytes());
    run(tasks, store, schema, dialect, listener, control, manifest);
    int[] order = sort.isEmpty() || rows < 2 ? null : RowOrder.permutation(store, schema, rows, sort);
    DataFrame df = store.toDataFrame(rows, order);
    listener.readFinished(rows, Duration.ofNanos(System.nanoTime() - t0));
    return df;
  }

  /** One unit of work: a whole part, or a split chunk of one. */
  private record Task(int part, Manifest.Entry entry, int firstRow, boolean split) {}

  record Chunk(int start, int end, int firstRow, long firstLine, long rows) {}

  private List<Task> plan(Manifest manifest) {
    List<Task> tasks = new ArrayList<>();
    int row = 0;
    int parts = manifest.entries().size();
    for (int i = 0; i < parts; i++) {
      Manifest.Entry e = manifest.entries().get(i);
      boolean split = parts < threads && e.contentLength() >= SPLIT_MIN_BYTES
          && e.contentLength() < Integer.MAX_VALUE && e.recordCount() > 1;
      tasks.add(new Task(i, e, row, split));
      row += (int) e.recordCount();
    }
    return tasks;
  }

  private void run(List<Task> tasks, ColumnStore columns, Schema schema, CsvDialect dialect,
      TdrListener listener, QueryControl control, Manifest manifest) {
    AtomicInteger partsDone = new AtomicInteger();
    AtomicLong bytesDone = new AtomicLong();
    java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
    java.util.function.BooleanSupplier abort = () -> failed.get() || control.cancelled();
    List<Future<?>> futures = new ArrayList<>();
    for (Task t : tasks) {
      futures.add(pool.submit(() -> {
        try {
          readWithRetries(t, columns, schema, dialect, abort);
        } catch (RuntimeException e) {
          failed.set(true);
          throw e;
        }
        listener.partRead(partsDone.incrementAndGet(), tasks.size(),
            bytesDone.addAndGet(t.entry().contentLength()), manifest.totalBytes());
        return null;
      }));
    }
    RuntimeException first = null;
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (first == null || (first instanceof CancellationException && !(cause instanceof CancellationException))) {
          first = cause instanceof RuntimeException re ? re : new TdrException(cause.getMessage(), cause);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        control.cancel();
        failed.set(true);
        first = new CancellationException("interrupted while reading");
      }
    }
    if (first != null) {
      if (first instanceof CancellationException && control.cancelled()) {
        throw new TdrException("the query was cancelled while its parts were read");
      }
      throw first;
    }
  }

  private void readWithRetries(Task t, ColumnStore columns, Schema schema, CsvDialect dialect,
      java.util.function.BooleanSupplier abort) {
    for (int attempt = 1; ; attempt++) {
      try {
        if (t.split()) {
          readSplit(t, columns, schema, dialect, abort);
        } else {
          readWhole(t, columns, schema, dialect, abort);
        }
        return;
      } catch (PartReadException | UncheckedIOException e) {
        if (attempt >= ATTEMPTS || abort.getAsBoolean()) {
          throw e instanceof PartReadException pre ? pre
              : new PartReadException(t.entry().url(), e.getMessage(), e);
        }
        LOG.debug("retrying {} after attempt {}: {}", t.entry().url(), attempt, e.getMessage());
        columns.clearRows(t.firstRow(), t.firstRow() + (int) t.entry().recordCount());
      }
    }
  }

  private void readWhole(Task t, ColumnStore columns, Schema schema, CsvDialect dialect,
      java.util.function.BooleanSupplier abort) {
    Manifest.Entry e = t.entry();
    ColumnStore.Sink sink = columns.sinkAt(t.firstRow(), t.firstRow() + (int) e.recordCount(), abort);
    try (InputStream raw = store.open(S3Uri.parse(e.url()), e.contentLength());
        Reader in = reader(e.url(), raw)) {
      long rows = new PartParser(dialect, schema).parse(in, e.url(), 1, e.recordCount(), sink);
      checkRows(e, rows);
    } catch (IOException io) {
      throw new UncheckedIOException(io.getMessage(), io);
    } catch (CsvParseException pe) {
      if (pe.getCause() instanceof IOException io) {
        throw new UncheckedIOException(io.getMessage(), io);
      }
      throw pe;
    } catch (com.univocity.parsers.common.TextParsingException tpe) {
      throw unwrap(e.url(), tpe);
    }
  }

  /** A failure inside univocity: an I/O problem (retried) or a decoding problem (reported). */
  private static RuntimeException unwrap(String url, RuntimeException e) {
    Throwable c = e.getCause();
    while (c != null && !(c instanceof IOException)) {
      c = c.getCause();
    }
    if (c instanceof CharacterCodingException) {
      return new CsvParseException(url, 0, 0, "not valid UTF-8 (" + c + ")", e);
    }
    if (c instanceof IOException io) {
      return new UncheckedIOException(io.getMessage(), io);
    }
    return new CsvParseException(url, 0, 0, e.getMessage(), e);
  }

  private static void checkRows(Manifest.Entry e, long rows) {
    if (rows != e.recordCount()) {
      throw new CsvParseException(e.url(), 0, 0, "parsed " + rows + " rows but the manifest lists "
          + e.recordCount() + " (truncated or corrupted part)", null);
    }
  }

  private static Reader reader(String url, InputStream raw) throws IOException {
    InputStream in = url.endsWith(".gz") ? new GZIPInputStream(raw, 65536) : raw;
    return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT));
  }

  /**
   * Fetches the whole part, finds record boundaries (a newline outside quotes: an even number of
   * {@code "} before it, as {@code ""} inside a quoted field counts twice), and parses the chunks
   * in parallel, each at its own rows.
   */
  private void readSplit(Task t, ColumnStore columns, Schema schema, CsvDialect dialect,
      java.util.function.BooleanSupplier abort) {
    Manifest.Entry e = t.entry();
    byte[] bytes;
    try (InputStream raw = store.open(S3Uri.parse(e.url()), e.contentLength());
        InputStream in = e.url().endsWith(".gz") ? new GZIPInputStream(raw, 65536) : raw) {
      bytes = in.readAllBytes();
    } catch (IOException io) {
      throw new UncheckedIOException(io.getMessage(), io);
    }
    List<Chunk> chunks = chunks(bytes, threads, t.firstRow());
    long counted = chunks.stream().mapToLong(Chunk::rows).sum();
    if (counted != e.recordCount()) {
      throw new CsvParseException(e.url(), 0, 0, "holds " + counted + " records but the manifest lists "
          + e.recordCount() + " (truncated or corrupted part)", null);
    }
    List<java.util.concurrent.ForkJoinTask<?>> subtasks = new ArrayList<>();
    for (Chunk c : chunks) {
      subtasks.add(java.util.concurrent.ForkJoinTask.adapt(() -> {
        ColumnStore.Sink sink = columns.sinkAt(c.firstRow(), c.firstRow() + (int) c.rows(), abort);
        try (Reader in = reader("", new ByteArrayInputStream(bytes, c.start(), c.end() - c.start()))) {
          long rows = new PartParser(dialect, schema).parse(in, e.url(), c.firstLine(), c.rows(), sink);
          if (rows != c.rows()) {
            throw new CsvParseException(e.url(), c.firstLine(), 0, "parsed " + rows + " rows where "
                + c.rows() + " records were found", null);
          }
        } catch (IOException io) {
          throw new UncheckedIOException(io.getMessage(), io);
        } catch (com.univocity.parsers.common.TextParsingException tpe) {
          throw unwrap(e.url(), tpe);
        }
      }));
    }
    java.util.concurrent.ForkJoinTask.invokeAll(subtasks);
  }

  /** Splits {@code bytes} into about {@code n} chunks of whole records. */
  static List<Chunk> chunks(byte[] bytes, int n, int firstRow) {
    long target = Math.max(1, bytes.length / n);
    List<Chunk> out = new ArrayList<>();
    int start = 0;
    long records = 0;
    long line = 1;
    long chunkLine = 1;
    boolean quoted = false;
    for (int i = 0; i < bytes.length; i++) {
      byte b = bytes[i];
      if (b == '"') {
        quoted = !quoted;
      } else if (b == '\n') {
        line++;
        if (!quoted) {
          records++;
          if (i + 1 - start >= target && i + 1 < bytes.length) {
            out.add(new Chunk(start, i + 1, firstRow, chunkLine, records));
            firstRow += (int) records;
            records = 0;
            start = i + 1;
            chunkLine = line;
          }
        }
      }
    }
    if (start < bytes.length || out.isEmpty()) {
      if (start < bytes.length && bytes[bytes.length - 1] != '\n') {
        records++; // a last record without its newline: the parser decides if it is valid
      }
      out.add(new Chunk(start, bytes.length, firstRow, chunkLine, records));
    }
    return out;
  }

  @Override
  public void close() {
    pool.shutdownNow();
    if (ownsStore) {
      store.close();
    }
  }
}
