package dev.tdr.cli;

import dev.tdr.query.ResultWriter;
import dev.tdr.QueryResult;
import dev.tdr.QueryStats;
import dev.tdr.Tdr;
import dev.tdr.core.TdrConfig;
import dev.tdr.core.sql.SqlScript;
import dev.tdr.core.unload.QueryControl;
import dev.tdr.snippets.Snippet;
import dev.tdr.snippets.SnippetLibrary;
import dev.tdr.testkit.RedshiftEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.dflib.DataFrame;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tdr demo}: the main job on the embedded emulator. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
        "Starts the Redshift emulator in this process, loads a deterministic streaming-service"
            + " dataset (titles and a month of viewing events, a few hundred MB as CSV), runs"
            + " analyst queries through TDR's local reader, shows the head of each DataFrame, and"
            + " compares the time with the same query over JDBC."})
final class DemoCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--events", defaultValue = "2500000", paramLabel = "N",
      description = "Viewing events to generate (default: ${DEFAULT-VALUE}, about 230 MB of CSV).")
  int events;

  @Option(names = "--no-jdbc", description = "Skip the JDBC comparison.")
  boolean noJdbc;

  private record DemoQuery(String title, String sql) {}

  static final List<DemoQuery> QUERIES = List.of(
      new DemoQuery("Daily sessions and completion rate per country",
          "select started_at::date as day, country, count(*) as sessions, "
              + "round(avg(case when completed then 1.0 else 0 end), 3) as completion_rate "
              + "from viewing_events group by 1, 2 order by 1, 2"),
      new DemoQuery("Top 20 titles by hours watched in the first week of June",
          "select t.name as title, t.kind, round(sum(e.seconds_watched) / 3600.0, 1) as hours, "
              + "count(distinct e.viewer_id) as viewers from viewing_events e join titles t using (title_id) "
              + "where {{ watched_between('2024-06-01', '2024-06-07') }} "
              + "group by 1, 2 order by hours desc, title limit 20"),
      new DemoQuery("OTT viewing in June: every session with its title",
          "select e.*, t.name as title, t.genre from viewing_events e join titles t using (title_id) "
              + "where {{ ott_app }}"));

  /** The demo's snippets: examples/snippets in the repository, shipped in the jar. */
  static final List<String> SNIPPETS = List.of("ott_app", "engaged", "watched_between");

  static SnippetLibrary demoSnippets() throws IOException {
    List<Snippet> snippets = new ArrayList<>();
    for (String name : SNIPPETS) {
      try (InputStream in = DemoCommand.class.getResourceAsStream("demo-snippets/" + name + ".sql")) {
        if (in == null) {
          throw new IOException("demo-snippets/" + name + ".sql is missing from the jar");
        }
        snippets.add(SnippetLibrary.parseSqlFile(name, new String(in.readAllBytes(), StandardCharsets.UTF_8),
            "examples/snippets/" + name + ".sql"));
      }
    }
    return SnippetLibrary.of(snippets);
  }

  private record Timing(String query, long rows, long bytes, double tdr, double jdbc) {}

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (events < 1) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--events must be at least 1, got " + events);
    }
    err.println("Starting the Redshift emulator (embedded PostgreSQL + S3)...");
    try (RedshiftEmulator emu = RedshiftEmulator.start()) {
      long t0 = System.nanoTime();
      err.printf("Loading %,d viewing events and 20,000 titles...%n", events);
      loadDataset(emu, events);
      err.printf("Loaded in %.1fs.%n%n", (System.nanoTime() - t0) / 1e9);
      TdrConfig config = TdrConfig.builderFromEnvironment(emu.environment()).build();
      List<Timing> timings = new ArrayList<>();
      SnippetLibrary snippets = demoSnippets();
      out.printf("Snippets (examples/snippets): %s%n%n", String.join(", ", snippets.names()));
      try (Tdr tdr = Tdr.connect(config).withSnippets(snippets)) {
        for (int i = 0; i < QUERIES.size(); i++) {
          DemoQuery q = QUERIES.get(i);
          out.printf("== %d. %s%n%s%n", i + 1, q.title(), q.sql());
          if (SnippetLibrary.isTemplate(q.sql())) {
            out.printf("-- with snippets expanded:%n%s%n", tdr.render(q.sql()));
          }
          out.println();
          long s = System.nanoTime();
          DataFrame df;
          QueryStats stats;
          try (QueryResult r = tdr.query(q.sql(), dev.tdr.core.TdrListener.NONE, new QueryControl())) {
            df = r.toDataFrame();
            stats = r.stats();
          }
          double tdrSeconds = (System.nanoTime() - s) / 1e9;
          ResultWriter.table(df, out, 5, 32);
          out.printf("TDR: %,d rows, %d parts, %.1f MB in %.2fs (UNLOAD %.2fs, read %.2fs)%n",
              df.height(), stats.parts(), stats.bytes() / 1048576.0, tdrSeconds,
              stats.unload().toNanos() / 1e9, stats.read().toNanos() / 1e9);
          double jdbcSeconds = Double.NaN;
          if (!noJdbc) {
            long j = System.nanoTime();
            DataFrame viaJdbc = tdr.queryJdbc(q.sql());
            jdbcSeconds = (System.nanoTime() - j) / 1e9;
            out.printf("JDBC: %,d rows in %.2fs%n", viaJdbc.height(), jdbcSeconds);
            if (viaJdbc.height() != df.height()) {
              throw new IllegalStateException("JDBC returned " + viaJdbc.height() + " rows, TDR " + df.height());
            }
          }
          out.println();
          out.flush();
          timings.add(new Timing(q.title(), df.height(), stats.bytes(), tdrSeconds, jdbcSeconds));
        }
      }
      printTimings(out, timings);
    }
    return 0;
  }

  /** Loads the demo's titles and {@code events} viewing events into the emulator. */
  static void loadDataset(RedshiftEmulator emu, int events) throws Exception {
    String script;
    try (InputStream in = DemoCommand.class.getResourceAsStream("demo-dataset.sql")) {
      if (in == null) {
        throw new IOException("demo-dataset.sql is missing from the jar");
      }
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${events}", String.valueOf(events));
    }
    try (Connection c = emu.backingConnection(); Statement s = c.createStatement()) {
      for (String stmt : SqlScript.split(script)) {
        s.execute(stmt);
      }
    }
  }

  private static void printTimings(PrintWriter out, List<Timing> timings) {
    out.println("== Time to DataFrame: TDR (UNLOAD + parallel read) vs JDBC (row by row)");
    out.printf("%-3s %-52s %12s %10s %9s %9s %8s%n", "#", "query", "rows", "CSV MB", "TDR s", "JDBC s", "speedup");
    for (int i = 0; i < timings.size(); i++) {
      Timing t = timings.get(i);
      String title = t.query().length() > 52 ? t.query().substring(0, 51) + "…" : t.query();
      out.printf("%-3d %-52s %,12d %10.1f %9.2f %9s %8s%n", i + 1, title, t.rows(), t.bytes() / 1048576.0,
          t.tdr(), Double.isNaN(t.jdbc()) ? "-" : String.format("%.2f", t.jdbc()),
          Double.isNaN(t.jdbc()) ? "-" : String.format("%.1fx", t.jdbc() / t.tdr()));
    }
    out.println();
    out.println("TDR's time includes the emulated UNLOAD, which here runs on this machine's cores;"
        + " on Redshift every slice writes its parts in parallel.");
    out.flush();
  }
}
