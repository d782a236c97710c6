package dev.tdr.core.read;

import com.univocity.parsers.common.TextParsingException;
import dev.tdr.core.CsvParseException;
import dev.tdr.core.PartReadException;
import dev.tdr.core.Schema;
import dev.tdr.core.TdrException;
import dev.tdr.core.TdrListener;
import dev.tdr.core.csv.CsvDialect;
import dev.tdr.core.csv.PartParser;
import dev.tdr.core.csv.RowSink;
import dev.tdr.core.s3.PartStore;
import dev.tdr.core.s3.S3Uri;
import dev.tdr.core.unload.Manifest;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one part reader, shared by the local reader and the Spark reader: opens a part on S3 and
 * turns it into typed values in {@link Columns}. It owns the GETs (one per part, or, for a large
 * part split across threads, ranged GETs fetched in parallel ahead of the parsers; a body that
 * breaks off resumes where it stopped, see {@link PartStore#open(S3Uri, long, long, long)}), gzip,
 * UTF-8, record splitting, the row count
 * against the manifest and the translation of every failure into a {@link TdrException} that
 * names the part: {@link PartReadException} for S3, {@link CsvParseException} (with line and
 * column) for content.
 *
 * <p>TDR's own dialect is decoded by {@link PartDecoder} straight from bytes; any other dialect
 * goes through the general parser ({@link PartParser}, univocity) into the same columns.
 *
 * <p>When a result has fewer parts than threads, a large uncompressed part is split: its ranges
 * are scanned in order for record boundaries (a record separator outside quotes: the quote state
 * at a range's start depends on every byte before it), and the records between two boundaries
 * are decoded in parallel, each at the rows the boundaries' record counts give. Every run must
 * end exactly at the next boundary after exactly its rows; any content error while split makes
 * the part be read again from start to end, whose verdict is the one reported.
 */
public final class PartReader {
  private static final Logger LOG = LoggerFactory.getLogger(PartReader.class);
  /** Ranges of a split part: at least so many bytes, at most so many. */
  static final long MIN_SPLIT_RANGE = 1L << 20;
  static final long MAX_SPLIT_RANGE = 16L << 20;
  private static final int ROWS_PER_STEP = 8192;

  private final PartStore store;
  private final CsvDialect dialect;
  private final Schema schema;
  private final byte quote;
  private final byte separator;
  private final boolean[] skip;

  public PartReader(PartStore store, CsvDialect dialect, Schema schema) {
    this(store, dialect, schema, null);
  }

  /**
   * A reader whose caller reads only some columns: {@code skip[c]} true leaves column {@code c}
   * unconverted (the byte decoder only scans its fields; the general parser converts every column).
   */
  public PartReader(PartStore store, CsvDialect dialect, Schema schema, boolean[] skip) {
    this.store = store;
    this.dialect = dialect;
    this.schema = schema;
    this.skip = skip == null ? null : skip.clone();
    this.quote = (byte) dialect.quote();
    this.separator = (byte) dialect.recordSeparator();
  }

  /**
   * Starts, once per JVM, a background warm-up of the decoder on a synthetic part, so that the
   * first query of a fresh process finds it compiled; call it when a client starts (its first
   * query's UNLOAD then hides the warm-up). A real read stops it.
   */
  public static void warmUp() {
    WarmUp.start();
  }

  /**
   * Reads every part of {@code entries} into {@code into} on {@code pool}, each part at the rows
   * the record counts before it give (so nothing is copied afterwards). Any failure stops the
   * other parts and is thrown; {@code cancelled} is polled as rows are read.
   *
   * @throws TdrException naming the part that failed; "cancelled" if {@code cancelled} said so
   */
  public void readAll(List<Manifest.Entry> entries, Columns into, ForkJoinPool pool, TdrListener listener,
      BooleanSupplier cancelled) {
    WarmUp.stop();
    int parts = entries.size();
    long[] firstRows = new long[parts];
    long rows = 0;
    long bytes = 0;
    for (int i = 0; i < parts; i++) {
      firstRows[i] = rows;
      rows += entries.get(i).recordCount();
      bytes += entries.get(i).contentLength();
    }
    if (rows > into.capacity()) {
      throw new IllegalArgumentException("the parts hold " + rows + " rows; the columns " + into.capacity());
    }
    long totalBytes = bytes;
    int threads = pool.getParallelism();
    AtomicBoolean failed = new AtomicBoolean();
    BooleanSupplier stop = () -> failed.get() || cancelled.getAsBoolean();
    AtomicInteger partsDone = new AtomicInteger();
    AtomicLong bytesDone = new AtomicLong();
    List<Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < parts; i++) {
      Manifest.Entry e = entries.get(i);
      int first = (int) firstRows[i];
      long splitRange = parts < threads ? splitRange(e, threads, parts) : 0;
      futures.add(pool.submit(() -> {
        try {
          readPart(e, into, first, splitRange, threads, stop);
        } catch (RuntimeException ex) {
          failed.set(true);
          throw ex;
        }
        listener.partRead(partsDone.incrementAndGet(), parts, bytesDone.addAndGet(e.contentLength()), totalBytes);
        return null;
      }));
    }
    RuntimeException first = null;
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (ExecutionException ex) {
        Throwable cause = ex.getCause();
        if (first == null || (first instanceof CancellationException && !(cause instanceof CancellationException))) {
          first = cause instanceof RuntimeException re ? re : new TdrException(String.valueOf(cause.getMessage()), cause);
        }
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        failed.set(true);
        first = new TdrException("interrupted while the parts were read");
      }
    }
    if (first != null) {
      if (first instanceof CancellationException && cancelled.getAsBoolean()) {
        throw new dev.tdr.core.QueryCancelledException("while its parts were read", first);
      }
      throw first;
    }
  }

  /** The range size to split {@code e} into when the parts alone leave threads idle, or 0. */
  private static long splitRange(Manifest.Entry e, int threads, int parts) {
    if (e.url().endsWith(".gz") || e.recordCount() < 2 || e.contentLength() < 2 * MIN_SPLIT_RANGE) {
      return 0;
    }
    int runsWanted = 2 * ((threads + parts - 1) / parts);
    return Math.max(MIN_SPLIT_RANGE, Math.min(MAX_SPLIT_RANGE, e.contentLength() / runsWanted + 1));
  }

  private void readPart(Manifest.Entry e, Columns into, int first, long splitRange, int threads, BooleanSupplier stop) {
    int count = (int) e.recordCount();
    if (splitRange > 0 && dialect.byteDecodable()) {
      try {
        readSplit(e, into, first, splitRange, threads, stop);
        return;
      } catch (CsvParseException pe) {
        LOG.debug("{}; reading the part again from start to end", pe.getMessage());
        into.clear(first, first + count);
      }
    }
    try (InputStream in = open(e)) {
      Source src = source(in, e.url(), 1, into, first, first + count);
      int got = readRows(src, first, count, stop);
      checkCount(e, got, src);
    } catch (IOException | RuntimeException ex) {
      throw translate(ex, e.url());
    }
  }

  /**
   * One GET of the whole part, decoded as it arrives (the socket's buffer is the read-ahead): the
   * threads' own GETs keep the network busy, and nothing beyond the decoder's buffer is held.
   */
  private InputStream open(Manifest.Entry e) throws IOException {
    InputStream raw = store.open(S3Uri.parse(e.url()), e.contentLength());
    if (!e.url().endsWith(".gz")) {
      return raw;
    }
    try {
      return new GZIPInputStream(raw, 1 << 16);
    } catch (IOException | RuntimeException ex) {
      raw.close();
      throw ex;
    }
  }

  private static int readRows(Source src, int first, int count, BooleanSupplier stop) {
    int got = 0;
    while (got < count) {
      if (stop.getAsBoolean()) {
        throw new CancellationException("reading stopped");
      }
      int k = src.read(first + got, Math.min(ROWS_PER_STEP, count - got));
      if (k == 0) {
        break;
      }
      got += k;
    }
    return got;
  }

  private static void checkCount(Manifest.Entry e, long got, Source src) {
    if (got < e.recordCount()) {
      throw new CsvParseException(e.url(), 0, 0, "parsed " + got + " rows but the manifest lists "
          + e.recordCount() + " (truncated or corrupted part)", null);
    }
    if (src.hasMore()) {
      throw new CsvParseException(e.url(), src.line(), 0, "more rows than the manifest's record_count ("
          + e.recordCount() + ")", null);
    }
  }

  // ------------------------------------------------------------------ split parts

  /** The records of one run: bytes from one boundary to the next, and where their rows go. */
  private static final class Run {
    final int firstRow;
    final long firstLine;
    final List<InputStream> slices = new ArrayList<>();

    Run(int firstRow, long firstLine) {
      this.firstRow = firstRow;
      this.firstLine = firstLine;
    }

    void add(byte[] b, int from, int to) {
      if (to > from) {
        slices.add(new ByteArrayInputStream(b, from, to - from));
      }
    }
  }

  private void readSplit(Manifest.Entry e, Columns into, int first, long range, int threads, BooleanSupplier stop) {
    int count = (int) e.recordCount();
    RangeFetcher fetcher = new RangeFetcher(store, S3Uri.parse(e.url()), e.contentLength(), range, threads);
    List<ForkJoinTask<?>> all = new ArrayList<>();
    Deque<ForkJoinTask<?>> outstanding = new ArrayDeque<>();
    try {
      boolean quoted = false;
      long recordsBefore = 0;
      long newlinesBefore = 0;
      byte last = separator;
      Run run = new Run(first, 1);
      for (int i = 0; i < fetcher.count(); i++) {
        if (stop.getAsBoolean()) {
          throw new CancellationException("reading stopped");
        }
        byte[] b = fetcher.get(i);
        RecordScan s = RecordScan.of(b, quoted, quote, separator);
        if (i == 0 || s.firstStart() < 0) {
          run.add(b, 0, b.length);
        } else {
          run.add(b, 0, s.firstStart());
          int boundaryRow = (int) (first + recordsBefore + 1);
          fork(run, boundaryRow - run.firstRow, e, into, stop, all, outstanding);
          run = new Run(boundaryRow, 1 + newlinesBefore + s.newlinesToFirst());
          run.add(b, s.firstStart(), b.length);
        }
        recordsBefore += s.records();
        newlinesBefore += s.newlines();
        quoted = s.quotedAtEnd();
        if (b.length > 0) {
          last = b[b.length - 1];
        }
        while (outstanding.size() > threads + 1) {
          outstanding.pollFirst().join();
        }
      }
      long records = recordsBefore + (e.contentLength() > 0 && last != separator ? 1 : 0);
      if (records != count) {
        throw new CsvParseException(e.url(), 0, 0, "holds " + records + " records but the manifest lists "
            + count + " (truncated or corrupted part)", null);
      }
      fork(run, first + count - run.firstRow, e, into, stop, all, outstanding);
      for (ForkJoinTask<?> t : all) {
        t.join();
      }
    } catch (RuntimeException ex) {
      for (ForkJoinTask<?> t : all) {
        t.cancel(false);
      }
      for (ForkJoinTask<?> t : all) {
        t.quietlyJoin();
      }
      throw translate(ex, e.url());
    } finally {
      fetcher.close();
    }
  }

  private void fork(Run run, int rows, Manifest.Entry e, Columns into, BooleanSupplier stop,
      List<ForkJoinTask<?>> all, Deque<ForkJoinTask<?>> outstanding) {
    ForkJoinTask<?> t = ForkJoinTask.adapt(() -> {
      try (InputStream in = new SequenceInputStream(Collections.enumeration(run.slices))) {
        PartDecoder d = new PartDecoder(dialect, schema, PartDecoder.DEFAULT_BUFFER, skip);
        d.begin(in, e.url(), run.firstLine, into, run.firstRow, run.firstRow + rows);
        Source src = new DecoderSource(d);
        int got = readRows(src, run.firstRow, rows, stop);
        if (got != rows || src.hasMore()) {
          throw new CsvParseException(e.url(), src.line(), 0, "the records between two boundaries do not line"
              + " up (a quote outside a quoted field?)", null);
        }
      } catch (IOException io) {
        throw new UncheckedIOException(io);
      }
    });
    all.add(t);
    outstanding.add(t);
    t.fork();
  }

  /**
   * Decodes a whole part held in memory into {@code into} from row {@code firstRow} on (as many rows
   * as it holds, up to the columns' capacity); returns how many. For parts already fetched, and for
   * benchmarks of the decoding alone.
   */
  public int decode(byte[] part, String uri, Columns into, int firstRow) {
    Source src = source(new ByteArrayInputStream(part), uri, 1, into, firstRow, into.capacity());
    int rows = readRows(src, firstRow, into.capacity() - firstRow, () -> false);
    if (src.hasMore()) {
      throw new CsvParseException(uri, src.line(), 0, "more rows than the columns hold (" + into.capacity() + ")", null);
    }
    return rows;
  }

  // ------------------------------------------------------------------ batches (Spark)

  /**
   * Opens one part for reading in batches of up to {@code batch.capacity()} rows into {@code
   * batch} (reused). The part's rows are checked against its manifest record count when known.
   */
  public Batches open(Manifest.Entry entry, Columns batch) {
    return open(entry, batch, Long.MAX_VALUE);
  }

  /**
   * As {@link #open(Manifest.Entry, Columns)}, ending a batch early once its {@link
   * Columns.Layout#UTF8} columns hold about {@code maxTextBytes} (so a batch of long values stays
   * bounded: about that, plus what rows longer than the batch's average add).
   */
  public Batches open(Manifest.Entry entry, Columns batch, long maxTextBytes) {
    WarmUp.stop();
    InputStream in;
    try {
      in = open(entry);
    } catch (IOException | RuntimeException ex) {
      throw translate(ex, entry.url());
    }
    try {
      return new Batches(entry, source(in, entry.url(), 1, batch, 0, batch.capacity()), in, batch, maxTextBytes);
    } catch (RuntimeException ex) {
      closeQuietly(in);
      throw translate(ex, entry.url());
    }
  }

  /** One part read batch by batch; close it when done (also after a failure). */
  public static final class Batches implements AutoCloseable {
    /** Rows read between two looks at a batch's text bytes: at most, and at first. */
    private static final int STEP = 256;
    private static final int FIRST_STEP = 8;
    private final Manifest.Entry entry;
    private final Source src;
    private final InputStream in;
    private final Columns batch;
    private final long maxTextBytes;
    private long rows;
    private boolean done;

    private Batches(Manifest.Entry entry, Source src, InputStream in, Columns batch, long maxTextBytes) {
      this.entry = entry;
      this.src = src;
      this.in = in;
      this.batch = batch;
      this.maxTextBytes = maxTextBytes;
    }

    /** Reads the next rows into rows {@code 0..n-1} of the batch; 0 at the end of the part. */
    public int next() {
      if (done) {
        return 0;
      }
      try {
        batch.clear(0, batch.capacity());
        long left = entry.recordCount() >= 0 ? entry.recordCount() - rows : Long.MAX_VALUE;
        int max = (int) Math.min(batch.capacity(), Math.max(0, left));
        int n = 0;
        if (maxTextBytes == Long.MAX_VALUE) {
          n = max == 0 ? 0 : src.read(0, max);
        } else {
          // a few rows first, then steps sized by the text per row so far, so that a batch of
          // long values ends near the budget and one of short values reads 256 rows a step
          int step = FIRST_STEP;
          while (n < max) {
            int k = src.read(n, Math.min(step, max - n));
            n += k;
            long used = batch.utf8BytesUsed();
            if (k == 0 || used >= maxTextBytes) {
              break;
            }
            step = (int) Math.max(1, Math.min(STEP, (maxTextBytes - used) / Math.max(1, used / n) + 1));
          }
        }
        rows += n;
        if (n == 0) {
          done = true;
          if (entry.recordCount() >= 0) {
            checkCount(entry, rows, src);
          }
        }
        return n;
      } catch (RuntimeException ex) {
        done = true;
        throw translate(ex, entry.url());
      }
    }

    @Override
    public void close() {
      closeQuietly(in);
    }
  }

  // ------------------------------------------------------------------ sources and errors

  /** Rows from a part's bytes, by the byte decoder or the general parser. */
  private interface Source {
    /** Reads up to {@code max} rows into rows {@code row...}; fewer only at the end. */
    int read(int row, int max);

    boolean hasMore();

    long line();
  }

  private static final class DecoderSource implements Source {
    private final PartDecoder d;

    DecoderSource(PartDecoder d) {
      this.d = d;
    }

    @Override
    public int read(int row, int max) {
      return d.decode(row, max);
    }

    @Override
    public boolean hasMore() {
      return d.hasMore();
    }

    @Override
    public long line() {
      return d.line();
    }
  }

  private final class ParserSource implements Source {
    private final PartParser parser = new PartParser(dialect, schema);
    private final Columns into;
    private final String uri;

    ParserSource(InputStream in, String uri, long firstLine, Columns into) {
      this.into = into;
      this.uri = uri;
      parser.begin(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)),
          uri, firstLine, Long.MAX_VALUE);
    }

    @Override
    public int read(int row, int max) {
      RowSink sink = into.rowSink(row, row + max);
      int k = 0;
      while (k < max && next(sink)) {
        k++;
      }
      return k;
    }

    private boolean next(RowSink sink) {
      try {
        return parser.next(sink);
      } catch (TextParsingException e) {
        throw unwrap(uri, e);
      }
    }

    @Override
    public boolean hasMore() {
      return next(DISCARD);
    }

    @Override
    public long line() {
      return parser.line();
    }
  }

  private Source source(InputStream in, String uri, long firstLine, Columns into, int firstRow, int endRow) {
    if (!dialect.byteDecodable()) {
      return new ParserSource(in, uri, firstLine, into);
    }
    PartDecoder d = new PartDecoder(dialect, schema, PartDecoder.DEFAULT_BUFFER, skip);
    d.begin(in, uri, firstLine, into, firstRow, endRow);
    return new DecoderSource(d);
  }

  /** A failure inside univocity: the stream's own error, or a decoding problem. */
  private static RuntimeException unwrap(String uri, TextParsingException e) {
    for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
      if (c instanceof TdrException te) {
        return te;
      }
      if (c instanceof CharacterCodingException) {
        return new CsvParseException(uri, 0, 0, "not valid UTF-8 (" + c + ")", e);
      }
      if (c instanceof IOException io) {
        return new UncheckedIOException(io.getMessage(), io);
      }
    }
    return new CsvParseException(uri, 0, 0, e.getMessage(), e);
  }

  /** Every failure as the {@link TdrException} that names the part (cancellation stays as it is). */
  static RuntimeException translate(Exception ex, String uri) {
    if (ex instanceof TdrException || ex instanceof CancellationException) {
      return (RuntimeException) ex;
    }
    Throwable io = ex instanceof UncheckedIOException u ? u.getCause() : ex;
    if (io instanceof ZipException || io instanceof EOFException) {
      return new CsvParseException(uri, 0, 0, "corrupt or truncated gzip data (" + io.getMessage() + ")", io);
    }
    if (io instanceof IOException) {
      return new PartReadException(uri, String.valueOf(io.getMessage()), io);
    }
    return ex instanceof RuntimeException re ? re : new TdrException(String.valueOf(ex), ex);
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException | RuntimeException ignored) {
      // closing anyway
    }
  }

  private static final RowSink DISCARD = new RowSink() {
    @Override public void nullValue(int c) {}
    @Override public void intValue(int c, int v) {}
    @Override public void longValue(int c, long v) {}
    @Override public void floatValue(int c, float v) {}
    @Override public void doubleValue(int c, double v) {}
    @Override public void booleanValue(int c, boolean v) {}
    @Override public void decimalValue(int c, BigDecimal v) {}
    @Override public void stringValue(int c, String v) {}
    @Override public void dateValue(int c, int d) {}
    @Override public void timestampValue(int c, long m) {}
    @Override public void timeValue(int c, long m) {}
    @Override public void bytesValue(int c, byte[] v) {}
    @Override public void endRow() {}
  };
}
