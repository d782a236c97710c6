package dev.tdr.core.read;

import dev.tdr.core.PartReadException;
import dev.tdr.core.TdrException;
import dev.tdr.core.s3.PartStore;
import dev.tdr.core.s3.S3Uri;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fetches a part split across threads as consecutive byte ranges, with parallel ranged GETs a
 * few ahead of the one being scanned, so fetching overlaps with parsing; each range through
 * {@link PartStore#open(S3Uri, long, long, long)}, which resumes a body that breaks off. At most
 * {@code ahead + 1} ranges are held at a time by the fetcher.
 */
final class RangeFetcher implements AutoCloseable {
  /** Threads doing the GETs: blocking I/O, kept off the parsing pool. */
  private static final ExecutorService IO = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "tdr-s3-fetch-" + Counter.NEXT.incrementAndGet());
    t.setDaemon(true);
    return t;
  });

  private static final class Counter {
    static final AtomicInteger NEXT = new AtomicInteger();
  }

  private final PartStore store;
  private final S3Uri uri;
  private final long length;
  private final long rangeBytes;
  private final int ahead;
  private final CompletableFuture<byte[]>[] ranges;
  private int scheduled;
  private volatile boolean closed;

  @SuppressWarnings("unchecked")
  RangeFetcher(PartStore store, S3Uri uri, long length, long rangeBytes, int ahead) {
    this.store = store;
    this.uri = uri;
    this.length = length;
    this.rangeBytes = rangeBytes;
    this.ahead = ahead;
    long n = (length + rangeBytes - 1) / rangeBytes;
    if (n > Integer.MAX_VALUE || rangeBytes > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("too many or too large ranges: " + length + " / " + rangeBytes);
    }
    this.ranges = new CompletableFuture[(int) n];
  }

  int count() {
    return ranges.length;
  }

  long start(int i) {
    return i * rangeBytes;
  }

  long end(int i) {
    return Math.min(length, (i + 1) * rangeBytes);
  }

  /** The bytes of range {@code i} (waits for them); the fetcher keeps no reference to them after. */
  byte[] get(int i) {
    CompletableFuture<byte[]> f;
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("the fetcher of " + uri + " is closed");
      }
      schedule(Math.min(ranges.length, i + 1 + ahead));
      f = ranges[i];
      ranges[i] = null;
    }
    if (f == null) {
      throw new IllegalStateException("range " + i + " was already taken");
    }
    try {
      return f.join();
    } catch (CompletionException e) {
      Throwable c = e.getCause();
      if (c instanceof TdrException te) {
        throw te;
      }
      if (c instanceof UncheckedIOException u) {
        throw new PartReadException(uri.toString(), String.valueOf(u.getCause().getMessage()), u.getCause());
      }
      throw new PartReadException(uri.toString(), String.valueOf(c), c);
    }
  }

  private void schedule(int upTo) {
    while (scheduled < upTo) {
      int i = scheduled++;
      long s = start(i);
      long e = end(i);
      ranges[i] = CompletableFuture.supplyAsync(() -> fetch(s, e), IO);
    }
  }

  private byte[] fetch(long s, long e) {
    if (closed) {
      throw new IllegalStateException("closed");
    }
    byte[] b = new byte[(int) (e - s)];
    try (InputStream in = store.open(uri, length, s, e)) {
      int n = in.readNBytes(b, 0, b.length);
      if (n != b.length) {
        throw new PartReadException(uri.toString(), "range " + s + "-" + e + " ended after " + n + " bytes", null);
      }
      return b;
    } catch (IOException io) {
      throw new UncheckedIOException(io);
    }
  }

  /** Stops scheduling; ranges already fetched are dropped. */
  @Override
  public synchronized void close() {
    closed = true;
    for (int i = 0; i < ranges.length; i++) {
      if (ranges[i] != null) {
        ranges[i].cancel(false);
        ranges[i] = null;
      }
    }
  }
}
