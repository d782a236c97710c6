package dev.tdr.cli;

/**
 * An engine message in the command line's words: where the library names its Java API (a method
 * to call, a JVM flag to pass), a terminal user is told the flag, command or variable instead.
 */
final class CliWords {
  private CliWords() {}

  private static final java.util.regex.Pattern MISSING = java.util.regex.Pattern.compile(
      "missing setting (TDR_\\w+) \\(properties key '(\\w+)', builder \\.\\w+\\(\\.\\.\\.\\)\\)");

  /** {@code message} with API advice replaced by CLI advice. */
  static String of(String message) {
    java.util.regex.Matcher m = MISSING.matcher(message);
    if (m.find()) {
      dev.tdr.core.SettingSpec s = dev.tdr.core.TdrConfig.settingForKey(m.group(2));
      String flag = s == null || s.cliFlag() == null ? "" : ", pass " + s.cliFlag();
      message = m.replaceFirst(java.util.regex.Matcher.quoteReplacement("missing setting " + m.group(1) + " (set $"
          + m.group(1) + flag + ", or put '" + m.group(2) + "' in the $TDR_CONFIG file)"));
    }
    return message
        .replace("read it with Spark (QueryResult.toDataset, --via spark)", "read it with Spark (--via spark)")
        .replace("read it with Spark (toDataset / --via spark)", "read it with Spark (--via spark)")
        .replace("read it with Spark (the tdr-redshift connector), or raise the threshold",
            "read it with Spark (--via spark), force a local read (--via local), or raise the threshold")
        .replace("give the JVM more (-Xmx)", "give the JVM more heap (TDR_JAVA_OPTS=-Xmx16g ./tdr ...)")
        .replace(", or refresh() if it was created since the catalog was read", "")
        .replaceAll("; try search\\(\"([^\"]*)\"\\)", "; try: tdr catalog search $1");
  }

  /** What to say when the JVM ran out of heap. */
  static String outOfMemory() {
    return "out of memory: the result does not fit in this JVM's heap (" + (Runtime.getRuntime().maxMemory() >> 20)
        + " MB); give it more (TDR_JAVA_OPTS=-Xmx16g ./tdr ...), or read it with Spark (--via spark)";
  }
}
