package dev.tdr.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdr.Route;
import dev.tdr.core.ConfigException;
import dev.tdr.core.TdrConfig;
import dev.tdr.core.UnloadFailedException;
import dev.tdr.snippets.SnippetException;
import dev.tdr.testkit.RedshiftEmulator;
import dev.tdr.testkit.RedshiftEmulatorExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The %%sql semantics over the emulator: snippets, names, routes, errors. */
@ExtendWith(RedshiftEmulatorExtension.class)
class NotebookSessionIT {
  @TempDir
  static Path dir;
  private static NotebookSession session;
  private static RedshiftEmulator emulator;

  @BeforeAll
  static void start(RedshiftEmulator emu) throws Exception {
    emulator = emu;
    Files.writeString(dir.resolve("tv.sql"), "-- TV apps.\napp IN ('roku', 'firetv')\n");
    TdrConfig config = TdrConfig.builderFromEnvironment(emu.environment()).set(dev.tdr.snippets.SnippetSettings.SNIPPETS, List.of(dir)).build();
    session = new NotebookSession(config);
    try (Connection c = emu.backingConnection(); Statement s = c.createStatement()) {
      s.execute("drop table if exists nb_views");
      s.execute("create table nb_views as select g as id, (array['roku','firetv','web'])[1 + g % 3] as app,"
          + " case when g % 10 = 0 then null else 'v' || g end as label from generate_series(1, 3000) g");
    }
  }

  @AfterAll
  static void stop() {
    session.close();
  }

  @Test
  void sqlCellRendersSnippetsAndNamesTheResult() {
    CellResult r = session.sql("tv_views", "select app, count(*) as n\n  from nb_views\n where {{ tv }}\n group by app order by app");
    assertThat(r.name()).isEqualTo("tv_views");
    assertThat(r.sql()).contains("app IN ('roku', 'firetv')");
    assertThat(r.df().getColumn("app").toList()).containsExactly("firetv", "roku");
    assertThat(r.df().getColumn("n").toList()).containsExactly(1000L, 1000L);
    assertThat(r.stats().route()).isEqualTo(Route.LOCAL);
  }

  @Test
  void routesGiveTheSameRows() {
    String sql = "select id, label from nb_views where {{ tv }} order by id";
    CellResult local = session.sql("--via local", sql);
    CellResult jdbc = session.sql("--via jdbc x", sql);
    assertThat(local.name()).isEqualTo("df");
    assertThat(jdbc.name()).isEqualTo("x");
    assertThat(jdbc.stats().route()).isEqualTo(Route.JDBC);
    assertThat(jdbc.df().height()).isEqualTo(2000);
    assertThat(jdbc.df().getColumn("label").toList()).isEqualTo(local.df().getColumn("label").toList());
    assertThat(local.df().getColumn("label").toList()).containsNull();
  }

  /** The cell is rendered once: what {% raw %} keeps reaches the database as text, on every route. */
  @Test
  void rawTextIsRenderedOnce() {
    for (String via : new String[] {"--via local", "--via jdbc"}) {
      CellResult r = session.sql(via, "select '{% raw %}{{ tv }}{% endraw %}' as t");
      assertThat(r.sql()).isEqualTo("select '{{ tv }}' as t");
      assertThat(r.df().getColumn("t").get(0)).as(via).isEqualTo("{{ tv }}");
    }
  }

  @Test
  void lineMagicAndSnippetList() {
    assertThat(session.sqlLine("select count(*) as n from nb_views").df().getColumn("n").get(0)).isEqualTo(3000L);
    assertThat(session.snippetsFrame().getColumn("snippet").toList()).containsExactly("tv");
    assertThat(session.snippetsFrame().getColumn("description").toList()).containsExactly("TV apps.");
  }

  @Test
  void cancelStopsTheRunningQueryOnTheServer() throws Exception {
    emulator.faults().delayNextUnload(java.time.Duration.ofSeconds(120));
    java.util.concurrent.CompletableFuture<CellResult> cell =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> session.sql("", "select count(*) from nb_views"));
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    try (Connection c = emulator.backingConnection()) {
      while (sleeping(c) == 0) { // the slowed-down UNLOAD is running on the server
        assertThat(System.nanoTime()).as("the query never started").isLessThan(deadline);
        Thread.onSpinWait();
      }
      session.cancel();
      assertThatThrownBy(() -> cell.get(60, java.util.concurrent.TimeUnit.SECONDS))
          .hasCauseInstanceOf(NotebookSession.CellInterrupted.class)
          .hasMessageContaining("interrupted: the query was cancelled on the server and its temporary files deleted");
      assertThat(sleeping(c)).isZero();
    }
    // the session goes on
    assertThat(session.sqlLine("select 1 as one").df().height()).isEqualTo(1);
  }

  @Test
  void interruptingTheCellsThreadCancelsItsQueryOnTheServer() throws Exception {
    emulator.faults().delayNextUnload(java.time.Duration.ofSeconds(120));
    java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
    Thread cellThread = new Thread(() -> {
      try {
        session.sql("", "select count(*) from nb_views");
      } catch (Throwable t) {
        failure.set(t);
      }
    }, "a kernel's code thread");
    cellThread.start();
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    try (Connection c = emulator.backingConnection()) {
      while (sleeping(c) == 0) {
        assertThat(System.nanoTime()).as("the query never started").isLessThan(deadline);
        Thread.onSpinWait();
      }
      cellThread.interrupt(); // what rapaio and JJava do to the code of an interrupted cell
      cellThread.join(60_000);
      assertThat(cellThread.isAlive()).isFalse();
      assertThat(failure.get()).isInstanceOf(NotebookSession.CellInterrupted.class)
          .hasMessage("interrupted: the query was cancelled on the server and its temporary files deleted");
      assertThat(sleeping(c)).isZero();
    }
    TdrConfig config = session.config();
    try (dev.tdr.core.s3.PartStore store = dev.tdr.core.s3.PartStore.create(config, 1)) {
      assertThat(store.list(dev.tdr.core.s3.S3Uri.parse(config.tempDir()))).isEmpty();
    }
    assertThat(session.sqlLine("select 1 as one").df().height()).isEqualTo(1);
  }

  private static int sleeping(Connection c) throws java.sql.SQLException {
    try (Statement st = c.createStatement(); var rs = st.executeQuery("select count(*) from pg_stat_activity"
        + " where state = 'active' and pid <> pg_backend_pid() and query like '%pg_sleep%'")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  void errorsSayWhatIsWrong() {
    assertThatThrownBy(() -> session.sql("", "select * from nb_views where {{ tvv }}"))
        .isInstanceOf(SnippetException.class).hasMessageContaining("tvv").hasMessageContaining("tv");
    assertThatThrownBy(() -> session.sql("", "select * from nb_views where app = {{ app | sql_literal }}"))
        .isInstanceOf(SnippetException.class).hasMessageContaining("unknown snippet or variable 'app'");
    assertThatThrownBy(() -> session.sql("--via odbc", "select 1")).isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> session.sql("df", "  \n ")).hasMessageContaining("has no SQL");
    assertThatThrownBy(() -> session.sql("", "select nope from nb_views"))
        .isInstanceOf(UnloadFailedException.class).hasMessageContaining("42703");
  }
}
