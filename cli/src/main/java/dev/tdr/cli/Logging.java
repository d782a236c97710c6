package dev.tdr.cli;

/** Logging for the command line: warnings and errors only, on stderr, unless asked otherwise. */
final class Logging {
  private Logging() {}

  /**
   * Makes stderr scrub secrets from every line (logs, stack traces and messages of every library
   * end up there), then sets up logging. For a process's main, before anything logs.
   */
  static void scrubStderr() {
    System.setErr(new java.io.PrintStream(dev.tdr.core.Secrets.scrubbing(new java.io.FileOutputStream(
        java.io.FileDescriptor.err)), true, java.nio.charset.StandardCharsets.UTF_8));
  }

  static void init() {
    setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
    setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel",
        System.getenv().getOrDefault("TDR_LOG_LEVEL", "warn"));
    setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
    setIfAbsent("org.slf4j.simpleLogger.levelInBrackets", "true");
    // Spark's and Hadoop's start-up chatter (loopback address, native libraries) is not news here.
    setIfAbsent("org.slf4j.simpleLogger.log.org.apache.spark", "error");
    setIfAbsent("org.slf4j.simpleLogger.log.org.apache.hadoop", "error");
    // Loggers that print HTTP headers and signed requests (session tokens, signatures) stay at
    // info even with TDR_LOG_LEVEL=debug; a -D system property still turns them on.
    for (String wire : new String[] {"org.apache.hc.client5.http.wire", "org.apache.hc.client5.http.headers",
        "software.amazon.awssdk.auth", "software.amazon.awssdk.http", "software.amazon.awssdk.request",
        "software.amazon.awssdk.core.interceptor"}) {
      setIfAbsent("org.slf4j.simpleLogger.log." + wire, "info");
    }
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
