package dev.tdr.cli;

/** Logging for the command line: warnings and errors only, on stderr, unless asked otherwise. */
final class Logging {
  private Logging() {}

  static void init() {
    setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
    setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel",
        System.getenv().getOrDefault("TDR_LOG_LEVEL", "warn"));
    setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
    setIfAbsent("org.slf4j.simpleLogger.levelInBrackets", "true");
    // Spark's and Hadoop's start-up chatter (loopback address, native libraries) is not news here.
    setIfAbsent("org.slf4j.simpleLogger.log.org.apache.spark", "error");
    setIfAbsent("org.slf4j.simpleLogger.log.org.apache.hadoop", "error");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
