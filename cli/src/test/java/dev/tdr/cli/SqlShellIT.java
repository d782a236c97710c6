package dev.tdr.cli;

import dev.tdr.Route;
import dev.tdr.query.Routes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdr.core.TdrConfig;
import dev.tdr.snippets.SnippetLibrary;
import dev.tdr.testkit.RedshiftEmulator;
import dev.tdr.testkit.RedshiftEmulatorExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.jline.terminal.Terminal;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code tdr sql} driven through its input stream, against the emulator. */
@ExtendWith(RedshiftEmulatorExtension.class)
class SqlShellIT {
  private static final Path EXAMPLES = Path.of("..", "examples", "snippets");
  private static RedshiftEmulator emu;

  @TempDir
  Path dir;

  @BeforeAll
  static void fixture(RedshiftEmulator emulator) throws Exception {
    emu = emulator;
    try (Connection c = emu.backingConnection(); Statement s = c.createStatement()) {
      s.execute("drop table if exists shell_views");
      s.execute("create table shell_views as select g as id, "
          + "(array['roku','firetv','web','ios'])[1 + g % 4] as app from generate_series(1, 400) g");
      s.execute("create schema if not exists shell_other");
      s.execute("drop table if exists shell_other.only_here");
      s.execute("create table shell_other.only_here as select 'found via search_path' as what");
      s.execute("comment on table shell_views is 'Views of the shell tests'");
    }
  }

  /** Runs {@code script} as a pipe would: returns the status; out and err are filled. */
  private static int piped(String script, StringWriter out, StringWriter err, TdrConfig config) {
    SqlShell shell = new SqlShell(config, SnippetLibrary.empty(), Route.AUTO, 100, new PrintWriter(out, true),
        new PrintWriter(err, true), null);
    return shell.runScript(new StringReader(script));
  }

  private static TdrConfig config() {
    return TdrConfig.builderFromEnvironment(emu.environment()).build();
  }

  @Test
  void queriesSeeTheShellsOwnSession() throws Exception {
    Session s = run("""
        create temp table shell_tmp (a int, b varchar(10));
        insert into shell_tmp values (1, 'one'), (2, 'two');
        select * from shell_tmp order by a;
        \\via jdbc
        select count(*) as n_jdbc from shell_tmp;
        \\via local
        set search_path to shell_other, public;
        select what from only_here;
        begin;
        insert into shell_tmp values (3, 'three');
        select count(*) as in_txn from shell_tmp;
        rollback;
        select count(*) as after_rollback from shell_tmp;
        \\via spark
        select * from shell_tmp;
        """, Route.AUTO);
    String o = s.output();
    assertThat(o).as(o).contains("a | b\n", "1 | one\n", "2 | two\n", "(2 rows)");
    assertThat(o).contains("n_jdbc\n------\n     2\n");
    assertThat(o).contains("found via search_path");
    assertThat(o).contains("in_txn\n------\n     3\n", "after_rollback\n" + "-".repeat(14) + "\n" + " ".repeat(13) + "2\n");
    assertThat(o).contains("the spark route runs on connections of its own", "\\via local or \\via jdbc");
    assertThat(s.shell().errors()).isEqualTo(1);
  }

  @Test
  void pipedInputStopsAtTheFirstErrorWithResultsOnStdoutAndErrorsOnStderr() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertThat(piped("select 1 as one;\nselect * from nope;\nselect 2 as two;\n", out, err, config())).isEqualTo(1);
    assertThat(out.toString()).startsWith("one\n---\n  1\n(1 row)\n").doesNotContain("two").doesNotContain("tdr sql:")
        .doesNotContain("tdr>").doesNotContain("Time:");
    assertThat(err.toString()).contains("ERROR: ", "\"nope\"", "Time: ");

    StringWriter out2 = new StringWriter();
    StringWriter err2 = new StringWriter();
    assertThat(piped("\\timing off\nselect 'a;b' as v;\n-- a comment\nselect 3 as three", out2, err2, config())).isZero();
    assertThat(out2.toString()).contains("a;b", "three\n-----\n    3\n");
    assertThat(err2.toString()).contains("timing is off").doesNotContain("ERROR");

    StringWriter out3 = new StringWriter();
    StringWriter err3 = new StringWriter();
    assertThat(piped("\\nope\nselect 4 as four;\n", out3, err3, config())).isEqualTo(1);
    assertThat(out3.toString()).doesNotContain("four");
    assertThat(err3.toString()).contains("ERROR: unknown command \\nope");
  }

  @Test
  void theCommandLineReadsAPipe() {
    java.io.InputStream stdin = System.in;
    try {
      System.setIn(new ByteArrayInputStream("select 5 as five;\nselect * from nope;\n".getBytes(StandardCharsets.UTF_8)));
      CliRun cli = new CliRun();
      assertThat(cli.run(emu.environment(), "sql", "--no-history")).isEqualTo(1);
      assertThat(cli.out.toString()).isEqualTo("five\n----\n   5\n(1 row)\n");
      assertThat(cli.err.toString()).contains("ERROR: ", "nope");
    } finally {
      System.setIn(stdin);
    }
  }

  @Test
  void longStatementsShowTheirProgressAndHelpIsAligned() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    StringWriter progress = new StringWriter();
    SqlShell shell = new SqlShell(config(), SnippetLibrary.empty(), Route.AUTO, 100, new PrintWriter(out, true),
        new PrintWriter(err, true), new PrintWriter(progress, true));
    emu.faults().delayNextUnload(java.time.Duration.ofMillis(2500));
    assertThat(shell.runScript(new StringReader("select count(*) as n from shell_views;\n\\?\n"))).isZero();
    assertThat(progress.toString()).contains("UNLOAD running...", "UNLOAD done: 1 rows");
    assertThat(out.toString()).contains("400");
    // \? is a table: every command's description starts in the same column
    java.util.Set<Integer> columns = new java.util.HashSet<>();
    for (String line : out.toString().split("\n")) {
      if (line.startsWith("  \\")) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^  \\S.*?\\s{2,}(?=\\S)").matcher(line);
        assertThat(m.find()).as(line).isTrue();
        columns.add(m.end());
      }
    }
    assertThat(columns).hasSize(1);
  }

  @Test
  void aWrongPasswordFailsAtStartUp() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    TdrConfig wrong = TdrConfig.builderFromEnvironment(emu.environment()).password("not-the-password").build();
    assertThat(piped("select 1;", out, err, wrong)).isEqualTo(1);
    assertThat(err.toString()).startsWith("ERROR: cannot connect: ").doesNotContain("not-the-password");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void psqlCommandsDescribeListExpandRedirectAndInclude() throws Exception {
    Path script = dir.resolve("setup.sql");
    Files.writeString(script, "create temp table shell_inc as select 7 as seven;\nselect seven from shell_inc;\n");
    Path results = dir.resolve("results.txt");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = piped(String.join("\n",
        "\\d shell_views",
        "\\dt shell_v*",
        "\\dt SHELL_OTHER.*",
        "\\dn",
        "\\l",
        "\\x",
        "select id, app from shell_views where id = 1;",
        "\\x off",
        "explain select * from shell_views where app = 'roku' and id > 5;",
        "\\o " + results,
        "select count(*) as n from shell_views;",
        "\\o",
        "\\i " + script,
        "select 'after' as done;",
        ""), out, err, config());
    String o = out.toString();
    assertThat(status).as(err.toString()).isZero();
    assertThat(o).contains("Table \"public.shell_views\" -- Views of the shell tests", "Column | Type    | Nullable | Description\n",
        "id     | integer | yes      |\n");
    assertThat(o).containsPattern("public +\\| shell_views +\\| table +\\| Views of the shell tests");
    assertThat(o).contains("shell_other | only_here");
    assertThat(o).contains("name\n-----------\npublic\nshell_other\n(2 rows)");
    assertThat(o).contains("dev");
    assertThat(o).contains("-[ RECORD 1 ]", "id  | 1\n", "app | firetv\n");
    assertThat(o).containsPattern("Seq Scan on shell_views +\\(cost=[0-9.]+ rows=\\d+ width=\\d+\\)");
    assertThat(o).doesNotContain("n\n---\n400").contains("seven\n-----\n    7\n", "after");
    assertThat(Files.readString(results)).isEqualTo("n\n---\n400\n(1 row)\n");
    assertThat(err.toString()).contains("Expanded display is on.", "results go to " + results.toAbsolutePath());

    StringWriter out2 = new StringWriter();
    StringWriter err2 = new StringWriter();
    assertThat(piped("\\i " + dir.resolve("missing.sql") + "\nselect 1;\n", out2, err2, config())).isEqualTo(1);
    assertThat(err2.toString()).contains("ERROR: \\i " + dir.resolve("missing.sql") + ": no such file or directory");
  }

  private record Session(String output, SqlShell shell) {}

  private Session run(String input, Route via) throws Exception {
    return run(new ByteArrayInputStream(input.replace("\n", "\r").getBytes(StandardCharsets.UTF_8)), via);
  }

  private Session run(java.io.InputStream keys, Route via) throws Exception {
    return run(keys, via, TdrConfig.builderFromEnvironment(emu.environment()).build());
  }

  private Session run(java.io.InputStream keys, Route via, TdrConfig config) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SnippetLibrary snippets = SnippetLibrary.load(List.of(EXAMPLES));
    // A terminal emulated over streams: keys go through the line editor as typed on a real one.
    // (created paused with echo off, so only the line editor shows what is typed)
    Attributes noEcho = new Attributes();
    noEcho.setLocalFlag(Attributes.LocalFlag.ECHO, false);
    noEcho.setLocalFlag(Attributes.LocalFlag.ISIG, true);
    noEcho.setControlChar(Attributes.ControlChar.VINTR, 3);
    try (ExternalTerminal t = new ExternalTerminal(null, "test", "xterm", keys, bytes,
        StandardCharsets.UTF_8, Terminal.SignalHandler.SIG_DFL, true, noEcho, new Size(160, 50))) {
      t.resume();
      SqlShell shell = new SqlShell(config, snippets, t, dir.resolve("history"), via, 100);
      shell.run();
      String raw = bytes.toString(StandardCharsets.UTF_8);
      // what a person would read: escape sequences and carriage returns removed
      return new Session(raw.replaceAll("\u001B\\[[?0-9;]*[A-Za-z]|\u001B[=>]", "").replace("\r", ""), shell);
    }
  }

  @Test
  void multiLineStatementsSnippetsTablesAndTiming() throws Exception {
    Session s = run("""
        \\snippets
        select app, count(*) as n
          from shell_views
         where {{ ott_app }}
         group by app
         order by app;
        \\render
        \\timing off
        select 'it''s; not the end' as v; select 1 as one;
        """, Route.AUTO);
    String o = s.output();
    assertThat(o).contains("engaged", "ott_app", "watched_between(first_day, last_day)", "Sessions in our OTT apps");
    assertThat(o).contains("app    | n\n", "firetv | 100\n", "roku   | 100\n", "(2 rows)\n");
    assertThat(o).containsPattern("\\(2 rows\\)\nTime: \\d+\\.\\d{3} s via local \\(UNLOAD \\d+\\.\\d{3} s, read \\d+\\.\\d{3} s, \\d+ parts\\)\n");
    assertThat(o).contains("where app IN ('roku', 'firetv', 'androidtv', 'samsung_tv', 'lg_tv', 'vizio')");
    assertThat(o).contains("timing is off", "it's; not the end", "(1 row)\none\n");
    assertThat(o.substring(o.indexOf("timing is off"))).doesNotContain("Time:");
    assertThat(s.shell().errors()).isZero();
    // the line editor keeps what was typed, character for character
    assertThat(Files.readString(dir.resolve("history"))).contains("select app, count(*) as n", "\\timing off",
        " where {{ ott_app }}");
  }

  /** The shell renders once; its client, configured with the same snippets, runs the result as is. */
  @Test
  void rawTextIsRenderedOnceOnEveryRoute() throws Exception {
    TdrConfig withSnippets = TdrConfig.builderFromEnvironment(emu.environment()).set(dev.tdr.snippets.SnippetSettings.SNIPPETS, List.of(EXAMPLES)).build();
    for (Route via : List.of(Route.LOCAL, Route.JDBC)) {
      Session s = run(new ByteArrayInputStream("select '{% raw %}{{ott_app}}{% endraw %}' as t;\r"
          .getBytes(StandardCharsets.UTF_8)), via, withSnippets);
      assertThat(s.output()).as(via.name()).contains("{{ott_app}}", "(1 row)").doesNotContain("app IN");
      assertThat(s.shell().errors()).isZero();
    }
  }

  @Test
  void tabCompletesTableColumnAndSnippetNames() throws Exception {
    try (Connection c = emu.backingConnection(); Statement st = c.createStatement()) {
      st.execute("drop table if exists shell_zoo");
      st.execute("create table shell_zoo as select g as zebra_count, 'roku' as app from generate_series(1, 9) g");
    }
    Session s = run("select sum(zebra_c\t) as z from shell_zo\twhere {{ ott_a\t}};\n"
        + "select max(q.zebra_c\t) as m from shell_zoo q;\n", Route.AUTO);
    String o = s.output();
    assertThat(o).contains("select sum(zebra_count ) as z from shell_zoo where {{ ott_app }};", "45");
    assertThat(o).contains("select max(q.zebra_count ) as m from shell_zoo q;", "\n9\n");
    assertThat(s.shell().errors()).isZero();
  }

  @Test
  void errorsAreShownAndTheShellGoesOn() throws Exception {
    Session s = run("""
        select count(*) from no_such_table; select 'skipped after an error' as v;
        select * from shell_views where {{ ott_apps }};
        select * from shell_views where app = {{ app | sql_literal }};
        \\via bogus
        \\frobnicate
        \\save nothing_yet
        select 42 as answer;
        """, Route.AUTO);
    String o = s.output();
    assertThat(o).contains("ERROR: ", "SQLSTATE 42P01", "no_such_table");
    assertThat(o).doesNotContain("v\n----------------------\nskipped after an error");
    assertThat(o.split("\\(1 row\\)", -1)).hasSize(2);
    assertThat(o).contains("ERROR: unknown snippet or variable 'ott_apps'", "did you mean 'ott_app'");
    assertThat(o).contains("ERROR: unknown snippet or variable 'app'"); // never "app = NULL" and 0 rows
    assertThat(o).contains("ERROR: \\via takes auto, local, jdbc or spark, not 'bogus'");
    assertThat(o).contains("ERROR: unknown command \\frobnicate; \\? lists the commands");
    assertThat(o).contains("ERROR: no result to save yet");
    assertThat(o).contains("answer", "42", "(1 row)");
    assertThat(s.shell().errors()).isEqualTo(6);
  }

  @Test
  void routesOtherStatementsAndSave() throws Exception {
    Path csv = dir.resolve("out");
    Session s = run("""
        \\via jdbc
        drop table if exists shell_t;
        create table shell_t (a int, b varchar(20));
        insert into shell_t values (1, 'x,y'), (2, NULL), (3, '');
        select * from shell_t order by a;
        \\save %1$s
        \\save %1$s
        \\via local
        select a, b from shell_t where a >= 2 order by a;
        \\save! %1$s
        \\q
        select 'never run' as v;
        """.formatted(csv), Route.AUTO);
    String o = s.output();
    assertThat(o).contains("route: jdbc", "OK, 3 rows affected", "(3 rows)\nTime: ", " s via jdbc\n");
    assertThat(o).contains("saved 3 rows to " + csv.toAbsolutePath() + ".csv");
    assertThat(o).contains("ERROR: " + csv + ".csv exists; use \\save! " + csv + " to replace it");
    assertThat(o).contains("route: local", "via local", "saved 2 rows to");
    assertThat(o).doesNotContain("never run");
    assertThat(o).startsWith("tdr sql: statements end with ';'");
    assertThat(Files.readString(Path.of(csv + ".csv"))).isEqualTo("a,b\n2,\n3,\"\"\n");
    assertThat(s.shell().errors()).isEqualTo(1);
  }

  @Test
  void ctrlCCancelsTheRunningStatementOnTheServer() throws Exception {
    java.io.PipedOutputStream typing = new java.io.PipedOutputStream();
    java.io.PipedInputStream keys = new java.io.PipedInputStream(typing);
    java.util.concurrent.CompletableFuture<Session> session = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        return run(keys, Route.AUTO);
      } catch (Exception e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    });
    emu.faults().delayNextUnload(java.time.Duration.ofSeconds(120));
    typing.write("select count(*) as n from shell_views;\r".getBytes(StandardCharsets.UTF_8));
    typing.flush();
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    try (Connection c = emu.backingConnection()) {
      while (countSleeping(c) == 0) { // the (slowed down) UNLOAD is running on the server
        assertThat(System.nanoTime()).as("the statement never started").isLessThan(deadline);
        Thread.onSpinWait();
      }
      typing.write(3); // Ctrl-C
      typing.flush();
      while (countSleeping(c) > 0) {
        assertThat(System.nanoTime()).as("the statement was not cancelled").isLessThan(deadline);
        Thread.onSpinWait();
      }
    }
    typing.write("select 'still here' as v;\r\\q\r".getBytes(StandardCharsets.UTF_8));
    typing.flush();
    Session s = session.get(60, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(s.output()).contains("ERROR: cancelled", "still here", "(1 row)");
    assertThat(s.shell().errors()).isEqualTo(1);
  }

  private static int countSleeping(Connection c) throws java.sql.SQLException {
    try (Statement st = c.createStatement(); var rs = st.executeQuery("select count(*) from pg_stat_activity "
        + "where state = 'active' and pid <> pg_backend_pid() and query like '%pg_sleep%'")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  void sparkRouteKeepsOneSessionForTheShell() throws Exception {
    Session s = run("""
        \\via spark
        select app, count(*) as n from shell_views where {{ ott_app }} group by app order by app;
        select count(*) as n from shell_views;
        """, Route.AUTO);
    String o = s.output();
    assertThat(o).as(o).contains("firetv | 100", "via spark", "400");
    assertThat(s.shell().errors()).isZero();
    assertThat(org.apache.spark.sql.SparkSession.getDefaultSession().isDefined()).isFalse();
  }
}
