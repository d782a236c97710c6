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

  /** Appends {@code v} zero-padded to {@code width} digits. */
  void addPadded(long v, int width) {
    String s = Long.toString(v);
    for (int i = s.length(); i < width; i++) {
      add('0');
    }
    for (int i = 0; i < s.length(); i++) {
      add(s.charAt(i));
    }
  }
}
