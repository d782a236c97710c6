package dev.tdr.core;

import dev.tdr.core.sql.SqlRedaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that keeps secrets out of text: every message, log line and exception TDR makes
 * goes through {@link #scrub}. It masks three things: the values of secret-looking URL and
 * connection-string parameters ({@code ?password=...}, {@code ;password=...}), the secret literals
 * of SQL ({@code SECRET_ACCESS_KEY '...'}, via {@link SqlRedaction}), and every secret value this
 * JVM has been given ({@link #register}: passwords, AWS secret keys, session tokens), wherever
 * and however it appears, so that a driver or SDK message that echoes one is masked too.
 */
public final class Secrets {
  /** What a secret is replaced with. */
  public static final String MASK = "***";
  /** Shorter values are too likely to be ordinary text to be masked everywhere. */
  private static final int MIN_LENGTH = 4;
  private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();
  private static final Pattern PARAM = Pattern.compile("([?;&])([^=?;&\\s]+)=([^;&\\s'\"]*)");
  private static final Pattern URL = Pattern.compile("jdbc:[a-z0-9]+:[^\\s'\"]*", Pattern.CASE_INSENSITIVE);
  private static final Pattern SECRET_WORD = Pattern.compile(
      "(?i)\\b(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN|MASTER_SYMMETRIC_KEY|PASSWORD|CREDENTIALS)\\b\\s*(?:AS\\s*)?'(?!\\*\\*\\*')");

  private Secrets() {}

  /** Remembers {@code value} as a secret of this JVM: {@link #scrub} masks it from now on. */
  public static void register(String value) {
    if (value != null && value.length() >= MIN_LENGTH) {
      KNOWN.add(value);
    }
  }

  /** Registers the values of {@code url}'s secret-looking parameters ({@code ?password=...}). */
  public static void registerUrlSecrets(String url) {
    if (url == null) {
      return;
    }
    Matcher m = PARAM.matcher(url);
    while (m.find()) {
      if (isSecretKey(m.group(2))) {
        register(m.group(3));
      }
    }
  }

  /** True for parameter names whose values are secrets ({@code password}, {@code secret}, {@code token}, {@code key}). */
  public static boolean isSecretKey(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return k.contains("password") || k.contains("pwd") || k.contains("secret") || k.contains("token")
        || k.contains("key") || k.contains("credential");
  }

  /** {@code url} with the values of its secret-looking parameters as {@code ***}. */
  public static String redactUrl(String url) {
    if (url == null) {
      return null;
    }
    Matcher m = PARAM.matcher(url);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String v = isSecretKey(m.group(2)) ? MASK : m.group(3);
      m.appendReplacement(b, Matcher.quoteReplacement(m.group(1) + m.group(2) + "=" + v));
    }
    m.appendTail(b);
    return b.toString();
  }

  /** {@code text} with every secret masked (see the class comment). Never throws; null stays null. */
  public static String scrub(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = text;
    if (out.indexOf("jdbc:") >= 0 || out.indexOf("JDBC:") >= 0) {
      Matcher m = URL.matcher(out);
      StringBuilder b = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(b, Matcher.quoteReplacement(redactUrl(m.group())));
      }
      m.appendTail(b);
      out = b.toString();
    }
    if (SECRET_WORD.matcher(out).find()) {
      out = SqlRedaction.redact(out);
    }
    if (!KNOWN.isEmpty()) {
      List<String> known = new ArrayList<>(KNOWN);
      known.sort(Comparator.comparingInt(String::length).reversed());
      for (String s : known) {
        if (out.contains(s)) {
          out = out.replace(s, MASK);
        }
      }
    }
    return out;
  }

  /** True if {@code text} holds something {@link #scrub} would mask. */
  public static boolean holdsSecret(String text) {
    return text != null && !scrub(text).equals(text);
  }

  /**
   * {@code e} itself if no message in its chain holds a secret; otherwise a stand-in chain with the
   * same classes' names, scrubbed messages and the same stack traces.
   */
  public static Throwable scrub(Throwable e) {
    if (e == null || !chainHoldsSecret(e, 0)) {
      return e;
    }
    return standIn(e, 0);
  }

  private static boolean chainHoldsSecret(Throwable e, int depth) {
    for (Throwable c = e; c != null && depth < 32; c = c.getCause(), depth++) {
      if (holdsSecret(c.getMessage())) {
        return true;
      }
      for (Throwable s : c.getSuppressed()) {
        if (chainHoldsSecret(s, depth + 1)) {
          return true;
        }
      }
    }
    return false;
  }

  private static Throwable standIn(Throwable e, int depth) {
    if (e instanceof ScrubbedException || (!chainHoldsSecret(e, 0) && depth > 0)) {
      return e;
    }
    Throwable cause = e.getCause() == null || depth >= 32 ? null : standIn(e.getCause(), depth + 1);
    ScrubbedException s = new ScrubbedException(e.getClass().getName(), scrub(e.getMessage()), cause);
    s.setStackTrace(e.getStackTrace());
    for (Throwable sup : e.getSuppressed()) {
      s.addSuppressed(standIn(sup, depth + 1));
    }
    return s;
  }

  /**
   * {@code out} with every line {@link #scrub scrubbed} on its way through: for a process's
   * stderr, where logs and stack traces of every library end up. A line is written at its newline
   * (or carriage return, or flush).
   */
  public static java.io.OutputStream scrubbing(java.io.OutputStream out) {
    return new ScrubbingStream(out);
  }

  private static final class ScrubbingStream extends java.io.FilterOutputStream {
    private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream(256);

    ScrubbingStream(java.io.OutputStream out) {
      super(out);
    }

    @Override
    public synchronized void write(int b) throws java.io.IOException {
      line.write(b);
      if (b == '\n' || b == '\r') {
        emit();
      }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws java.io.IOException {
      int start = off;
      for (int i = off; i < off + len; i++) {
        if (b[i] == '\n' || b[i] == '\r') {
          line.write(b, start, i + 1 - start);
          emit();
          start = i + 1;
        }
      }
      line.write(b, start, off + len - start);
    }

    private void emit() throws java.io.IOException {
      if (line.size() == 0) {
        return;
      }
      String text = line.toString(java.nio.charset.StandardCharsets.UTF_8);
      line.reset();
      String clean = scrub(text);
      out.write(clean.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public synchronized void flush() throws java.io.IOException {
      emit();
      out.flush();
    }

    @Override
    public synchronized void close() throws java.io.IOException {
      flush();
      out.close();
    }
  }

  /** An exception whose message held a secret, as its class name and scrubbed message. */
  public static final class ScrubbedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String originalClass;

    ScrubbedException(String originalClass, String message, Throwable cause) {
      super(message, cause);
      this.originalClass = originalClass;
    }

    /** The class of the exception this stands in for. */
    public String originalClass() {
      return originalClass;
    }

    @Override
    public String toString() {
      String m = getLocalizedMessage();
      return m == null ? originalClass : originalClass + ": " + m;
    }
  }
}
