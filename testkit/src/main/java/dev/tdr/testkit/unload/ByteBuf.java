package dev.tdr.testkit.unload;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte array for building rows without per-value allocation. */
final class ByteBuf {
  byte[] data;
  int len;

  ByteBuf(int capacity) {
    data = new byte[capacity];
  }

  void clear() {
    len = 0;
  }

  private void ensure(int extra) {
    if (len + extra > data.length) {
      data = Arrays.copyOf(data, Math.max(data.length * 2, len + extra));
    }
  }

  void add(int b) {
    ensure(1);
    data[len++] = (byte) b;
  }

  void add(byte[] b, int off, int n) {
    ensure(n);
    System.arraycopy(b, off, data, len, n);
    len += n;
  }

  void add(byte[] b) {
    add(b, 0, b.length);
  }

  void add(String s) {
    add(s.getBytes(StandardCharsets.UTF_8));
  }

  private static final byte[] PAIRS = new byte[200];

  static {
    for (int i = 0; i < 100; i++) {
      PAIRS[2 * i] = (byte) ('0' + i / 10);
      PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
    }
  }

  /** Appends {@code v} (0..99) as two digits. */
  void add2(int v) {
    ensure(2);
    data[len++] = PAIRS[2 * v];
    data[len++] = PAIRS[2 * v + 1];
  }

  /** Appends {@code v} (not negative) zero-padded to {@code width} digits. */
  void addPadded(long v, int width) {
    if (width == 2 && v >= 0 && v < 100) {
      add2((int) v);
      return;
    }
    if (width == 4 && v >= 0 && v < 10_000) {
      add2((int) (v / 100));
      add2((int) (v % 100));
      return;
    }
    int digits = 1;
    for (long x = v; x >= 10; x /= 10) {
      digits++;
    }
    int n = Math.max(digits, width);
    ensure(n);
    int end = len + n;
    for (int i = end - 1; i >= len; i--) {
      data[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    len = end;
  }

  /** Appends {@code v} as 4 bytes, big-endian. */
  void addInt(int v) {
    ensure(4);
    data[len++] = (byte) (v >>> 24);
    data[len++] = (byte) (v >>> 16);
    data[len++] = (byte) (v >>> 8);
    data[len++] = (byte) v;
  }
}
