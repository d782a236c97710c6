package dev.tdr.cli;

import dev.tdr.QueryResult;
import dev.tdr.QueryStats;
import dev.tdr.Route;
import dev.tdr.Tdr;
import dev.tdr.core.TdrConfig;
import dev.tdr.core.TdrListener;
import dev.tdr.core.unload.QueryControl;
import java.io.PrintWriter;
import java.io.Writer;
import java.time.Duration;
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
        "Example: ./tdr query --format table 'select app, count(*) from views group by 1 order by 2 desc'"})
final class QueryCommand implements Callable<Integer> {

  enum Via { auto, local, jdbc, spark }

  enum Format { csv, table, json }

  @Spec
  CommandSpec spec;

  @ParentCommand
  TdrCli parent;

  @ArgGroup(multiplicity = "1", exclusive = true)
  SqlSource source;

  @Option(names = "--via", defaultValue = "auto", paramLabel = "ROUTE",
      description = "auto (local up to the local threshold), local (always), jdbc (plain JDBC, for comparison), spark (the tdr-redshift connector on a local Spark). Default: ${DEFAULT-VALUE}.")
  Via via;

  @Option(names = "--format", defaultValue = "csv", paramLabel = "FORMAT",
      description = "csv (identical for every --via), table (for people), json (JSON Lines). Default: ${DEFAULT-VALUE}.")
  Format format;

  @Option(names = "--max-rows", defaultValue = "100", paramLabel = "N", description = "Rows shown by --format table (default: ${DEFAULT-VALUE}).")
  int maxRows;

  @Option(names = "--stats", description = "Print route, parts, bytes, rows and phase timings to stderr.")
  boolean stats;

  @Option(names = "--keep-files", description = "Keep the UNLOAD's files in S3 after reading.")
  boolean keepFiles;

  @Option(names = "--progress", negatable = true, description = "Show progress on stderr (default: when stderr is a terminal).")
  Boolean progress;

  @Mixin
  ConfigOptions options;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    TdrConfig config = options.build(parent.env(), keepFiles);
    String sql = source.text(spec);
    boolean showProgress = progress != null ? progress : Progress.stderrIsTerminal();
    Progress bar = showProgress ? new Progress(err) : null;
    TdrListener listener = bar != null ? bar : TdrListener.NONE;
    DataFrame df;
    QueryStats st;
    try (Tdr tdr = Tdr.connect(config)) {
      if (via == Via.jdbc) {
        long t0 = System.nanoTime();
        df = tdr.queryJdbc(sql);
        st = new QueryStats(Route.JDBC, 0, 0, df.height(), Duration.ZERO, Duration.ofNanos(System.nanoTime() - t0));
      } else if (via == Via.spark) {
        long t0 = System.nanoTime();
        dev.tdr.core.Schema schema = tdr.describe(sql);
        try {
          df = SparkRoute.query(config, schema, sql);
        } catch (NoClassDefFoundError e) {
          throw new dev.tdr.core.ConfigException("--via spark needs Spark on the class path: run it with ./tdr,"
              + " which adds Spark's jars (" + e.getMessage() + " is missing)");
        }
        st = new QueryStats(Route.SPARK, 0, 0, df.height(), Duration.ZERO, Duration.ofNanos(System.nanoTime() - t0));
      } else {
        try (QueryResult r = tdr.query(sql, listener, new QueryControl())) {
          df = via == Via.local ? r.forceLocal() : r.toDataFrame();
          st = r.stats();
        }
      }
    } finally {
      if (bar != null) {
        bar.finish();
      }
    }
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
    return 0;
  }

}
