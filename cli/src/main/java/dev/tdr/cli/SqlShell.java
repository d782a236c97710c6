package dev.tdr.cli;

import dev.tdr.Route;
import dev.tdr.RenderedSql;
import dev.tdr.query.Messages;
import dev.tdr.query.ResultWriter;
import dev.tdr.query.Routes;
import dev.tdr.query.SparkRoute;

import dev.tdr.Tdr;
import dev.tdr.core.TdrConfig;
import dev.tdr.core.TdrListener;
import dev.tdr.core.sql.SqlRedaction;
import dev.tdr.core.sql.SqlScript;
import dev.tdr.core.sql.SqlSyntaxException;
import dev.tdr.core.unload.QueryControl;
import dev.tdr.snippets.Snippet;
import dev.tdr.snippets.SnippetLibrary;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.dflib.DataFrame;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * {@code tdr sql}: the terminal version of a notebook's {@code %%sql} cell. Reads statements
 * ending with {@code ;} (over several lines), expands snippets, runs queries along the current
 * route and shows the result as a table with its row count and time. Backslash commands change
 * the session; an error is printed and the shell goes on.
 */
final class SqlShell {
  /** Statements that return rows through UNLOAD; anything else runs over JDBC as is. */
  private static final Set<String> QUERY_KEYWORDS = Set.of("SELECT", "WITH");

  static final String HELP = """
      Statements end with ';' and may span lines; snippets ({{name}}) are expanded first.
      SELECT/WITH run through the current route; other statements run over JDBC as written.
        \\snippets [NAME]      list the snippets, or show one with its expansion
        \\via [auto|local|jdbc|spark]   show or set the route (now: %s)
        \\timing [on|off]      show the time of each statement (now: %s)
        \\rows N               rows shown per result (now: %d)
        \\save[!] FILE         write the last result as CSV to FILE(.csv); '!' replaces a file
        \\render               the last statement as run, snippets expanded
        \\? or \\help          this help
        \\q or Ctrl-D          quit (Ctrl-C cancels a running statement or clears the input)
      """;

  private final TdrConfig config;
  private final SnippetLibrary snippets;
  private final Terminal terminal;
  private final Path historyFile;
  private final PrintWriter out;
  private Route via;
  private boolean timing = true;
  private int maxRows;
  private DataFrame last;
  private String lastSql;
  private int errors;
  private boolean sparkStarted;
  private Connection jdbc;
  private volatile QueryControl running;
  /** Statements running in any shell of this process (one, in practice), for a SIGTERM to wait for. */
  private static final java.util.concurrent.atomic.AtomicInteger BUSY = new java.util.concurrent.atomic.AtomicInteger();

  /** Waits until no shell statement runs (its cleanup done), at most {@code seconds}; true if idle. */
  static boolean awaitIdle(int seconds) {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    while (BUSY.get() > 0 && System.nanoTime() < end) {
      java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
    }
    return BUSY.get() == 0;
  }

  SqlShell(TdrConfig config, SnippetLibrary snippets, Terminal terminal, Path historyFile, Route via, int maxRows) {
    this.config = config;
    this.snippets = snippets;
    this.terminal = terminal;
    this.historyFile = historyFile;
    this.out = terminal.writer();
    this.via = via;
    this.maxRows = maxRows;
  }

  /** Statements that failed so far. */
  int errors() {
    return errors;
  }

  /** Reads and runs until {@code \q} or end of input. */
  void run() {
    LineReaderBuilder b = LineReaderBuilder.builder()
        .appName("tdr")
        .terminal(terminal)
        .parser(new ShellInput.StatementParser())
        .completer(new ShellInput.NameCompleter(config, () -> snippets))
        .variable(LineReader.SECONDARY_PROMPT_PATTERN, "%P  ...> ")
        // no auto-indent: JLine would delete the spaces typed before a closing bracket ("{{ x }}")
        .variable(LineReader.INDENTATION, 0)
        .variable(LineReader.BLINK_MATCHING_PAREN, 0)
        .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
        .option(LineReader.Option.INSERT_BRACKET, false);
    if (historyFile != null) {
      b.variable(LineReader.HISTORY_FILE, historyFile);
    }
    LineReader reader = b.build();
    Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, s -> {
      QueryControl c = running;
      if (c != null) {
        c.cancel();
      }
    });
    out.println("tdr sql: statements end with ';', \\? for help, \\q to quit. Route: " + via
        + (snippets.isEmpty() ? "" : "; " + snippets.names().size() + " snippets"));
    out.flush();
    try (Tdr tdr = Tdr.connect(config)) {
      while (true) {
        String input;
        try {
          input = reader.readLine("tdr> ");
        } catch (UserInterruptException e) {
          continue;
        } catch (EndOfFileException e) {
          out.println();
          break;
        }
        if (!handle(tdr, input.strip())) {
          break;
        }
      }
    } finally {
      terminal.handle(Terminal.Signal.INT, previous);
      close();
      try {
        reader.getHistory().save();
      } catch (IOException e) {
        out.println("note: could not save the history to " + historyFile + ": " + e.getMessage());
      }
      out.flush();
    }
  }

  /** Handles one input; false to quit. */
  boolean handle(Tdr tdr, String input) {
    if (input.isEmpty()) {
      return true;
    }
    if (input.startsWith("\\")) {
      return command(input);
    }
    if (input.equalsIgnoreCase("quit") || input.equalsIgnoreCase("exit")) {
      return false;
    }
    List<String> statements;
    try {
      statements = SqlScript.split(input);
    } catch (SqlSyntaxException e) {
      error(e.getMessage());
      return true;
    }
    for (String statement : statements) {
      if (!execute(tdr, statement)) {
        break;
      }
    }
    out.flush();
    return true;
  }

  private boolean execute(Tdr tdr, String template) {
    long t0 = System.nanoTime();
    QueryControl control = new QueryControl();
    running = control;
    BUSY.incrementAndGet();
    try {
      RenderedSql rendered = CliSnippets.render(snippets, template, null);
      String sql = rendered.text();
      lastSql = sql;
      if (QUERY_KEYWORDS.contains(SqlScript.firstKeyword(sql))) {
        if (via == Route.SPARK) {
          sparkStarted = true;
        }
        Routes.Outcome o = Routes.run(tdr, config, via, rendered, TdrListener.NONE, control, true);
        last = o.df();
        ResultWriter.table(o.df(), out, maxRows, 40);
        if (timing) {
          out.println("Time: " + Routes.timing(java.time.Duration.ofNanos(System.nanoTime() - t0), o.stats()));
        }
      } else {
        executeOverJdbc(sql, t0);
      }
      return true;
    } catch (SQLException e) {
      error(control.cancelled() ? "cancelled" : Messages.describe(e));
      return false;
    } catch (RuntimeException e) {
      error(control.cancelled() ? "cancelled" : Messages.describe(e));
      return false;
    } finally {
      running = null;
      BUSY.decrementAndGet();
      out.flush();
    }
  }

  private void executeOverJdbc(String sql, long t0) throws SQLException {
    try (Statement s = connection().createStatement()) {
      QueryControl control = running;
      if (control != null) {
        control.running(s);
      }
      int updated = JdbcStatements.execute(s, sql, out::println, rs -> {
        DataFrame df = JdbcStatements.strings(rs);
        last = df;
        ResultWriter.table(df, out, maxRows, 40);
      });
      if (updated >= 0) {
        out.println("OK" + (updated > 0 ? ", " + rows(updated) + " affected" : ""));
      }
      if (timing) {
        out.printf("Time: %.3f s via jdbc%n", seconds(t0));
      }
    }
  }

  private Connection connection() throws SQLException {
    if (jdbc == null || jdbc.isClosed()) {
      jdbc = dev.tdr.core.jdbc.Connections.open(config);
    }
    return jdbc;
  }

  private boolean command(String input) {
    String[] words = input.split("\\s+", 2);
    String cmd = words[0];
    String arg = words.length > 1 ? words[1].strip() : "";
    try {
      switch (cmd) {
        case "\\q", "\\quit" -> {
          return false;
        }
        case "\\?", "\\help", "\\h" -> out.print(HELP.formatted(via, timing ? "on" : "off", maxRows));
        case "\\snippets" -> snippetsCommand(arg);
        case "\\via" -> {
          if (!arg.isEmpty()) {
            try {
              via = Route.valueOf(arg.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
              throw new IllegalArgumentException("\\via takes auto, local, jdbc or spark, not '" + arg + "'");
            }
          }
          out.println("route: " + via);
        }
        case "\\timing" -> {
          timing = switch (arg.toLowerCase(Locale.ROOT)) {
            case "" -> !timing;
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException("\\timing takes on or off, not '" + arg + "'");
          };
          out.println("timing is " + (timing ? "on" : "off"));
        }
        case "\\rows" -> {
          try {
            int n = Integer.parseInt(arg);
            if (n < 1) {
              throw new NumberFormatException();
            }
            maxRows = n;
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\\rows takes a number of rows >= 1, not '" + arg + "'");
          }
          out.println("showing up to " + maxRows + " rows");
        }
        case "\\save", "\\save!" -> save(arg, cmd.endsWith("!"));
        case "\\render" -> out.println(lastSql == null ? "(no statement yet)" : lastSql);
        default -> throw new IllegalArgumentException("unknown command " + cmd + "; \\? lists the commands");
      }
    } catch (RuntimeException e) {
      error(Messages.describe(e));
    }
    out.flush();
    return true;
  }

  private void snippetsCommand(String name) {
    if (name.isEmpty()) {
      if (snippets.isEmpty()) {
        out.println("no snippets: start tdr sql with --snippets PATH or set $TDR_SNIPPETS");
        return;
      }
      int width = snippets.list().stream().mapToInt(s -> s.signature().length()).max().orElse(4);
      for (Snippet s : snippets.list()) {
        out.printf("%-" + width + "s  %s%n", s.signature(), s.description());
      }
      return;
    }
    Snippet s = snippets.get(name);
    out.println(s.signature() + (s.description().isEmpty() ? "" : " -- " + s.description()));
    out.println("source: " + s.source() + (s.overrides() == null ? "" : " (overrides " + s.overrides() + ")"));
    out.println(s.macro() ? s.sql() : snippets.renderSnippet(name));
  }

  private void save(String name, boolean replace) {
    if (name.isEmpty()) {
      throw new IllegalArgumentException("\\save needs a file name, e.g. \\save top_titles");
    }
    if (last == null) {
      throw new IllegalArgumentException("no result to save yet: run a query first");
    }
    Path file = Path.of(name.toLowerCase(Locale.ROOT).endsWith(".csv") ? name : name + ".csv");
    if (Files.exists(file) && !replace) {
      throw new IllegalArgumentException(file + " exists; use \\save! " + name + " to replace it");
    }
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      ResultWriter.csv(last, w);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot write " + file + ": " + e.getMessage(), e);
    }
    out.println("saved " + rows(last.height()) + " to " + file.toAbsolutePath());
  }

  private void error(String message) {
    errors++;
    out.println("ERROR: " + SqlRedaction.redact(message));
    out.flush();
  }

  private void close() {
    if (jdbc != null) {
      try {
        jdbc.close();
      } catch (SQLException ignored) {
        // closing anyway
      }
    }
    if (sparkStarted) {
      SparkRoute.stop();
    }
  }

  private static String rows(int n) {
    return String.format("%,d", n) + (n == 1 ? " row" : " rows");
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
