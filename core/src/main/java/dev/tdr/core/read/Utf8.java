package dev.tdr.core.read;

/** Strict UTF-8 checks on byte ranges, as the JDK's decoder with {@code REPORT} applies them. */
final class Utf8 {
  private Utf8() {}

  /**
   * The offset (from {@code from}) of the first byte of {@code b[from, to)} that is not part of
   * well-formed UTF-8 (Unicode 15, table 3-7: no overlong forms, no surrogates, nothing above
   * U+10FFFF, no truncated sequence), or -1 if all of it is well formed.
   */
  static int firstMalformed(byte[] b, int from, int to) {
    int i = from;
    while (i < to) {
      int x = b[i];
      if (x >= 0) {
        i++;
        continue;
      }
      x &= 0xff;
      int n;
      int lo = 0x80;
      int hi = 0xbf;
      if (x >= 0xc2 && x <= 0xdf) {
        n = 1;
      } else if (x >= 0xe0 && x <= 0xef) {
        n = 2;
        if (x == 0xe0) {
          lo = 0xa0;
        } else if (x == 0xed) {
          hi = 0x9f;
        }
      } else if (x >= 0xf0 && x <= 0xf4) {
        n = 3;
        if (x == 0xf0) {
          lo = 0x90;
        } else if (x == 0xf4) {
          hi = 0x8f;
        }
      } else {
        return i - from;
      }
      if (i + n >= to) {
        return i - from;
      }
      int y = b[i + 1] & 0xff;
      if (y < lo || y > hi) {
        return i - from;
      }
      for (int k = 2; k <= n; k++) {
        int z = b[i + k] & 0xff;
        if (z < 0x80 || z > 0xbf) {
          return i - from;
        }
      }
      i += n + 1;
    }
    return -1;
  }
}
