package dev.tdr.cli;

import dev.tdr.notebook.Messages;
import dev.tdr.core.sql.SqlRedaction;
import dev.tdr.core.sql.SqlScript;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tdr exec}: runs SQL statements over JDBC, e.g. to load fixtures into the emulator. */
@Command(
    name = "exec",
    mixinStandardHelpOptions = true,
    description = {
        "Runs one or more ';'-separated statements (quotes, dollar strings and comments respected)"
            + " over JDBC against $TDR_URL as $TDR_USER/$TDR_PASSWORD, in order, stopping at the"
            + " first error. Query results go to stdout as tab-separated lines with a header;"
            + " notices (such as UNLOAD's) and row counts go to stderr.",
        "",
        "Examples: ./tdr exec 'create table t (a int); insert into t values (1)'",
        "          ./tdr exec --file fixtures.sql"})
final class ExecCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @ParentCommand
  TdrCli tdr;

  @ArgGroup(multiplicity = "1", exclusive = true)
  SqlSource source;

  @Option(names = "--url", paramLabel = "JDBC_URL", description = "JDBC URL (default: $TDR_URL).")
  String url;

  @Option(names = "--user", paramLabel = "USER", description = "User (default: $TDR_USER).")
  String user;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String jdbcUrl = setting(url, "TDR_URL", "--url");
    String jdbcUser = setting(user, "TDR_USER", "--user");
    String password = tdr.env.get("TDR_PASSWORD");
    String script = source.text(spec);
    List<String> statements = SqlScript.split(script);
    if (statements.isEmpty()) {
      err.println("tdr exec: nothing to run (the input holds no statements)");
      return 0;
    }
    Properties props = new Properties();
    props.setProperty("user", jdbcUser);
    if (password != null) {
      props.setProperty("password", password);
    }
    // One statement at a time, without the driver's background fetch thread.
    props.setProperty("enableFetchRingBuffer", "false");
    // registered, so that Ctrl-C and SIGTERM cancel the running statement on the server
    dev.tdr.core.unload.QueryControl control = new dev.tdr.core.unload.QueryControl();
    try (Connection c = DriverManager.getConnection(jdbcUrl, props); Statement s = c.createStatement()) {
      control.running(s);
      for (int i = 0; i < statements.size(); i++) {
        String sql = statements.get(i);
        try {
          if (control.cancelled()) {
            return 1; // stopped by a signal; main says so
          }
          boolean hasResult = s.execute(sql);
          printWarnings(s.getWarnings(), err);
          s.clearWarnings();
          if (hasResult) {
            try (ResultSet rs = s.getResultSet()) {
              long rows = print(rs, out);
              err.println("(" + rows + (rows == 1 ? " row)" : " rows)"));
            }
          } else if (s.getUpdateCount() > 0 || (s.getUpdateCount() == 0
              && !"UNLOAD".equals(SqlScript.firstKeyword(sql)))) {
            err.println("OK, " + s.getUpdateCount() + " row(s) affected");
          } else {
            err.println("OK");
          }
        } catch (SQLException e) {
          if (control.cancelled()) {
            return 1; // cancelled by a signal: main says so in one line
          }
          err.println("tdr exec: statement " + (i + 1) + " of " + statements.size() + " failed: "
              + Messages.describe(e));
          err.println("  statement: " + abbreviate(SqlRedaction.redact(sql)));
          return 1;
        }
      }
    }
    out.flush();
    return 0;
  }

  private String setting(String flag, String env, String option) {
    if (flag != null && !flag.isBlank()) {
      return flag;
    }
    String v = tdr.env.get(env);
    if (v == null || v.isBlank()) {
      throw new ParameterException(spec.commandLine(), "no " + option.substring(2) + ": set $" + env
          + " (e.g. '. env-file' written by 'tdr emulator --env-file env-file') or pass " + option);
    }
    return v;
  }


  private static void printWarnings(SQLWarning w, PrintWriter err) {
    for (; w != null; w = w.getNextWarning()) {
      err.println(w.getMessage());
    }
  }

  private static long print(ResultSet rs, PrintWriter out) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    StringBuilder line = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      line.append(i > 1 ? "\t" : "").append(md.getColumnLabel(i));
    }
    out.println(line);
    long rows = 0;
    while (rs.next()) {
      line.setLength(0);
      for (int i = 1; i <= n; i++) {
        String v = rs.getString(i);
        line.append(i > 1 ? "\t" : "").append(v == null ? "" : v.replace("\\", "\\\\")
            .replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r"));
      }
      out.println(line);
      rows++;
    }
    return rows;
  }

  private static String abbreviate(String s) {
    String one = s.replaceAll("\\s+", " ").strip();
    return one.length() <= 200 ? one : one.substring(0, 197) + "...";
  }
}
