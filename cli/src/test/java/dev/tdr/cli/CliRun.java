package dev.tdr.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** Runs {@code tdr} in-process, capturing stdout and stderr of the last run. */
final class CliRun {
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int run(Map<String, String> env, String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    return TdrCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env);
  }
}
