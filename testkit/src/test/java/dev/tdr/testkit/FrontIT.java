package dev.tdr.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.Socket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;

/** The Redshift wire front: handshake, literals, cancellation, concurrency. */
@ExtendWith(RedshiftEmulatorExtension.class)
class FrontIT {

  @Test
  void sslAndGssEncryptionRequestsAreAnsweredNo(RedshiftEmulator emu) throws Exception {
    try (Socket s = new Socket("127.0.0.1", emu.port())) {
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      DataInputStream in = new DataInputStream(s.getInputStream());
      out.writeInt(8);
      out.writeInt(80877103); // SSLRequest
      out.flush();
      assertThat((char) in.readByte()).isEqualTo('N');
      out.writeInt(8);
      out.writeInt(80877104); // GSSENCRequest
      out.flush();
      assertThat((char) in.readByte()).isEqualTo('N');
      // then a startup packet with Redshift driver parameters PostgreSQL would reject
      byte[] params = ("user\0" + emu.user() + "\0database\0" + emu.database()
          + "\0driver_version\0Redshift JDBC 2.3.0\0plugin_name\0x\0\0").getBytes("UTF-8");
      out.writeInt(8 + params.length);
      out.writeInt(196608);
      out.write(params);
      out.flush();
      assertThat((char) in.readByte()).isEqualTo('R'); // an authentication request, not an error
      int len = in.readInt();
      assertThat(in.readInt()).isEqualTo(5); // MD5 password requested
      assertThat(len).isEqualTo(12);
    }
  }

  @Test
  void passwordsAreChecked(RedshiftEmulator emu) {
    Properties p = new Properties();
    p.setProperty("user", emu.user());
    p.setProperty("password", "not-the-password");
    assertThatThrownBy(() -> java.sql.DriverManager.getConnection(emu.jdbcUrl(), p).close())
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("password authentication failed");
  }

  @Test
  void stringLiteralsFollowRedshiftRules(RedshiftEmulator emu) throws Exception {
    try (Connection c = Clients.redshift(emu)) {
      // Java "\\\\" is SQL \\ which Redshift reads as one backslash; \' is an escaped quote.
      assertThat(Clients.rows(c, "select 'a\\\\b', 'it\\'s', 'it''s', 'tab\\there'"))
          .containsExactly(List.of("a\\b", "it's", "it's", "tab\there"));
      assertThat(Clients.rows(c, "show standard_conforming_strings")).containsExactly(List.of("off"));
    }
  }

  @Test
  void queryTimeoutReallyCancelsTheStatement(RedshiftEmulator emu) throws Exception {
    try (Connection c = Clients.redshift(emu); Statement s = c.createStatement()) {
      s.setQueryTimeout(1);
      long t0 = System.nanoTime();
      assertThatThrownBy(() -> s.execute("select pg_sleep(60) /* tdr-timeout-probe */"))
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"));
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
      s.setQueryTimeout(0);
      assertThat(Clients.rows(c, "select 1")).containsExactly(List.of("1"));
    }
    try (Connection b = emu.backingConnection()) {
      assertThat(Clients.rows(b, "select count(*) from pg_stat_activity where state = 'active' "
          + "and query like '%tdr-timeout-probe%' and pid <> pg_backend_pid()")).containsExactly(List.of("0"));
    }
  }

  @Test
  void cancelStopsADelayedUnload(RedshiftEmulator emu) throws Exception {
    emu.faults().delayNextUnload(Duration.ofSeconds(60));
    String prefix = emu.newTempPrefix();
    try (Connection c = Clients.redshift(emu); Statement s = c.createStatement(); S3Client s3 = Clients.s3(emu)) {
      s.setQueryTimeout(1);
      assertThatThrownBy(() -> s.execute(Clients.unload(emu, "select 1", prefix, "CSV")))
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"));
      assertThat(Clients.keys(s3, emu.bucket(), Clients.key(prefix))).isEmpty();
    }
  }

  @Test
  void aCancelThatArrivesBetweenTheStepsOfAnUnloadStillStopsIt(RedshiftEmulator emu) throws Exception {
    dev.tdr.testkit.unload.UnloadFaults.Pause pause = emu.faults().pauseNextUnload();
    String prefix = emu.newTempPrefix();
    String query = "select count(*) from (select generate_series(1, 3000000201) as g) s";
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (Connection c = Clients.redshift(emu); Statement s = c.createStatement(); S3Client s3 = Clients.s3(emu)) {
      Future<Boolean> run = pool.submit(() -> s.execute(Clients.unload(emu, query, prefix, "CSV")));
      assertThat(pause.awaitReached(Duration.ofSeconds(60))).as("the UNLOAD reached its pause").isTrue();
      // PostgreSQL ignores a cancel while it waits for the front's next message
      s.cancel();
      pause.release();
      assertThatThrownBy(() -> run.get(60, java.util.concurrent.TimeUnit.SECONDS))
          .as("the UNLOAD ends as cancelled instead of running on")
          .isInstanceOf(java.util.concurrent.ExecutionException.class)
          .satisfies(e -> assertThat(((SQLException) e.getCause()).getSQLState()).isEqualTo("57014"));
      assertThat(emu.runningStatements("3000000201")).isEmpty();
      assertThat(Clients.keys(s3, emu.bucket(), Clients.key(prefix))).isEmpty();
      assertThat(Clients.rows(c, "select 1")).as("the session goes on").containsExactly(List.of("1"));
    } finally {
      pause.release();
      pool.shutdownNow();
    }
  }

  @Test
  void manyConcurrentSessions(RedshiftEmulator emu) throws Exception {
    int sessions = 16;
    ExecutorService pool = Executors.newFixedThreadPool(sessions);
    try (S3Client s3 = Clients.s3(emu)) {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < sessions; i++) {
        int id = i;
        Callable<String> task = () -> {
          String prefix = emu.newTempPrefix();
          try (Connection c = Clients.redshift(emu); Statement s = c.createStatement()) {
            s.execute("create temp table mine (a int)");
            s.execute("insert into mine select " + id + " * 1000 + g from generate_series(1, 200) g");
            for (int round = 0; round < 3; round++) {
              String p = prefix + round + "/";
              s.execute(Clients.unload(emu, "select sum(a) from mine", p, "CSV"));
              assertThat(Clients.warning(s)).contains("1 record(s)");
              s.clearWarnings();
              assertThat(Clients.rows(c, "select pg_last_unload_count()")).containsExactly(List.of("1"));
            }
          }
          return Clients.concatenated(s3, emu, prefix + "2/", true);
        };
        results.add(pool.submit(task));
      }
      for (int i = 0; i < sessions; i++) {
        long expected = 200L * i * 1000 + 200L * 201 / 2;
        assertThat(results.get(i).get()).isEqualTo(expected + "\n");
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
