package dev.tdr.core.s3;

import dev.tdr.core.PartReadException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Bytes {@code [start, end)} of an S3 object whose length is known from the manifest. A body that
 * breaks off (connection reset, truncated body, read timeout) is fetched again from the first byte
 * not yet delivered, with backoff, up to a bounded number of attempts; then the read fails naming
 * the object, the cause and the attempts. An object whose stored length differs from the
 * manifest's fails at once (it was truncated or replaced): that is not a network fault.
 */
final class ResumableStream extends InputStream {
  private static final Logger LOG = LoggerFactory.getLogger(ResumableStream.class);

  /** Opens a GET of {@code [from, end)}; the response's Content-Range tells the object's length. */
  interface Opener {
    ResponseInputStream<GetObjectResponse> open(long from, long end);
  }

  private final String uri;
  private final long objectLength;
  private final long end;
  private final int maxAttempts;
  private final IntFunction<Duration> backoff;
  private final Opener opener;
  private ResponseInputStream<GetObjectResponse> body;
  private long position;
  private int failures;
  private boolean closed;

  ResumableStream(String uri, long objectLength, long start, long end, int maxAttempts,
      IntFunction<Duration> backoff, Opener opener) {
    this.uri = uri;
    this.objectLength = objectLength;
    this.position = start;
    this.end = end;
    this.maxAttempts = maxAttempts;
    this.backoff = backoff;
    this.opener = opener;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    if (closed) {
      throw new IOException(uri + ": stream closed");
    }
    if (len == 0) {
      return 0;
    }
    while (true) {
      if (position >= end) {
        if (body != null) {
          releaseBody();
        }
        return -1;
      }
      if (body == null) {
        body = opener.open(position, end);
        checkLength(body.response());
      }
      int want = (int) Math.min(len, end - position);
      int n;
      try {
        n = body.read(buf, off, want);
        if (n < 0) {
          throw new IOException("the body ended after " + position + " of " + end + " bytes");
        }
      } catch (InterruptedIOException e) {
        if (Thread.currentThread().isInterrupted()) {
          abortBody();
          throw e;
        }
        retryAfter(e);
        continue;
      } catch (IOException | SdkException e) {
        retryAfter(e);
        continue;
      }
      position += n;
      return n;
    }
  }

  private void checkLength(GetObjectResponse r) {
    long stored = storedLength(r);
    if (objectLength >= 0 && stored >= 0 && stored != objectLength) {
      abortBody();
      throw new PartReadException(uri, "object is " + stored + " bytes but the manifest says " + objectLength
          + " (truncated or replaced part)", null);
    }
  }

  /** The object's length: the total of {@code Content-Range}, else {@code Content-Length}. */
  private static long storedLength(GetObjectResponse r) {
    String range = r.contentRange();
    if (range != null) {
      int slash = range.lastIndexOf('/');
      if (slash >= 0 && !range.endsWith("*")) {
        try {
          return Long.parseLong(range.substring(slash + 1).strip());
        } catch (NumberFormatException ignored) {
          return -1;
        }
      }
    }
    Long length = r.contentLength();
    return length == null ? -1 : length;
  }

  private void retryAfter(Exception e) throws IOException {
    abortBody();
    failures++;
    String what = describe(e);
    if (failures >= maxAttempts) {
      throw new PartReadException(uri, what + " at byte " + position + " of " + objectLength + ", after "
          + failures + " attempts", e);
    }
    Duration wait = backoff.apply(failures);
    LOG.debug("{}: {} at byte {}; resuming there in {} ms (attempt {} of {})", uri, what, position,
        wait.toMillis(), failures + 1, maxAttempts);
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to resume " + uri);
    }
  }

  private static String describe(Exception e) {
    String name = e.getClass().getSimpleName();
    String m = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
    if (e instanceof java.net.SocketException && m.toLowerCase(java.util.Locale.ROOT).contains("reset")) {
      return "connection reset (" + m + ")";
    }
    if (e instanceof java.net.SocketTimeoutException) {
      return "read timed out (" + m + ")";
    }
    return name + (m.isEmpty() ? "" : ": " + m);
  }

  private void releaseBody() {
    try {
      body.close();
    } catch (IOException | RuntimeException ignored) {
      // the body was read to its end; nothing to lose
    }
    body = null;
  }

  private void abortBody() {
    if (body != null) {
      try {
        body.abort();
      } catch (RuntimeException ignored) {
        // closing anyway
      }
      body = null;
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      if (body != null) {
        if (position >= end) {
          releaseBody();
        } else {
          abortBody(); // not read to the end: do not drain the rest over the network
        }
      }
    }
  }
}
