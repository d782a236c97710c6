package dev.tdr.cli;

import dev.tdr.Route;
import dev.tdr.RenderedSql;
import dev.tdr.query.ResultWriter;
import dev.tdr.query.Routes;

import dev.tdr.QueryStats;
import dev.tdr.core.TdrConfig;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.concurrent.Callable;
import org.dflib.DataFrame;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tdr query}: one query, its result on stdout. */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description = {
        "Runs a query through UNLOAD and the local reader (or over JDBC) and writes the result to"
            + " stdout. Progress, --stats and errors go to stderr; the exit status is non-zero on"
            + " any error. Settings come from TDR_*/AWS_* variables; flags override them.",
        "",
        "With --snippets (or $TDR_SNIPPETS) the SQL may use snippets: {{ott_app}}.",
        "",
        "Example:",
        "  ./tdr query --format table \\",
        "      'select app, count(*) from views group by 1 order by 2 desc'"})
final class QueryCommand implements Callable<Integer>, ConfigOptions.Uses {
  @Override
  public java.util.Collection<dev.tdr.core.SettingSpec> settings() {
    return ConfigOptions.QUERY;
  }


  enum Format { csv, table, json }

  @Spec
  CommandSpec spec;

  @ParentCommand
  TdrCli parent;

  @ArgGroup(multiplicity = "1", exclusive = true)
  SqlSource source;

  @Option(names = "--via", defaultValue = "auto", paramLabel = "ROUTE",
      description = "auto (local up to the local threshold), local (always), jdbc (plain JDBC, for comparison), spark (the tdr-redshift connector on a local Spark). Default: ${DEFAULT-VALUE}.")
  Route via;

  @Option(names = "--format", defaultValue = "csv", paramLabel = "FORMAT",
      description = "csv (identical for every --via), table (for people), json (JSON Lines). Default: ${DEFAULT-VALUE}.")
  Format format;

  @Option(names = "--max-rows", defaultValue = "100", paramLabel = "N", description = "Rows shown by --format table (default: ${DEFAULT-VALUE}).")
  int maxRows;

  @Option(names = "--stats", description = "Print route, parts, bytes, rows and phase timings to stderr.")
  boolean stats;

  @Option(names = "--keep-files", description = "Keep the UNLOAD's files in S3 after reading.")
  boolean keepFiles;

  @Option(names = {"-D", "--var"}, paramLabel = "NAME=VALUE",
      description = "A template variable for the SQL, e.g. -D since=2024-06-01 with {{ since | sql_literal }}; repeatable.")
  java.util.Map<String, String> vars;

  @Option(names = "--progress", negatable = true, description = "Show progress on stderr (default: when stderr is a terminal).")
  Boolean progress;

  @Mixin
  ConfigOptions options;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    TdrConfig full = options.build(parent.env(), keepFiles);
    RenderedSql sql = CliSnippets.render(CliSnippets.load(full), source.text(spec), vars);
    TdrConfig config = full;
    Routes.Outcome o = Progress.run(config, via, sql, progress, err);
    DataFrame df = o.df();
    QueryStats st = o.stats();
    String prefix = o.prefix();
    Writer out = spec.commandLine().getOut();
    switch (format) {
      case csv -> ResultWriter.csv(df, out);
      case table -> ResultWriter.table(df, out, maxRows, 40);
      case json -> ResultWriter.jsonLines(df, out);
      default -> throw new IllegalStateException(format.name());
    }
    out.flush();
    if (stats) {
      err.println(st);
    }
    if (keepFiles) {
      err.println(prefix == null ? "tdr query: --keep-files: the " + st.route() + " route writes no files"
          : "tdr query: the files are kept under " + prefix + " (manifest: " + prefix + "manifest)");
    }
    return 0;
  }

}
