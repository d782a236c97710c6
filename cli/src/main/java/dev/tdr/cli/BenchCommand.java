package dev.tdr.cli;

import dev.tdr.bench.Bench;
import dev.tdr.bench.BenchPath;
import dev.tdr.bench.DataSize;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tdr bench}: TDR against the JDBC and Spark paths, side by side. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
        "Runs the same query on the same data through every path (JDBC default and tuned, TDR end to"
            + " end and read phase only, Spark JDBC, the tdr-redshift connector, one-row queries; and in"
            + " fresh processes: TDR and JDBC as the first query of a new JVM, pandas.read_sql and the"
            + " seed's Python design), alternating their order, then each in-JVM path alone in a fresh JVM"
            + " for its peak heap, then the parser throughput. Prints tables with ratios against the JDBC"
            + " paths and the goals; writes results.csv, report.md and chart.png into --out.",
        "The Python paths need Debian's python3-pandas, python3-boto3 and python3-psycopg2; run as root,"
            + " the bench installs them, otherwise they are skipped with a note.",
        "Runs against the embedded emulator, or against $TDR_URL & co. when set.",
        "",
        "Examples:",
        "  ./tdr bench",
        "  ./tdr bench --sizes 10mb,1mrows,300mb,1gb --out docs/benchmarks  # published",
        "  ./tdr bench --sizes 10mb --repeat 2 \\",
        "      --paths jdbc-default,tdr-local,tdr-local-read",
        "  ./tdr bench jmh PartParser   # the JMH benchmarks: benchmarks/README.md"})
final class BenchCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @ParentCommand
  TdrCli parent;

  @Option(names = "--sizes", defaultValue = "10mb,1mrows,300mb", paramLabel = "SIZES",
      description = "Data sizes, comma-separated: CSV bytes (10mb, 1gb) or rows (1mrows, 500krows)"
          + " (default: ${DEFAULT-VALUE}, about 10 minutes on 2 cores; 10mb,1mrows,300mb,1gb is the full run).")
  String sizes;

  @Option(names = "--repeat", defaultValue = "3", paramLabel = "N",
      description = "Timed runs per path and size, after one warm-up (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Option(names = "--paths", defaultValue = "all", paramLabel = "PATHS",
      description = "Paths to run, comma-separated, or all: jdbc-default, jdbc-tuned, tdr-local, tdr-local-read,"
          + " spark-jdbc, spark-jdbc-partitioned, tdr-spark-count, tdr-spark-count-rows, tdr-spark-collect, spark-cached-count,"
          + " spark-cached-collect, spark-cached-agg, spark-jdbc-agg, tdr-spark-agg, tdr-spark-agg-read, tdr-spark-agg-read-rows,"
          + " tdr-local-cold,"
          + " jdbc-default-cold, pandas-read-sql, seed-python, one-row-jdbc, one-row-tdr-local.")
  String paths;

  @Option(names = "--out", defaultValue = "bench-results", paramLabel = "DIR",
      description = "Where results.csv, report.md and chart.png go (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--no-memory", description = "Skip the fresh-JVM memory probes (peak heap is then -1).")
  boolean noMemory;

  @Override
  public Integer call() throws Exception {
    Bench.Options options;
    try {
      options = new Bench.Options(DataSize.parseList(sizes), repeat, BenchPath.parseList(paths), out, !noMemory,
          parent.env());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Bench.run(options, o, err);
    return 0;
  }

  /** {@code tdr bench jmh ARGS}: JMH's own command line over the benchmarks in this jar. */
  @Command(name = "jmh", description = "Runs the JMH benchmarks (PartParserBenchmark, ValueParserBenchmark);"
      + " arguments go to JMH, e.g. 'PartParser -f 1'.")
  int jmh(@Parameters(paramLabel = "ARGS", arity = "0..*", description = "JMH arguments") List<String> args)
      throws Exception {
    String[] a = args == null ? new String[0] : args.toArray(String[]::new);
    org.openjdk.jmh.Main.main(a);
    return 0;
  }
}
