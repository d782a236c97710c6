package dev.tdr.cli;

import dev.tdr.query.Messages;
import dev.tdr.core.sql.SqlRedaction;
import dev.tdr.core.sql.SqlScript;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tdr exec}: runs SQL statements over JDBC, e.g. to load fixtures into the emulator. */
@Command(
    name = "exec",
    mixinStandardHelpOptions = true,
    description = {
        "Runs one or more ';'-separated statements (quotes, dollar strings and comments respected)"
            + " over JDBC against $TDR_URL as $TDR_USER/$TDR_PASSWORD (or --url, --user, the"
            + " $TDR_CONFIG file and its driver properties), in order, stopping at the"
            + " first error. Query results go to stdout as tab-separated lines with a header;"
            + " notices (such as UNLOAD's) and row counts go to stderr.",
        "",
        "Examples:",
        "  ./tdr exec 'create table t (a int); insert into t values (1)'",
        "  ./tdr exec --file fixtures.sql"})
final class ExecCommand implements Callable<Integer>, ConfigOptions.Uses {
  @Override
  public java.util.Collection<dev.tdr.core.SettingSpec> settings() {
    return ConfigOptions.CONNECTION;
  }


  @Spec
  CommandSpec spec;

  @ParentCommand
  TdrCli tdr;

  @ArgGroup(multiplicity = "1", exclusive = true)
  SqlSource source;

  @picocli.CommandLine.Mixin
  ConfigOptions options;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    // the settings every command reads: TDR_CONFIG, the driver properties (IAM authentication)
    boolean configFile = options.configFile != null || tdr.env.get(dev.tdr.core.TdrConfig.CONFIG_FILE_ENV) != null;
    if (!configFile) {
      required(options.given(dev.tdr.core.TdrConfig.Setting.URL) != null ? options.given(dev.tdr.core.TdrConfig.Setting.URL) : tdr.env.get("TDR_URL"), "TDR_URL", "--url");
    }
    dev.tdr.core.TdrConfig config = options.build(tdr.env, false);
    required(config.user(), "TDR_USER", "--user");
    String script = source.text(spec);
    List<String> statements = SqlScript.split(script);
    if (statements.isEmpty()) {
      err.println("tdr exec: nothing to run (the input holds no statements)");
      return 0;
    }
    // registered, so that Ctrl-C and SIGTERM cancel the running statement on the server
    dev.tdr.core.unload.QueryControl control = new dev.tdr.core.unload.QueryControl();
    try (Connection c = dev.tdr.core.jdbc.Connections.open(config); Statement s = c.createStatement()) {
      control.running(s);
      for (int i = 0; i < statements.size(); i++) {
        String sql = statements.get(i);
        try {
          if (control.cancelled()) {
            return 1; // stopped by a signal; main says so
          }
          int updated = JdbcStatements.execute(s, sql, err::println, rs -> {
            long rows = JdbcStatements.printTsv(rs, out);
            err.println("(" + rows + (rows == 1 ? " row)" : " rows)"));
          });
          if (updated > 0 || (updated == 0 && !"UNLOAD".equals(SqlScript.firstKeyword(sql)))) {
            err.println("OK, " + updated + " row(s) affected");
          } else if (updated == 0) {
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

  private void required(String value, String env, String option) {
    if (value == null || value.isBlank()) {
      throw new ParameterException(spec.commandLine(), "no " + option.substring(2) + ": set $" + env
          + " (e.g. '. env-file' written by 'tdr emulator --env-file env-file'), put it in the $TDR_CONFIG "
          + "file or pass " + option);
    }
  }


  private static String abbreviate(String s) {
    String one = s.replaceAll("\\s+", " ").strip();
    return one.length() <= 200 ? one : one.substring(0, 197) + "...";
  }
}
