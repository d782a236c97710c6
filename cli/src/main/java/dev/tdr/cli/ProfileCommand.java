package dev.tdr.cli;

import dev.tdr.Route;
import dev.tdr.RenderedSql;
import dev.tdr.core.TdrConfig;
import dev.tdr.query.Routes;
import dev.tdr.notebook.profile.Profile;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tdr profile}: a data profile of a query's result. */
@Command(
    name = "profile",
    mixinStandardHelpOptions = true,
    description = {
        "Runs a query and prints a data profile of its result: rows, duplicates, missing cells;"
            + " per column counts, distinct and top values, numeric statistics and quantiles, string"
            + " lengths, date ranges, and alerts. --html also writes the report with charts.",
        "",
        "Example:",
        "  ./tdr profile --html /tmp/events.html \\",
        "      'select * from viewing_events limit 100000'"})
final class ProfileCommand implements Callable<Integer>, ConfigOptions.Uses {
  @Override
  public java.util.Collection<dev.tdr.core.SettingSpec> settings() {
    return ConfigOptions.QUERY;
  }

  @Spec
  CommandSpec spec;

  @ParentCommand
  TdrCli parent;

  @ArgGroup(multiplicity = "1", exclusive = true)
  SqlSource source;

  @Option(names = "--html", paramLabel = "FILE", description = "Also write the profile as an HTML page (inline SVG charts, no scripts).")
  Path html;

  @Option(names = "--json", description = "Print the profile as JSON instead of text.")
  boolean json;

  @Option(names = "--via", defaultValue = "auto", paramLabel = "ROUTE", description = "auto, local, jdbc or spark (default: ${DEFAULT-VALUE}).")
  Route via;

  @Option(names = {"-D", "--var"}, paramLabel = "NAME=VALUE", description = "A template variable for the SQL; repeatable.")
  java.util.Map<String, String> vars;

  @Option(names = "--progress", negatable = true, description = "Show progress on stderr (default: when stderr is a terminal).")
  Boolean progress;

  @Mixin
  ConfigOptions options;

  @Override
  public Integer call() throws Exception {
    TdrConfig full = options.build(parent.env(), false);
    if (html != null) {
      checkWritable(html); // before the query runs, not after
    }
    RenderedSql sql = CliSnippets.render(CliSnippets.load(full), source.text(spec), vars);
    TdrConfig config = full;
    Profile p;
    java.time.Instant ran = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    Routes.Outcome o = Progress.run(config, via, sql, progress, spec.commandLine().getErr());
    p = Profile.of(o.df());
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? p.toJson() + "\n" : p.toText());
    out.flush();
    if (html != null) {
      String query = sql.text().strip();
      String title = "TDR profile: " + (query.length() > 60 ? query.substring(0, 59) + "…" : query).replaceAll("\\s+", " ");
      Files.writeString(html, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + dev.tdr.notebook.Html.escape(title)
          + "</title></head><body>\n<header class=\"tdr-query\"><pre>" + dev.tdr.notebook.Html.escape(query)
          + "</pre><p>run at " + ran + " via " + o.stats().route() + ", " + o.df().height() + " rows</p></header>\n"
          + p.toHtml() + "\n</body></html>\n", StandardCharsets.UTF_8);
      spec.commandLine().getErr().println("wrote " + html);
    }
    return 0;
  }

  /** {@code --html FILE} names a file that can be written: its folder exists, and it is not a folder itself. */
  private void checkWritable(Path file) {
    Path dir = file.toAbsolutePath().getParent();
    String problem = Files.isDirectory(file) ? "is a directory"
        : dir != null && !Files.isDirectory(dir) ? "no such directory " + dir
        : dir != null && !Files.isWritable(dir) ? "permission denied" : null;
    if (problem != null) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--html " + file + ": " + problem);
    }
  }
}
