package dev.tdr.cli;

import dev.tdr.RenderedSql;
import dev.tdr.Route;
import dev.tdr.Tdr;
import dev.tdr.core.TdrConfig;
import dev.tdr.core.TdrListener;
import dev.tdr.core.sql.SqlRedaction;
import dev.tdr.core.sql.SqlScript;
import dev.tdr.core.sql.SqlSyntaxException;
import dev.tdr.core.unload.QueryControl;
import dev.tdr.notebook.Catalog;
import dev.tdr.query.Messages;
import dev.tdr.query.ResultWriter;
import dev.tdr.query.Routes;
import dev.tdr.query.SparkRoute;
import dev.tdr.snippets.Snippet;
import dev.tdr.snippets.SnippetLibrary;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.dflib.DataFrame;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * {@code tdr sql}: the terminal version of a notebook's {@code %%sql} cell, and a psql for TDR.
 * Reads statements ending with {@code ;} (over several lines), expands snippets, runs queries
 * along the current route and shows the result as a table with its row count and time. Every
 * statement runs in the shell's one session (its own connection): a temporary table, a {@code
 * SET search_path} or an open transaction is seen by the next query, on the local and JDBC routes
 * (the Spark route reads on connections of its own, and says so when that matters). Backslash
 * commands as in psql. Interactively an error is printed and the shell goes on; with input from a
 * pipe or {@code \i FILE} the first error stops it (psql's {@code ON_ERROR_STOP}).
 */
final class SqlShell {
  /** Statements that return rows through UNLOAD; anything else runs over JDBC as is. */
  private static final Set<String> QUERY_KEYWORDS = Set.of("SELECT", "WITH");
  /** Width at which a query result's values are cut in a table ({@code \x} shows them whole). */
  private static final int CELL_WIDTH = 40;
  /** A statement shows its progress once it has run this long. */
  private static final java.time.Duration PROGRESS_AFTER = java.time.Duration.ofSeconds(1);

  static final String HELP = """
      Statements end with ';' and may span lines; snippets ({{name}}) are expanded first.
      SELECT/WITH run through the current route; other statements run over JDBC as written,
      all in this shell's session (temporary tables and SET are seen by later queries).
        \\d [NAME]               describe a table or view (no NAME: list them)
        \\dt [PATTERN]           list tables and views, e.g. \\dt public.*
        \\dn                     list schemas
        \\l                      list databases
        \\x [on|off]             expanded display, one line per column (now: %s)
        \\timing [on|off]        show the time of each statement (now: %s)
        \\rows N                 rows shown per result (now: %d)
        \\o [FILE]               send results to FILE; without FILE, back to the screen
        \\i FILE                 run the statements in FILE (stops at the first error)
        \\snippets [NAME]        list the snippets, or show one with its expansion
        \\via [ROUTE]            show or set the route: auto, local, jdbc or spark (now: %s)
        \\save[!] FILE           write the last result as CSV to FILE(.csv); '!' replaces a file
        \\render                 the last statement as run, snippets expanded
        \\? or \\help             this help
        \\q or Ctrl-D            quit (Ctrl-C cancels a running statement or clears the input)
      """;

  private final TdrConfig config;
  private final SnippetLibrary snippets;
  private final Terminal terminal;
  private final Path historyFile;
  /** Where results go (the terminal, or stdout when piped). */
  private final PrintWriter out;
  /** Where errors, timing and notices go (the terminal, or stderr when piped). */
  private final PrintWriter msg;
  /** Where the progress of long statements goes, or null for none. */
  private final PrintWriter progressTo;
  private Route via;
  private boolean timing = true;
  private boolean expanded;
  private int maxRows;
  private PrintWriter redirect;
  private Path redirectFile;
  private DataFrame last;
  private String lastSql;
  private int errors;
  private boolean sparkStarted;
  private Connection jdbc;
  private Catalog catalog;
  private Tdr tdr;
  private volatile QueryControl running;
  private boolean loggedIn;
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

  /** An interactive shell on {@code terminal}: results, errors and timing all on the terminal. */
  SqlShell(TdrConfig config, SnippetLibrary snippets, Terminal terminal, Path historyFile, Route via, int maxRows) {
    this(config, snippets, terminal, historyFile, via, maxRows, terminal.writer(), terminal.writer(), terminal.writer());
  }

  /**
   * A shell reading a script: results to {@code out}; errors and timing to {@code msg}; progress of
   * long statements to {@code progressTo} (null: none).
   */
  SqlShell(TdrConfig config, SnippetLibrary snippets, Route via, int maxRows, PrintWriter out, PrintWriter msg,
      PrintWriter progressTo) {
    this(config, snippets, null, null, via, maxRows, out, msg, progressTo);
  }

  private SqlShell(TdrConfig config, SnippetLibrary snippets, Terminal terminal, Path historyFile, Route via,
      int maxRows, PrintWriter out, PrintWriter msg, PrintWriter progressTo) {
    this.config = config;
    this.snippets = snippets;
    this.terminal = terminal;
    this.historyFile = historyFile;
    this.out = out;
    this.msg = msg;
    this.progressTo = progressTo;
    this.via = via;
    this.maxRows = maxRows;
  }

  /** Statements that failed so far. */
  int errors() {
    return errors;
  }

  /** False if the shell could not open its session (wrong password, unreachable cluster). */
  boolean loggedIn() {
    return loggedIn;
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
    try (Tdr t = Tdr.connect(config)) {
      tdr = t;
      if (!login()) {
        return;
      }
      out.println("tdr sql: statements end with ';', \\? for help, \\q to quit. Route: " + via
          + (snippets.isEmpty() ? "" : "; " + snippets.names().size() + " snippets"));
      out.flush();
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
        if (!handle(input.strip(), false)) {
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

  /**
   * Runs the statements and backslash commands read from {@code in} (a pipe), with no banner and
   * no prompts; stops at the first error. A last statement without {@code ;} runs too. Returns the
   * exit status: 0, or 1 after an error.
   */
  int runScript(Reader in) {
    try (Tdr t = Tdr.connect(config)) {
      tdr = t;
      if (!login()) {
        return 1;
      }
      return script(in) ? 0 : 1;
    } finally {
      close();
      out.flush();
      msg.flush();
    }
  }

  /** The session's connection, opened now: a wrong password or an unreachable cluster fails here, at start-up. */
  private boolean login() {
    try {
      connection();
      loggedIn = true;
      return true;
    } catch (SQLException | RuntimeException e) {
      error("cannot connect: " + Messages.describe(e));
      return false;
    }
  }

  /** Runs a script; false at its first error (which has been reported). */
  private boolean script(Reader in) {
    BufferedReader r = in instanceof BufferedReader br ? br : new BufferedReader(in);
    StringBuilder pending = new StringBuilder();
    try {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (pending.isEmpty() && line.strip().startsWith("\\")) {
          int before = errors;
          if (!handle(line.strip(), true) || errors > before) {
            return errors == before;
          }
          continue;
        }
        pending.append(line).append('\n');
        if (ShellInput.complete(pending.toString())) {
          String text = pending.toString().strip();
          pending.setLength(0);
          int before = errors;
          if (!handle(text, true) || errors > before) {
            return errors == before;
          }
        }
      }
    } catch (IOException e) {
      error("cannot read the input: " + e.getMessage());
      return false;
    }
    String rest = pending.toString().strip();
    if (!rest.isEmpty()) {
      int before = errors;
      handle(rest, true);
      return errors == before;
    }
    return true;
  }

  /** Handles one input; false to quit. {@code stopAtError}: the statements after a failed one are not run. */
  boolean handle(String input, boolean stopAtError) {
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
      if (!execute(statement)) {
        break;
      }
    }
    results().flush();
    return true;
  }

  private boolean execute(String template) {
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
        Progress progress = progressTo == null ? null : new Progress(progressTo, PROGRESS_AFTER);
        TdrListener listener = progress != null ? progress : TdrListener.NONE;
        Routes.Outcome o;
        try {
          o = Routes.run(tdr, config, via, rendered, listener, control, true, connection());
        } finally {
          if (progress != null) {
            progress.finish();
          }
        }
        show(o.df(), CELL_WIDTH);
        if (timing) {
          msg.println("Time: " + Routes.timing(java.time.Duration.ofNanos(System.nanoTime() - t0), o.stats()));
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
      results().flush();
      msg.flush();
    }
  }

  /** A result as a table (values cut at {@code width} columns) or, with {@code \x}, expanded and whole. */
  private void show(DataFrame df, int width) {
    last = df;
    if (expanded) {
      ResultWriter.expanded(df, results(), maxRows);
    } else {
      ResultWriter.table(df, results(), maxRows, width);
    }
  }

  private void executeOverJdbc(String sql, long t0) throws SQLException {
    try (Statement s = connection().createStatement()) {
      QueryControl control = running;
      if (control != null) {
        control.running(s);
      }
      // EXPLAIN, SHOW and the like: their text is shown whole
      int updated = JdbcStatements.execute(s, sql, msg::println, rs -> show(JdbcStatements.strings(rs), Integer.MAX_VALUE));
      if (updated >= 0) {
        msg.println("OK" + (updated > 0 ? ", " + rows(updated) + " affected" : ""));
      }
      if (timing) {
        msg.printf("Time: %.3f s via jdbc%n", seconds(t0));
      }
    }
  }

  /** Rows of a catalog query (SVV views), run in the session. */
  private void catalogQuery(String sql) {
    try (Statement s = connection().createStatement()) {
      JdbcStatements.execute(s, sql, msg::println, rs -> show(JdbcStatements.strings(rs), Integer.MAX_VALUE));
    } catch (SQLException e) {
      throw new IllegalArgumentException(Messages.describe(e), e);
    }
  }

  private Connection connection() throws SQLException {
    if (jdbc == null || jdbc.isClosed()) {
      jdbc = dev.tdr.core.jdbc.Connections.open(config);
    }
    return jdbc;
  }

  private PrintWriter results() {
    return redirect != null ? redirect : out;
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
        case "\\?", "\\help", "\\h" -> out.print(HELP.formatted(expanded ? "on" : "off", timing ? "on" : "off", maxRows, via));
        case "\\snippets" -> snippetsCommand(arg);
        case "\\via" -> {
          if (!arg.isEmpty()) {
            try {
              via = Route.valueOf(arg.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
              throw new IllegalArgumentException("\\via takes auto, local, jdbc or spark, not '" + arg + "'");
            }
          }
          msg.println("route: " + via);
        }
        case "\\timing" -> {
          timing = onOff(cmd, arg, timing);
          msg.println("timing is " + (timing ? "on" : "off"));
        }
        case "\\x" -> {
          expanded = onOff(cmd, arg, expanded);
          msg.println("Expanded display is " + (expanded ? "on." : "off."));
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
          msg.println("showing up to " + maxRows + " rows");
        }
        case "\\d" -> describe(arg);
        case "\\dt" -> listTables(arg);
        case "\\dn" -> catalogQuery("SELECT schema_name AS name FROM svv_all_schemas"
            + " WHERE database_name = current_database() AND LEFT(schema_name, 3) <> 'pg_'"
            + " AND schema_name NOT IN ('information_schema', 'tdr_redshift') ORDER BY 1");
        case "\\l" -> catalogQuery("SELECT database_name AS name, database_type AS type"
            + " FROM svv_redshift_databases ORDER BY 1");
        case "\\o" -> output(arg);
        case "\\i" -> include(arg);
        case "\\save", "\\save!" -> save(arg, cmd.endsWith("!"));
        case "\\render" -> out.println(lastSql == null ? "(no statement yet)" : lastSql);
        default -> throw new IllegalArgumentException("unknown command " + cmd + "; \\? lists the commands");
      }
    } catch (RuntimeException e) {
      error(Messages.describe(e));
    }
    out.flush();
    msg.flush();
    return true;
  }

  private static boolean onOff(String cmd, String arg, boolean now) {
    return switch (arg.toLowerCase(Locale.ROOT)) {
      case "" -> !now;
      case "on" -> true;
      case "off" -> false;
      default -> throw new IllegalArgumentException(cmd + " takes on or off, not '" + arg + "'");
    };
  }

  private Catalog catalog() {
    if (catalog == null) {
      catalog = Catalog.of(config);
    }
    catalog.refresh(); // a \d after a CREATE TABLE in this session shows the new table
    return catalog;
  }

  /** {@code \d NAME}: the columns of a table or view, with types and descriptions. */
  private void describe(String name) {
    if (name.isEmpty()) {
      listTables("");
      return;
    }
    Catalog.TableInfo t = catalog().describe(name);
    String title = (kind(t).equals("view") ? "View" : "Table") + " \"" + t.qualifiedName() + "\""
        + (t.description() == null || t.description().isBlank() ? "" : " -- " + t.description());
    out.println(title);
    List<Object> cells = new ArrayList<>();
    for (Catalog.ColumnInfo c : t.columns()) {
      cells.addAll(java.util.Arrays.asList(c.name(), c.type(), c.nullable() ? "yes" : "no",
          c.description() == null ? "" : c.description()));
    }
    show(DataFrame.foldByRow("Column", "Type", "Nullable", "Description").of(cells.toArray()), Integer.MAX_VALUE);
  }

  /** "table" or "view", as psql says it (the catalog says BASE TABLE, VIEW, EXTERNAL TABLE). */
  private static String kind(Catalog.TableInfo t) {
    String type = String.valueOf(t.type()).toLowerCase(Locale.ROOT);
    return type.contains("view") ? "view" : type.contains("external") ? "external table" : "table";
  }

  /** {@code \dt [PATTERN]}: tables and views whose schema-qualified or plain name matches a psql pattern. */
  private void listTables(String pattern) {
    Pattern p = pattern.isEmpty() ? null : psqlPattern(pattern);
    List<String[]> rows = new ArrayList<>();
    for (Catalog.TableInfo t : catalog().tables()) {
      if (p == null || p.matcher(pattern.contains(".") ? t.qualifiedName() : t.name()).matches()) {
        rows.add(new String[] {t.schema(), t.name(), kind(t),
            t.description() == null ? "" : t.description()});
      }
    }
    if (rows.isEmpty()) {
      msg.println(pattern.isEmpty() ? "Did not find any relations." : "Did not find any relation named \"" + pattern + "\".");
      return;
    }
    show(DataFrame.foldByRow("Schema", "Name", "Type", "Description").of(rows.stream().flatMap(java.util.Arrays::stream)
        .toArray()), Integer.MAX_VALUE);
  }

  /** A psql name pattern: {@code *} any characters, {@code ?} one, case-insensitive unless double-quoted. */
  static Pattern psqlPattern(String pattern) {
    StringBuilder re = new StringBuilder();
    boolean quoted = false;
    for (char c : pattern.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '*' && !quoted) {
        re.append(".*");
      } else if (c == '?' && !quoted) {
        re.append('.');
      } else {
        re.append(Pattern.quote(String.valueOf(quoted ? c : Character.toLowerCase(c))));
      }
    }
    return Pattern.compile(re.toString(), pattern.contains("\"") ? 0 : Pattern.CASE_INSENSITIVE);
  }

  /** {@code \o FILE}: results to a file (replaced); {@code \o}: back to the screen. */
  private void output(String file) {
    if (redirect != null) {
      redirect.close();
      if (redirect.checkError()) {
        error("could not write all results to " + redirectFile);
      }
      redirect = null;
      redirectFile = null;
    }
    if (!file.isEmpty()) {
      Path f = Path.of(file);
      try {
        redirect = new PrintWriter(Files.newBufferedWriter(f, StandardCharsets.UTF_8));
        redirectFile = f;
        msg.println("results go to " + f.toAbsolutePath() + " (\\o alone: back to the screen)");
      } catch (IOException e) {
        throw new IllegalArgumentException("\\o " + file + ": " + reason(e), e);
      }
    }
  }

  /** {@code \i FILE}: runs the file's statements and commands, stopping at its first error. */
  private void include(String file) {
    if (file.isEmpty()) {
      throw new IllegalArgumentException("\\i needs a file name, e.g. \\i setup.sql");
    }
    Path f = Path.of(file);
    try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
      script(r);
    } catch (IOException e) {
      throw new IllegalArgumentException("\\i " + file + ": " + reason(e), e);
    }
  }

  private static String reason(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return String.valueOf(e.getMessage());
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
      throw new IllegalArgumentException("cannot write " + file + ": " + reason(e), e);
    }
    msg.println("saved " + rows(last.height()) + " to " + file.toAbsolutePath());
  }

  private void error(String message) {
    errors++;
    msg.println("ERROR: " + CliWords.of(SqlRedaction.redact(message)));
    msg.flush();
  }

  private void close() {
    if (redirect != null) {
      redirect.close();
    }
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
