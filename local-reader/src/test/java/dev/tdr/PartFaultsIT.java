package dev.tdr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdr.core.PartReadException;
import dev.tdr.core.TdrConfig;
import dev.tdr.core.TdrListener;
import dev.tdr.core.s3.PartStore;
import dev.tdr.core.unload.QueryControl;
import dev.tdr.core.unload.Unloaded;
import dev.tdr.local.LocalReader;
import dev.tdr.testkit.FaultProxy;
import dev.tdr.testkit.RedshiftEmulator;
import dev.tdr.testkit.RedshiftEmulatorExtension;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.dflib.DataFrame;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Faults in the middle of a part's body, at the HTTP level: the emulator's S3 breaking a body off
 * or stalling it, and a TCP proxy resetting the connection. The read must give exactly the
 * result of a clean read, or, once the attempts are spent, an error that says what happened.
 */
@ExtendWith(RedshiftEmulatorExtension.class)
class PartFaultsIT {
  private static RedshiftEmulator emu;
  private static List<List<Object>> expected;

  @BeforeAll
  static void start(RedshiftEmulator emulator) throws Exception {
    emu = emulator;
    try (Connection c = emu.backingConnection(); Statement s = c.createStatement()) {
      s.execute("drop table if exists faulty");
      s.execute("create table faulty as select g as id, md5(g::text) || case when g % 7 = 0 then E',\"\\n' else '' end"
          + " as txt, (g * 0.25)::numeric(12,2) as amount from generate_series(1, 40000) g");
    }
    try (Tdr tdr = Tdr.connect(config().build())) {
      expected = cells(tdr.query("select * from faulty order by id").toDataFrame());
    }
    assertThat(expected).hasSize(40000);
  }

  private static TdrConfig.Builder config() {
    return TdrConfig.builderFromEnvironment(emu.environment());
  }

  static List<List<Object>> cells(DataFrame df) {
    List<List<Object>> out = new ArrayList<>();
    for (int r = 0; r < df.height(); r++) {
      List<Object> row = new ArrayList<>();
      for (int c = 0; c < df.width(); c++) {
        row.add(df.getColumn(c).get(r));
      }
      out.add(row);
    }
    return out;
  }

  private static List<List<Object>> read(Tdr tdr) {
    return cells(tdr.query("select * from faulty order by id").toDataFrame());
  }

  @Test
  void aBodyBrokenOffInTheMiddleIsResumedWhereItStopped() {
    try (Tdr tdr = Tdr.connect(config().build())) {
      emu.faults().cutS3Body("0001_part_00$", 48 << 10, 2).cutS3Body("0003_part_00$", 100_000, 1);
      assertThat(read(tdr)).isEqualTo(expected);
      assertThat(emu.faults().armedS3()).isZero();
    }
  }

  @Test
  void aConnectionResetInTheMiddleIsResumed() {
    try (FaultProxy proxy = FaultProxy.start(emu.s3Endpoint());
        Tdr tdr = Tdr.connect(config().s3Endpoint(proxy.endpoint()).build())) {
      proxy.resetAfter("0002_part_00", 48 << 10, 1).resetAfter("0000_part_00", 100, 2);
      assertThat(read(tdr)).isEqualTo(expected);
      assertThat(proxy.resets()).isEqualTo(3);
    }
  }

  @Test
  void resetsThatKeepComingFailNamingThePartAndTheAttempts() {
    try (FaultProxy proxy = FaultProxy.start(emu.s3Endpoint());
        Tdr tdr = Tdr.connect(config().s3Endpoint(proxy.endpoint()).build())) {
      proxy.resetAfter("0001_part_00", 1000, 1000);
      assertThatThrownBy(() -> read(tdr))
          .isInstanceOf(PartReadException.class)
          .hasMessageContaining("0001_part_00")
          .hasMessageContaining("connection reset")
          .hasMessageContaining("after 5 attempts")
          .hasMessageNotContaining("malformed");
    }
  }

  @Test
  void truncatedBodiesThatKeepComingFailTheSameWay() {
    try (Tdr tdr = Tdr.connect(config().build())) {
      emu.faults().cutS3Body("0002_part_00$", 40_000, 1000);
      assertThatThrownBy(() -> read(tdr))
          .isInstanceOf(PartReadException.class)
          .hasMessageContaining("cannot read s3://")
          .hasMessageContaining("0002_part_00")
          .hasMessageContaining("after 5 attempts");
    }
  }

  @Test
  void aStallLongerThanTheReadTimeoutIsResumed() {
    TdrConfig config = config().build();
    try (UnloadedRun run = UnloadedRun.of(config, "select * from faulty");
        PartStore impatient = PartStore.create(config.s3Settings(), 4, Duration.ofMillis(300));
        LocalReader reader = LocalReader.over(impatient, 4)) {
      emu.faults().stallS3Body("0000_part_00$", 30_000, Duration.ofSeconds(3), 1);
      long t0 = System.nanoTime();
      DataFrame df = reader.read(run.unloaded, TdrListener.NONE, new QueryControl());
      assertThat(emu.faults().armedS3()).isZero();
      assertThat(df.height()).isEqualTo(40000);
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
      assertThat(org.dflib.Exp.$int("id").sum().eval(df).get(0)).isEqualTo(40000 * 40001 / 2);
    }
  }

  @Test
  void aSplitPartAndAGzipPartAreResumedToo() throws Exception {
    // ORDER BY an expression: PARALLEL OFF, one part, split across the threads
    try (Tdr tdr = Tdr.connect(config().parallelism(4).build())) {
      emu.faults().cutS3Body("000$", 700_000, 1);
      assertThat(cells(tdr.query("select * from faulty order by id + 0").toDataFrame())).isEqualTo(expected);
      assertThat(emu.faults().armedS3()).isZero();
    }
    String prefix = emu.newTempPrefix();
    try (Connection c = java.sql.DriverManager.getConnection(emu.jdbcUrl(), emu.user(), emu.password());
        Statement s = c.createStatement()) {
      s.execute("UNLOAD ('select id, txt from faulty') TO '" + prefix + "' IAM_ROLE default FORMAT CSV GZIP"
          + " MANIFEST VERBOSE");
    }
    try (Tdr tdr = Tdr.connect(config().build())) {
      emu.faults().cutS3Body("0001_part_00.gz$", 100_000, 1);
      DataFrame df = tdr.localReader().read(prefix + "manifest", tdr.describe("select id, txt from faulty"));
      assertThat(emu.faults().armedS3()).isZero();
      assertThat(df.height()).isEqualTo(40000);
      try (PartStore store = PartStore.create(tdr.config(), 1)) {
        store.deletePrefix(dev.tdr.core.s3.S3Uri.parse(prefix));
      }
    }
  }

  /** A finished UNLOAD whose files are deleted on close. */
  private record UnloadedRun(dev.tdr.core.unload.UnloadEngine engine, PartStore store, Unloaded unloaded)
      implements AutoCloseable {
    static UnloadedRun of(TdrConfig config, String sql) {
      PartStore store = PartStore.create(config, 1);
      var engine = new dev.tdr.core.unload.UnloadEngine(config, store);
      return new UnloadedRun(engine, store, engine.unload(sql, TdrListener.NONE, new QueryControl()));
    }

    @Override
    public void close() {
      engine.cleanup(unloaded);
      store.close();
    }
  }
}
