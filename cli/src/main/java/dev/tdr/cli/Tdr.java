package dev.tdr.cli;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tdr} command: TDR Redshift's command line.
 *
 * <pre>
 * tdr emulator            # a local Redshift + S3, settings printed as export lines
 * tdr exec --file f.sql   # run statements over JDBC against $TDR_URL
 * </pre>
 */
@Command(
    name = "tdr",
    mixinStandardHelpOptions = true,
    versionProvider = Tdr.Version.class,
    description = "TDR Redshift: Redshift query results into Java fast (UNLOAD to S3, parallel read).",
    subcommands = {EmulatorCommand.class, ExecCommand.class, CommandLine.HelpCommand.class})
public final class Tdr {

  /** Exit status for bad usage (a wrong option or argument). */
  static final int USAGE = 2;

  /** The environment commands read their settings from ({@code TDR_*}, {@code AWS_*}). */
  final Map<String, String> env;

  Tdr(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true),
        System.getenv()));
  }

  /** Runs {@code tdr args} with the given streams and environment; returns the exit status. */
  static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
    Logging.init();
    CommandLine cli = new CommandLine(new Tdr(env));
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      err.println("tdr: " + Messages.describe(e));
      return 1;
    });
    return cli.execute(args);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Tdr.class.getPackage().getImplementationVersion();
      return new String[] {"tdr " + (v == null ? "development build" : v)};
    }
  }
}
