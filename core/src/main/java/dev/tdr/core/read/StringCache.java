package dev.tdr.core.read;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Shares the {@code String} of a value seen again in the same column of a part, so a categorical
 * column (an app, a country) costs one object per distinct value, not one per row. Short values
 * only; a column whose values rarely repeat turns the cache off after a sample, so unique text
 * pays almost nothing for it. Not thread-safe: one per column of a decoder.
 */
final class StringCache {
  /** Longer values are not looked up (they rarely repeat, and hashing them costs). */
  static final int MAX_LENGTH = 64;
  private static final int MAX_ENTRIES = 1 << 14;
  private static final int SAMPLE = 4096;

  private String[] values = new String[256];
  private byte[][] keys = new byte[256][];
  private int[] hashes = new int[256];
  private int size;
  private long lookups;
  private long hits;
  private boolean off;

  /** Forgets the values (at the start of a part); the on/off verdict is made again. */
  void reset() {
    if (size > 0) {
      Arrays.fill(values, null);
      Arrays.fill(keys, null);
    }
    size = 0;
    lookups = 0;
    hits = 0;
    off = false;
  }

  /**
   * The string of the well-formed UTF-8 bytes {@code b[from, from + len)} ({@code ascii}: all
   * below 0x80, so Latin-1 makes the same string without checking again): a shared instance if the
   * same bytes were seen before.
   */
  String get(byte[] b, int from, int len, boolean ascii) {
    java.nio.charset.Charset cs = ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;
    if (off || len > MAX_LENGTH) {
      return new String(b, from, len, cs);
    }
    if (++lookups == SAMPLE && hits * 4 < lookups) {
      off = true; // mostly distinct values: not worth it
    }
    int h = hash(b, from, len);
    int mask = values.length - 1;
    for (int i = h & mask; ; i = (i + 1) & mask) {
      String v = values[i];
      if (v == null) {
        String s = new String(b, from, len, cs);
        if (size < MAX_ENTRIES) {
          values[i] = s;
          keys[i] = Arrays.copyOfRange(b, from, from + len);
          hashes[i] = h;
          if (++size * 2 > values.length) {
            grow();
          }
        }
        return s;
      }
      if (hashes[i] == h && Arrays.equals(keys[i], 0, keys[i].length, b, from, from + len)) {
        hits++;
        return v;
      }
    }
  }

  private static int hash(byte[] b, int from, int len) {
    int h = len;
    for (int i = from, end = from + len; i < end; i++) {
      h = 31 * h + b[i];
    }
    return h ^ (h >>> 16);
  }

  private void grow() {
    String[] ov = values;
    byte[][] ok = keys;
    int[] oh = hashes;
    int cap = ov.length * 2;
    values = new String[cap];
    keys = new byte[cap][];
    hashes = new int[cap];
    int mask = cap - 1;
    for (int j = 0; j < ov.length; j++) {
      if (ov[j] != null) {
        int i = oh[j] & mask;
        while (values[i] != null) {
          i = (i + 1) & mask;
        }
        values[i] = ov[j];
        keys[i] = ok[j];
        hashes[i] = oh[j];
      }
    }
  }
}
