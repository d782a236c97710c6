package dev.tdr.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The front at the message level, with every message sent on its own and a Flush after each (as
 * {@code redshift_connector} does), so a backend error arrives before the rest of the pipeline:
 * the front must answer every later Sync and every UNLOAD of the session, never wait forever,
 * and release its threads and backend when a client goes away.
 */
@ExtendWith(RedshiftEmulatorExtension.class)
class WireProtocolIT {
  private static RedshiftEmulator emu;
  private final List<String> prefixes = new ArrayList<>();

  @BeforeAll
  static void start(RedshiftEmulator emulator) throws Exception {
    emu = emulator;
    try (Connection c = emu.backingConnection(); Statement s = c.createStatement()) {
      s.execute("drop table if exists wire_t");
      s.execute("create table wire_t as select g as id from generate_series(1, 100) g");
    }
  }

  @AfterEach
  void deleteTheUnloads() throws Exception {
    try (var s3 = Clients.s3(emu)) {
      for (String prefix : prefixes) {
        String key = prefix.substring(("s3://" + emu.bucket() + "/").length());
        for (String k : Clients.keys(s3, emu.bucket(), key)) {
          s3.deleteObject(b -> b.bucket(emu.bucket()).key(k));
        }
      }
    }
  }

  private String unloadSql() {
    String prefix = emu.newTempPrefix();
    prefixes.add(prefix);
    return "UNLOAD ('select id from wire_t') TO '" + prefix + "' IAM_ROLE default FORMAT CSV MANIFEST";
  }

  /** Parse, Bind, Describe, Execute of {@code sql}, each flushed; the replies they bring. */
  private static void extended(RawWire w, String sql, String... params) throws IOException {
    w.parse(sql);
    w.flush();
    w.bind(params);
    w.flush();
    w.describePortal();
    w.flush();
    w.execute();
    w.flush();
  }

  private static List<RawWire.Msg> sync(RawWire w) throws IOException {
    w.sync();
    return w.until('Z');
  }

  /** An UNLOAD through the extended protocol must complete: ParseComplete ... UNLOAD ... ReadyForQuery. */
  private void unloadWorks(RawWire w) throws IOException {
    extended(w, unloadSql());
    List<RawWire.Msg> got = sync(w);
    assertThat(got).extracting(RawWire.Msg::type).contains('1', '2', 'n', 'C').doesNotContain('E');
    assertThat(got.stream().filter(m -> m.type() == 'C').findFirst().orElseThrow().body())
        .startsWith("UNLOAD".getBytes());
  }

  @ParameterizedTest
  @ValueSource(strings = {"parse", "bind", "execute", "unload"})
  void anErrorAtAnyStepLeavesTheSessionAnsweringAndUnloading(String step) throws Exception {
    try (RawWire w = RawWire.connect(emu, "wire-" + step)) {
      for (int round = 0; round < 3; round++) {
        // each message flushed, and its reply read before the next is sent: the backend's error
        // reaches the front before the rest of the pipeline does
        w.parse(switch (step) {
          case "parse" -> "select no_such_column from wire_t";
          case "bind" -> "select id from wire_t where id = $1::int";
          case "unload" -> "UNLOAD ('select 1 / (id - id) from wire_t') TO '" + emu.newTempPrefix()
              + "' IAM_ROLE default FORMAT CSV"; // the front answers Parse..Describe, the UNLOAD fails
          default -> "select 1 / (id - id) from wire_t";
        });
        w.flush();
        assertThat(w.read().type()).isEqualTo(step.equals("parse") ? 'E' : '1');
        w.bind(step.equals("bind") ? new String[] {"not a number"} : new String[0]);
        w.flush();
        if (!step.equals("parse")) {
          assertThat(w.read().type()).isEqualTo(step.equals("bind") ? 'E' : '2');
        }
        w.describePortal();
        w.flush();
        if (step.equals("execute") || step.equals("unload")) {
          assertThat(w.read().type()).isEqualTo(step.equals("unload") ? 'n' : 'T');
        }
        w.execute();
        w.flush();
        if (step.equals("execute") || step.equals("unload")) {
          assertThat(w.read().type()).isEqualTo('E');
        }
        List<RawWire.Msg> after = sync(w);
        assertThat(after).extracting(RawWire.Msg::type).containsExactly('Z');
        assertThat(RawWire.status(after)).isEqualTo('I');
        unloadWorks(w);
        extended(w, "select count(*) from wire_t");
        assertThat(sync(w)).extracting(RawWire.Msg::type).containsExactly('1', '2', 'T', 'D', 'C', 'Z');
      }
    }
  }

  @Test
  void anErrorInsideATransactionFailsTheUnloadThereAndRollbackRecovers() throws Exception {
    try (RawWire w = RawWire.connect(emu, "wire-tx")) {
      w.query("BEGIN");
      assertThat(RawWire.status(w.until('Z'))).isEqualTo('T');
      extended(w, "select no_such_column from wire_t");
      List<RawWire.Msg> failed = sync(w);
      assertThat(RawWire.status(failed)).isEqualTo('E');
      // the transaction is aborted: the UNLOAD fails as any statement would, and does not hang
      extended(w, unloadSql());
      List<RawWire.Msg> refused = sync(w);
      assertThat(refused).extracting(RawWire.Msg::type).contains('E');
      assertThat(refused.stream().filter(m -> m.type() == 'E').findFirst().orElseThrow().field('C'))
          .isEqualTo("25P02");
      w.query("ROLLBACK");
      assertThat(RawWire.status(w.until('Z'))).isEqualTo('I');
      unloadWorks(w);
    }
  }

  @Test
  void aClientThatGoesAwayMidPipelineReleasesItsSessionAndBackend() throws Exception {
    int before = emu.openConnections();
    String app = "wire-gone-" + UUID.randomUUID();
    RawWire w = RawWire.connect(emu, app);
    w.parse("select no_such_column from wire_t");
    w.flush();
    assertThat(w.read().type()).isEqualTo('E');
    w.bind();
    w.flush();
    w.parse(unloadSql()); // an UNLOAD the front would answer itself, once the pipeline is clear
    w.flush();
    assertThat(emu.openConnections()).isGreaterThan(before);
    w.close(); // no Sync, no Terminate
    long deadline = System.nanoTime() + 20_000_000_000L;
    while ((emu.openConnections() > before || backends(app) > 0) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(emu.openConnections()).isEqualTo(before);
    assertThat(backends(app)).isZero();
  }

  private static int backends(String app) throws Exception {
    try (Connection c = emu.backingConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from pg_stat_activity where application_name = '" + app + "'")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  void randomPipelinesAlwaysReachReadyForQuery() throws Exception {
    Random r = new Random(20261201);
    try (RawWire w = RawWire.connect(emu, "wire-random")) {
      long end = System.nanoTime() + 8_000_000_000L;
      int batches = 0;
      while (System.nanoTime() < end && batches < 150) {
        batches++;
        int statements = 1 + r.nextInt(3);
        boolean failed = false;
        boolean unloadAfterFailure = false;
        for (int i = 0; i < statements; i++) {
          int kind = r.nextInt(5);
          String sql = switch (kind) {
            case 0 -> "select id from wire_t where id < 5";
            case 1 -> "select no_such_column from wire_t";
            case 2 -> "select 1 / (id - id) from wire_t";
            default -> unloadSql();
          };
          failed |= kind == 1 || kind == 2;
          unloadAfterFailure |= failed && kind >= 3;
          w.parse(sql);
          maybeFlush(w, r);
          if (r.nextBoolean()) {
            w.describeStatement();
            maybeFlush(w, r);
          }
          w.bind();
          maybeFlush(w, r);
          if (r.nextBoolean()) {
            w.describePortal();
            maybeFlush(w, r);
          }
          w.execute();
          maybeFlush(w, r);
          if (r.nextInt(4) == 0) {
            w.closePortal();
            maybeFlush(w, r);
          }
        }
        List<RawWire.Msg> got = sync(w);
        assertThat(RawWire.status(got)).as("batch %d: %s", batches, got).isEqualTo('I');
        if (!failed) {
          assertThat(got).as("batch %d", batches).extracting(RawWire.Msg::type).doesNotContain('E');
        }
        assertThat(unloadAfterFailure || !failed || got.stream().anyMatch(m -> m.type() == 'E'))
            .as("batch %d: a failing batch reports its error: %s", batches, got).isTrue();
      }
      assertThat(batches).isGreaterThan(10);
      unloadWorks(w);
    }
  }

  private static void maybeFlush(RawWire w, Random r) throws IOException {
    if (r.nextInt(3) > 0) {
      w.flush();
    }
  }
}
