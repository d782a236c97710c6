package dev.tdr.testkit.wire;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Reads PostgreSQL v3 protocol messages: a type byte, an int32 length, then the body. */
public final class PgInput {
  private final InputStream in;
  private byte[] body = new byte[8192];
  private final byte[] copyBuf = new byte[65536];

  public PgInput(InputStream in) {
    this.in = new BufferedInputStream(in, 65536);
  }

  /** Bytes readable without blocking. */
  public int available() throws IOException {
    return in.available();
  }

  /** The next message type, or -1 at end of stream. */
  public int readType() throws IOException {
    return in.read();
  }

  /** An int32 in network byte order. */
  public int readInt() throws IOException {
    int a = in.read();
    int b = in.read();
    int c = in.read();
    int d = in.read();
    if ((a | b | c | d) < 0) {
      throw new EOFException("connection closed in the middle of a message");
    }
    return (a << 24) | (b << 16) | (c << 8) | d;
  }

  /**
   * Reads {@code len} bytes into a buffer owned by this reader and returns it; valid until the
   * next call.
   */
  public byte[] readBody(int len) throws IOException {
    if (len < 0 || len > (1 << 30)) {
      throw new IOException("invalid message length " + len);
    }
    if (body.length < len) {
      body = new byte[Math.max(len, body.length * 2)];
    }
    readFully(body, len);
    return body;
  }

  /** Reads {@code len} bytes into a new array. */
  public byte[] readBodyCopy(int len) throws IOException {
    if (len < 0 || len > (1 << 30)) {
      throw new IOException("invalid message length " + len);
    }
    byte[] b = new byte[len];
    readFully(b, len);
    return b;
  }

  /** Copies {@code len} bytes straight to {@code out} without holding the whole message. */
  public void copyBody(int len, OutputStream out) throws IOException {
    int left = len;
    while (left > 0) {
      int n = in.read(copyBuf, 0, Math.min(left, copyBuf.length));
      if (n < 0) {
        throw new EOFException("connection closed in the middle of a message");
      }
      out.write(copyBuf, 0, n);
      left -= n;
    }
  }

  private void readFully(byte[] b, int len) throws IOException {
    int off = 0;
    while (off < len) {
      int n = in.read(b, off, len - off);
      if (n < 0) {
        throw new EOFException("connection closed in the middle of a message");
      }
      off += n;
    }
  }
}
