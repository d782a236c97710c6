package dev.tdr.notebook.profile;

/** Text for the reports made safe for one line and for XML, then cut and padded by code points. */
final class Labels {
  private Labels() {}

  /**
   * Text made safe to show on one line and in XML: newline as ↵, tab as →, other control
   * characters, lone surrogates and U+FFFE/U+FFFF as U+FFFD.
   */
  static String clean(String s) {
    StringBuilder b = null;
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      String r = null;
      if (c == '\n') {
        r = "↵";
      } else if (c == '\t') {
        r = "→";
      } else if (Character.isISOControl(c) || c == '\uFFFE' || c == '\uFFFF') {
        r = "\uFFFD";
      } else if (Character.isHighSurrogate(c)) {
        if (i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          if (b != null) {
            b.append(c).append(s.charAt(i + 1));
          }
          i++;
          continue;
        }
        r = "\uFFFD";
      } else if (Character.isLowSurrogate(c)) {
        r = "\uFFFD";
      }
      if (r != null && b == null) {
        b = new StringBuilder(n + 8).append(s, 0, i);
      }
      if (b != null) {
        if (r != null) {
          b.append(r);
        } else {
          b.append(c);
        }
      }
    }
    return b == null ? s : b.toString();
  }

  /** {@link #clean} and cut to {@code max} code points, the last one being "…" when cut. */
  static String label(String s, int max) {
    s = clean(s);
    if (s.codePointCount(0, s.length()) <= max) {
      return s;
    }
    return s.substring(0, s.offsetByCodePoints(0, Math.max(0, max - 1))) + "…";
  }

  /** Code points of a string. */
  static int width(String s) {
    return s.codePointCount(0, s.length());
  }

  /** {@code s} padded with spaces to {@code w} code points (right-aligned when {@code right}). */
  static String pad(String s, int w, boolean right) {
    int n = w - width(s);
    if (n <= 0) {
      return s;
    }
    String sp = " ".repeat(n);
    return right ? sp + s : s + sp;
  }
}
