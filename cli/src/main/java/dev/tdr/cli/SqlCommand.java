package dev.tdr.cli;

import dev.tdr.Route;
import dev.tdr.query.Routes;

import dev.tdr.core.TdrConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tdr sql}: an interactive SQL shell. */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description = {
        "An interactive SQL shell, the terminal version of a notebook's %%sql cell: statements end"
            + " with ';' and may span lines; snippets are expanded; each result is shown as a table"
            + " with its row count and time; errors are shown and the shell goes on. History is kept"
            + " in ~/.tdr_history. Type \\? inside for the commands (\\snippets, \\via, \\timing,"
            + " \\save NAME, ...).",
        "With input from a pipe (or a file) it prints no banner or prompts, writes results to stdout and"
            + " errors and timing to stderr, and stops with status 1 at the first error, as psql -v ON_ERROR_STOP=1.",
        "",
        "Example:",
        "  ./tdr sql --snippets examples/snippets"})
final class SqlCommand implements Callable<Integer>, ConfigOptions.Uses {
  @Override
  public java.util.Collection<dev.tdr.core.SettingSpec> settings() {
    return java.util.stream.Stream.concat(ConfigOptions.QUERY.stream(), java.util.stream.Stream.of(dev.tdr.notebook.CatalogSettings.CATALOG)).toList();
  }


  @Spec
  CommandSpec spec;

  @ParentCommand
  TdrCli parent;

  @Option(names = "--via", defaultValue = "auto", paramLabel = "ROUTE",
      description = "The route queries start with: auto, local, jdbc or spark (\\via changes it). Default: ${DEFAULT-VALUE}.")
  Route via;

  @Option(names = "--max-rows", defaultValue = "100", paramLabel = "N", description = "Rows shown per result (default: ${DEFAULT-VALUE}).")
  int maxRows;

  @Option(names = "--history", paramLabel = "FILE", description = "History file (default: ~/.tdr_history).")
  Path history;

  @Option(names = "--no-history", description = "Keep no history file.")
  boolean noHistory;

  @Mixin
  ConfigOptions options;

  @Override
  public Integer call() throws Exception {
    TdrConfig full = options.build(parent.env(), false);
    var snippets = CliSnippets.load(full);
    Path historyFile = noHistory ? null
        : history != null ? history : Path.of(System.getProperty("user.home"), ".tdr_history");
    if (System.console() == null) {
      // input from a pipe or a file: no banner, no prompts; results on stdout, errors and timing on
      // stderr; the first error stops the script with status 1 (psql's ON_ERROR_STOP)
      java.io.PrintWriter out = spec.commandLine().getOut();
      java.io.PrintWriter err = spec.commandLine().getErr();
      SqlShell shell = new SqlShell(full, snippets, via, maxRows, out, err, Progress.stderrIsTerminal() ? err : null);
      return shell.runScript(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8));
    }
    try (Terminal terminal = TerminalBuilder.builder().name("tdr").system(true).dumb(true).build()) {
      SqlShell shell = new SqlShell(full, snippets, terminal, historyFile, via, maxRows);
      shell.run();
      return shell.loggedIn() ? 0 : 1;
    }
  }
}
