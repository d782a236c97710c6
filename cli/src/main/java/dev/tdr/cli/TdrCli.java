package dev.tdr.cli;

import dev.tdr.query.Messages;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tdr} command: TDR Redshift's command line.
 *
 * <pre>
 * tdr demo                # the main job on the embedded emulator
 * tdr query SQL           # one query, its result on stdout
 * tdr sql                 # an interactive SQL shell
 * tdr snippets list       # the snippet library
 * tdr catalog search TERM # find tables and columns
 * tdr profile SQL         # a data profile of a result
 * tdr bench               # TDR against the JDBC and Spark paths
 * tdr emulator            # a local Redshift + S3, settings printed as export lines
 * tdr cleanup             # delete temporary files that killed runs left behind
 * tdr exec --file f.sql   # run statements over JDBC against $TDR_URL
 * </pre>
 */
@Command(
    name = "tdr",
    mixinStandardHelpOptions = true,
    versionProvider = TdrCli.Version.class,
    description = "TDR Redshift: Redshift query results into Java fast (UNLOAD to S3, parallel read).",
    subcommands = {DemoCommand.class, QueryCommand.class, SqlCommand.class, SnippetsCommand.class, CatalogCommand.class,
        ProfileCommand.class, ExploreCommand.class, BenchCommand.class,
        EmulatorCommand.class, ExecCommand.class, CleanupCommand.class, CommandLine.HelpCommand.class})
public final class TdrCli {

  /** Exit status for bad usage (a wrong option or argument). */
  static final int USAGE = 2;

  /** The environment commands read their settings from ({@code TDR_*}, {@code AWS_*}). */
  final Map<String, String> env;

  TdrCli(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  public static void main(String[] args) {
    Logging.scrubStderr();
    PrintWriter out = new PrintWriter(new java.io.BufferedWriter(
        new java.io.OutputStreamWriter(System.out, java.nio.charset.StandardCharsets.UTF_8), 1 << 16), false);
    PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, java.nio.charset.StandardCharsets.UTF_8), true);
    String command = args.length == 0 ? "" : args[0];
    switch (command) {
      case "emulator" -> { } // a server: SIGTERM is its clean stop (EmulatorCommand)
      case "sql" -> Signals.cancelQueries(() -> {
        // Ctrl-C belongs to the shell (it cancels the statement); SIGTERM ends the shell.
        SqlShell.awaitIdle(Signals.GRACE_SECONDS);
        err.flush();
        Signals.report(command, 0, err);
        System.exit(Signals.status("TERM"));
      }, "TERM");
      default -> Signals.cancelQueries(null, "INT", "TERM");
    }
    int status = run(args, out, err, System.getenv());
    out.flush();
    status = Signals.report(command, status, err);
    err.flush();
    System.exit(status);
  }

  /** The environment the commands read settings from. */
  Map<String, String> env() {
    return env;
  }

  /** Runs {@code tdr args} with the given streams and environment; returns the exit status. */
  static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
    Logging.init();
    CommandLine cli = new CommandLine(new TdrCli(env));
    cli.setCaseInsensitiveEnumValuesAllowed(true); // --via LOCAL, --format TABLE
    ConfigOptions.install(cli);
    for (CommandLine sub : cli.getSubcommands().values()) {
      withoutVersion(sub); // -V is the tool's, on 'tdr -V' only: a subcommand lists the options it uses
    }
    // tdr bench jmh passes everything, options included, to JMH
    cli.getSubcommands().get("bench").getSubcommands().get("jmh").setUnmatchedOptionsArePositionalParams(true);
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (Signals.received() != null) {
        return 1; // cancelled by a signal: main() says so in one line, with the signal's status
      }
      err.println(name(cmd) + ": " + CliWords.of(Messages.describe(e)));
      return e instanceof dev.tdr.core.ConfigException || e instanceof dev.tdr.snippets.SnippetException ? USAGE : 1;
    });
    // a usage error is one line saying what is wrong, and where the usage is (not the whole usage)
    cli.setParameterExceptionHandler((e, a) -> {
      CommandLine cmd = e.getCommandLine();
      err.println(name(cmd) + ": " + usageMessage(e.getMessage()));
      err.println("see '" + name(cmd) + " --help'");
      return USAGE;
    });
    try {
      return cli.execute(args);
    } catch (OutOfMemoryError e) {
      err.println("tdr: " + CliWords.outOfMemory());
      return 1;
    }
  }

  private static void withoutVersion(CommandLine cmd) {
    CommandLine.Model.OptionSpec v = cmd.getCommandSpec().findOption("--version");
    if (v != null) {
      cmd.getCommandSpec().remove(v);
    }
    cmd.getSubcommands().values().forEach(TdrCli::withoutVersion);
  }

  /** The command as typed: {@code tdr snippets show}, not {@code show}. */
  static String name(CommandLine cmd) {
    return cmd.getCommandSpec().qualifiedName(" ");
  }

  /** picocli's message in CLI words: its doubled "option option" gone, its "Unmatched argument" said plainly. */
  static String usageMessage(String message) {
    String m = message.replace("option option", "option").replace("Value for option '", "value for '");
    if (m.startsWith("Unmatched argument") || m.startsWith("Unmatched arguments")) {
      m = m.replace("Unmatched arguments from index", "unexpected arguments from position")
          .replace("Unmatched argument at index", "unexpected argument at position");
    }
    return m.isEmpty() ? m : Character.toLowerCase(m.charAt(0)) + m.substring(1);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"tdr " + version() + " (Java " + Runtime.version().feature() + ")"};
    }
  }

  /** The version this jar was built as (from the build's version.properties). */
  static String version() {
    java.util.Properties p = new java.util.Properties();
    try (java.io.InputStream in = TdrCli.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (java.io.IOException e) {
      // no version to show: say so below
    }
    String v = p.getProperty("version");
    return v == null || v.startsWith("$") ? "(version unknown: not built by Maven)" : v;
  }
}
