package dev.tdr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdr.core.ColumnType;
import dev.tdr.core.CsvParseException;
import dev.tdr.core.PartReadException;
import dev.tdr.core.ResultTooLargeException;
import dev.tdr.core.TdrConfig;
import dev.tdr.core.TdrException;
import dev.tdr.core.TdrListener;
import dev.tdr.core.UnloadFailedException;
import dev.tdr.core.s3.S3Uri;
import dev.tdr.core.unload.QueryControl;
import dev.tdr.testkit.EmptyUnload;
import dev.tdr.testkit.Fixtures;
import dev.tdr.testkit.PartDamage;
import dev.tdr.testkit.RedshiftEmulator;
import dev.tdr.testkit.RedshiftEmulatorExtension;
import dev.tdr.testkit.S3Operation;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.dflib.DataFrame;
import org.dflib.IntSeries;
import org.dflib.Series;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The engine and the local reader end to end, against the emulator. */
@ExtendWith(RedshiftEmulatorExtension.class)
class TdrQueryIT {
  private static Tdr tdr;
  private static RedshiftEmulator emu;

  @BeforeAll
  static void start(RedshiftEmulator emulator) throws Exception {
    emu = emulator;
    tdr = Tdr.connect(config(emu).build());
    try (Connection c = emu.backingConnection(); Statement s = c.createStatement()) {
      Fixtures.nastyValues(c, "nasty");
      s.execute("drop table if exists events");
      s.execute("create table events as select g as id, (g * 7919) % 1000 as score, "
          + "case when g % 10 = 0 then null else 'label ' || (g % 37) end as label, "
          + "timestamp '2024-01-01' + (g || ' seconds')::interval as at "
          + "from generate_series(1, 20000) g");
    }
  }

  static TdrConfig.Builder config(RedshiftEmulator emu) {
    return TdrConfig.builderFromEnvironment(emu.environment());
  }

  @AfterAll
  static void stop() {
    tdr.close();
  }

  private static List<String> leftovers() {
    try (var store = dev.tdr.core.s3.PartStore.create(tdr.config(), 1)) {
      return store.list(S3Uri.parse(tdr.config().tempDir()));
    }
  }

  /** Cell values, with arrays compared by content. */
  private static List<List<Object>> cells(DataFrame df) {
    List<List<Object>> out = new ArrayList<>();
    for (int r = 0; r < df.height(); r++) {
      List<Object> row = new ArrayList<>();
      for (int c = 0; c < df.width(); c++) {
        Object v = df.getColumn(c).get(r);
        row.add(v instanceof byte[] b ? "bytes:" + java.util.HexFormat.of().formatHex(b) : v);
      }
      out.add(row);
    }
    return out;
  }

  @Test
  void nastyValuesAreTypedAndIdenticalToJdbc() {
    DataFrame local;
    try (QueryResult r = tdr.query("select * from nasty order by id")) {
      assertThat(r.route()).isEqualTo(Route.LOCAL);
      assertThat(r.schema().columns()).extracting(c -> c.type()).containsExactly(
          ColumnType.INTEGER, ColumnType.SMALLINT, ColumnType.BIGINT, ColumnType.DECIMAL, ColumnType.REAL,
          ColumnType.DOUBLE, ColumnType.BOOLEAN, ColumnType.CHAR, ColumnType.VARCHAR, ColumnType.DATE,
          ColumnType.TIMESTAMP, ColumnType.TIMESTAMPTZ, ColumnType.TIME, ColumnType.TIMETZ,
          ColumnType.VARBYTE, ColumnType.SUPER);
      local = r.toDataFrame();
      assertThat(r.stats().rows()).isEqualTo(5);
    }
    DataFrame jdbc = tdr.queryJdbc("select * from nasty order by id");
    assertThat(local.getColumnsIndex().toArray()).isEqualTo(jdbc.getColumnsIndex().toArray());
    assertThat(cells(local)).isEqualTo(cells(jdbc));

    List<Object> first = cells(local).get(0);
    assertThat(first).containsExactly(1, 32767, Long.MAX_VALUE, new BigDecimal("1234567890123456789012345678.0123456789"),
        3.4028235e38f, Double.MAX_VALUE, true, "ab", "plain", LocalDate.of(2008, 1, 4),
        LocalDateTime.of(2000, 1, 2, 12, 34, 56, 789_012_000),
        OffsetDateTime.of(2000, 1, 2, 17, 34, 56, 789_012_000, ZoneOffset.UTC), LocalTime.of(4, 5, 6, 500_000_000),
        OffsetTime.of(2, 5, 6, 0, ZoneOffset.UTC), "bytes:00ff10", "{\"a\":[1,2],\"b\":\"x y\"}");
    List<Object> second = cells(local).get(1);
    assertThat(second.get(4)).isEqualTo(Float.NaN);
    assertThat(second.get(5)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(second.get(8)).isEqualTo("comma,quote\"back\\slash|pipe");
    assertThat(second.get(9)).isEqualTo(LocalDate.of(1, 1, 1));
    assertThat(second.get(14)).isEqualTo("bytes:");
    List<Object> third = cells(local).get(2);
    assertThat(third.get(6)).isNull();
    assertThat(third.get(7)).isEqualTo("");
    assertThat(third.get(8)).isEqualTo("line1\nline2\r\nend");
    assertThat(third.get(14)).isNull();
    assertThat(cells(local).get(3).get(8)).isEqualTo("");
    assertThat(cells(local).get(3).get(1)).isNull();
    assertThat(cells(local).get(4).get(8)).isEqualTo("ünïcødé 🎉 日本\ttab");
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void pushdownNarrowsTheUnloadAsSparkDoes() {
    RenderedSql q = tdr.prepare("select * from events");
    dev.tdr.core.Schema s = tdr.describe(q);
    dev.tdr.core.Column score = s.column(s.indexOf("score"));
    dev.tdr.core.Column label = s.column(s.indexOf("label"));
    dev.tdr.core.unload.Pushdown p = dev.tdr.core.unload.Pushdown.NONE.select(List.of("id", "label"))
        .where(dev.tdr.core.sql.Predicate.compare(score, dev.tdr.core.sql.Predicate.Op.GE, 990))
        .where(dev.tdr.core.sql.Predicate.text(label, "label", dev.tdr.core.sql.Predicate.Match.ENDS, " 3"));
    DataFrame df;
    try (QueryResult r = tdr.query(q, p, TdrListener.NONE, new QueryControl())) {
      df = r.toDataFrame();
    }
    DataFrame jdbc = tdr.queryJdbc("select id, label from events where score >= 990 and label like '% 3'");
    assertThat(df.getColumnsIndex().toArray()).containsExactly("id", "label");
    assertThat(df.height()).isGreaterThan(0).isEqualTo(jdbc.height());
    assertThat(sorted(df.getColumn("id"))).isEqualTo(sorted(jdbc.getColumn("id")));
    try (QueryResult r = tdr.query(q, p.limit(3), TdrListener.NONE, new QueryControl())) {
      assertThat(r.toDataFrame().height()).isEqualTo(3);
    }
  }

  private static List<Object> sorted(Series<?> s) {
    List<Object> out = new ArrayList<>(s.toList());
    out.sort(java.util.Comparator.comparing(Object::toString));
    return out;
  }

  @Test
  void primitiveColumnsStayPrimitive() {
    DataFrame df = tdr.query("select id, score from events where id <= 100").toDataFrame();
    assertThat(df.getColumn("id")).isInstanceOf(IntSeries.class);
    DataFrame withNulls = tdr.query("select case when id % 2 = 0 then null else id end as x from events where id <= 4").toDataFrame();
    Series<Object> x = withNulls.getColumn("x");
    assertThat(x.toList()).containsExactlyInAnyOrder(1, null, 3, null);
  }

  private void assertSameAsJdbc(String sql) {
    DataFrame local = tdr.query(sql).toDataFrame();
    DataFrame jdbc = tdr.queryJdbc(sql);
    assertThat(cells(local)).as(sql).isEqualTo(cells(jdbc));
  }

  @Test
  void orderByAndLimitAreHonoured() {
    assertSameAsJdbc("select id, score from events order by score desc, id");
    assertSameAsJdbc("select id as k, score from events order by k desc limit 17");
    assertSameAsJdbc("select id, score from events order by 2, 1 limit 250");
    assertSameAsJdbc("select id, label from events order by label desc nulls first, id");
    assertSameAsJdbc("select id, label from events order by label nulls first, id desc limit 30");
    assertSameAsJdbc("select id from events order by score * -1, id limit 40");         // expression: PARALLEL OFF
    assertSameAsJdbc("select id from events order by at desc limit 5");                // key not in output
    assertSameAsJdbc("select id, score from events where id < 50 union all select id, -score from events "
        + "where id < 30 order by 2, 1");
    assertSameAsJdbc("with top as (select * from events order by id limit 10) select id, label from top order by id desc");
    assertSameAsJdbc("select \"ID\" from (select id as \"ID\" from events) q order by \"ID\" desc limit 3");
    DataFrame zero = tdr.query("select id from events order by id limit 0").toDataFrame();
    assertThat(zero.height()).isZero();
    assertThat(zero.getColumnsIndex().toArray()).containsExactly("id");
  }

  @Test
  void trailingSemicolonsAndCommentsAreHarmless() {
    DataFrame df = tdr.query("select count(*) as n from events; -- how many?\n").toDataFrame();
    assertThat(df.getColumn("n").get(0)).isEqualTo(20000L);
    assertThat(tdr.query("select 'it''s -- not a comment' as s /* trailing */ ;").toDataFrame().getColumn("s").get(0))
        .isEqualTo("it's -- not a comment");
  }

  @Test
  void duplicateColumnNamesAreRenamedTheSameWayOnEveryPath() {
    String sql = "select 1 as a, 2 as a, 3 as a_2, 4 as a";
    assertThat(tdr.query(sql).toDataFrame().getColumnsIndex().toArray()).containsExactly("a", "a_3", "a_2", "a_4");
    assertThat(tdr.queryJdbc(sql).getColumnsIndex().toArray()).containsExactly("a", "a_3", "a_2", "a_4");
  }

  @Test
  void emptyResultsOfBothEmulatorKinds() {
    for (EmptyUnload mode : EmptyUnload.values()) {
      emu.emptyUnload(mode);
      try (QueryResult r = tdr.query("select id, label, at from events where id < 0")) {
        DataFrame df = r.toDataFrame();
        assertThat(df.height()).as(mode.name()).isZero();
        assertThat(df.getColumnsIndex().toArray()).containsExactly("id", "label", "at");
        assertThat(r.parts()).isEqualTo(mode == EmptyUnload.NO_FILES ? 0 : 4);
      }
    }
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void manyPartsAndSplitParts() throws Exception {
    try (RedshiftEmulator many = RedshiftEmulator.builder().slices(24).start();
        Tdr t = Tdr.connect(config(many).parallelism(4).build());
        Connection c = many.backingConnection(); Statement s = c.createStatement()) {
      s.execute("create table wide as select g as id, md5(g::text) || ',\"' || g || E'\"\\n' as txt "
          + "from generate_series(1, 300000) g");
      try (QueryResult r = t.query("select * from wide")) {
        assertThat(r.parts()).isEqualTo(24);
        DataFrame df = r.toDataFrame();
        assertThat(df.height()).isEqualTo(300000);
      }
      // ORDER BY an expression: PARALLEL OFF, one ~15 MB part, split over 4 threads
      List<String> seen = new ArrayList<>();
      try (QueryResult r = t.query("select id, txt from wide order by id + 0", new TdrListener() {
        @Override
        public void partRead(int done, int total, long bytesDone, long bytesTotal) {
          seen.add(done + "/" + total);
        }
      }, new QueryControl())) {
        assertThat(r.parts()).isEqualTo(1);
        assertThat(r.bytes()).isGreaterThan(8L << 20);
        DataFrame df = r.toDataFrame();
        assertThat(df.height()).isEqualTo(300000);
        IntSeries ids = (IntSeries) (Series<?>) df.getColumn("id");
        for (int i = 0; i < 300000; i++) {
          assertThat(ids.getInt(i)).isEqualTo(i + 1);
        }
        assertThat((String) df.getColumn("txt").get(41)).endsWith(",\"42\"\n");
      }
      assertThat(seen).containsExactly("1/1");
    }
  }

  @Test
  void truncatedAndCorruptedPartsFailWithoutPartialResults() {
    emu.faults().damageNextUnload(PartDamage.truncate(2, 100));
    assertThatThrownBy(() -> tdr.query("select * from events").toDataFrame())
        .isInstanceOf(PartReadException.class)
        .hasMessageContaining("0002_part_00")
        .hasMessageContaining("manifest says");
    emu.faults().damageNextUnload(PartDamage.corrupt(1, 30, "\"".getBytes()));
    assertThatThrownBy(() -> tdr.query("select id, score from events").toDataFrame())
        .isInstanceOf(CsvParseException.class)
        .hasMessageContaining("0001_part_00")
        .hasMessageContaining("line");
    emu.faults().damageNextUnload(PartDamage.corrupt(0, 0, "x".getBytes()));
    assertThatThrownBy(() -> tdr.query("select id, score from events").toDataFrame())
        .isInstanceOf(CsvParseException.class)
        .hasMessageContaining("0000_part_00, line 1, column 1: column 'id' (INTEGER)");
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void s3FailuresAreRetriedThenReported() {
    emu.faults().failS3(S3Operation.GET, "0001_part_00$", 2, 503);
    assertThat(tdr.query("select id from events").toDataFrame().height()).isEqualTo(20000);
    emu.faults().failS3(S3Operation.GET, "0003_part_00$", 100, 500);
    assertThatThrownBy(() -> tdr.query("select id from events").toDataFrame())
        .isInstanceOf(PartReadException.class)
        .hasMessageContaining("0003_part_00")
        .hasMessageContaining("S3 error 500");
    emu.faults().clear();
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void failedUnloadsShowSqlStateAndTheStatementWithoutSecrets() {
    assertThatThrownBy(() -> tdr.query("select * from no_such_table"))
        .isInstanceOf(UnloadFailedException.class)
        .hasMessageStartingWith("query failed [SQLSTATE 42P01]")
        .hasMessageContaining("no_such_table")
        .satisfies(e -> assertThat(((UnloadFailedException) e).sqlState()).isEqualTo("42P01"));
    emu.faults().failNextUnload("XX000", "S3ServiceException:Access Denied,Status 403");
    assertThatThrownBy(() -> tdr.query("select 1 as x"))
        .isInstanceOf(UnloadFailedException.class)
        .hasMessageContaining("Access Denied")
        .hasMessageContaining("ACCESS_KEY_ID '***' SECRET_ACCESS_KEY '***'")
        .hasMessageNotContaining(emu.secretAccessKey());
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void errorsSayWhichRouteAndWhetherTheCallerCancelled() {
    assertThatThrownBy(() -> tdr.queryJdbc("select * from no_such_table"))
        .isInstanceOf(dev.tdr.core.QueryFailedException.class).isNotInstanceOf(UnloadFailedException.class)
        .hasMessageStartingWith("query failed [SQLSTATE 42P01]")
        .satisfies(e -> assertThat(((dev.tdr.core.DatabaseException) e).sqlState()).isEqualTo("42P01"));
    QueryControl cancelled = new QueryControl();
    cancelled.cancel();
    assertThatThrownBy(() -> tdr.query("select 1 as x", TdrListener.NONE, cancelled))
        .isInstanceOf(dev.tdr.core.QueryCancelledException.class).hasMessageStartingWith("the query was cancelled");
    assertThatThrownBy(() -> tdr.queryJdbc("select 1 as x", cancelled))
        .isInstanceOf(dev.tdr.core.QueryCancelledException.class);
    assertThatThrownBy(() -> tdr.query("select 'unterminated"))
        .isInstanceOf(TdrException.class).hasMessageContaining("unterminated");
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void cancellationStopsTheStatementOnTheServer() throws Exception {
    emu.faults().delayNextUnload(Duration.ofSeconds(60));
    CompletableFuture<DataFrame> f = tdr.queryAsync("select id from events /* cancel-probe */");
    try (Connection b = emu.backingConnection()) {
      while (Clients.activeCount(b, "pg_sleep") == 0) {
        Thread.onSpinWait();
      }
      f.cancel(true);
      assertThatThrownBy(f::get).isInstanceOf(CancellationException.class);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (Clients.activeCount(b, "pg_sleep") > 0 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(Clients.activeCount(b, "pg_sleep")).isZero();
    }
  }

  @Test
  void aTimeoutIsReportedAsATimeoutOnEveryRoute() {
    java.util.Map<String, String> env = new java.util.HashMap<>(emu.environment());
    env.put("TDR_QUERY_TIMEOUT", "1s");
    try (Tdr t = Tdr.connect(dev.tdr.core.TdrConfig.builderFromEnvironment(env).build())) {
      emu.faults().delayNextUnload(Duration.ofSeconds(60));
      assertThatThrownBy(() -> t.query("select 1 as x"))
          .isInstanceOf(dev.tdr.core.QueryTimeoutException.class)
          .hasMessage("the query ran longer than 1s (TDR_QUERY_TIMEOUT) and was cancelled on the server; raise the"
              + " timeout, or unset it to wait as long as the query takes");
      emu.faults().clear();
      assertThatThrownBy(() -> t.queryJdbc("select count(*) from (select generate_series(1, 3000000000) as g) s"))
          .isInstanceOf(dev.tdr.core.QueryTimeoutException.class).hasMessageContaining("longer than 1s (TDR_QUERY_TIMEOUT)");
      assertThatThrownBy(() -> t.query("select count(*) from (select generate_series(1, 3000000000) as g) s"))
          .isInstanceOf(dev.tdr.core.QueryTimeoutException.class);
      assertThat(t.query("select 1 as x").toDataFrame().height()).isEqualTo(1);
    }
  }

  @Test
  void eightConcurrentQueries() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<DataFrame>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        int lo = i * 1000;
        results.add(pool.submit(() -> tdr.query("select id, label from events where id > " + lo
            + " and id <= " + (lo + 1000) + " order by id").toDataFrame()));
      }
      for (int i = 0; i < 8; i++) {
        DataFrame df = results.get(i).get(60, TimeUnit.SECONDS);
        assertThat(df.height()).isEqualTo(1000);
        assertThat(df.getColumn("id").get(0)).isEqualTo(i * 1000 + 1);
        assertThat(df.getColumn("id").get(999)).isEqualTo(i * 1000 + 1000);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void aboveTheThresholdTheLocalRouteRefusesAndNamesTheSetting() {
    try (Tdr t = Tdr.connect(config(emu).localThreshold(1000).build());
        QueryResult r = t.query("select * from events")) {
      assertThat(r.route()).isEqualTo(Route.SPARK);
      assertThatThrownBy(r::toDataFrame)
          .isInstanceOf(ResultTooLargeException.class)
          .hasMessageContaining("TDR_LOCAL_THRESHOLD")
          .hasMessageContaining("Spark");
      assertThat(r.forceLocal().height()).isEqualTo(20000);
    }
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void keepFilesKeepsTheRunPrefix() {
    try (Tdr t = Tdr.connect(config(emu).keepFiles(true).build())) {
      QueryResult r = t.query("select 1 as x");
      r.toDataFrame();
      String prefix = r.unloaded().prefix().toString();
      r.close();
      try (var store = dev.tdr.core.s3.PartStore.create(t.config(), 1)) {
        assertThat(store.list(S3Uri.parse(prefix))).contains(S3Uri.parse(prefix).key() + "manifest");
        // its marker says it is kept on purpose: tdr cleanup leaves it unless --include-kept
        S3Uri marker = dev.tdr.core.unload.Runs.marker(S3Uri.parse(prefix));
        assertThat(new String(store.readIfExists(marker).orElseThrow(), java.nio.charset.StandardCharsets.UTF_8))
            .contains("\"keep\":true");
        dev.tdr.core.unload.Runs.delete(store, S3Uri.parse(prefix));
      }
    }
  }

  @Test
  void progressIsReported() {
    List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    AtomicInteger parts = new AtomicInteger();
    TdrListener l = new TdrListener() {
      @Override
      public void unloadStarted(String prefix) {
        events.add("unload-started");
      }

      @Override
      public void unloadFinished(long rows, int p, long bytes, Duration elapsed) {
        events.add("unload-finished " + rows + " rows " + p + " parts");
      }

      @Override
      public void readStarted(int p, long bytes) {
        events.add("read-started " + p);
      }

      @Override
      public void partRead(int done, int total, long bytesDone, long bytesTotal) {
        parts.incrementAndGet();
      }

      @Override
      public void readFinished(long rows, Duration elapsed) {
        events.add("read-finished " + rows);
      }
    };
    tdr.query("select id from events", l, new QueryControl()).toDataFrame();
    assertThat(events).containsExactly("unload-started", "unload-finished 20000 rows 4 parts",
        "read-started 4", "read-finished 20000");
    assertThat(parts.get()).isEqualTo(4);
  }

  @Test
  void unmappableTypesAndNonQueriesAreClearErrors() {
    assertThatThrownBy(() -> tdr.query("select interval '1 day' as span"))
        .isInstanceOf(dev.tdr.core.SchemaException.class)
        .hasMessageContaining("column 'span' has type 'interval'")
        .hasMessageContaining("span::varchar");
    assertThatThrownBy(() -> tdr.query("select 1; select 2")).isInstanceOf(TdrException.class)
        .hasMessageContaining("one query at a time");
  }

  @Test
  void gzipPartsOfAnExistingUnloadAreReadable() throws Exception {
    String prefix = emu.newTempPrefix();
    try (Connection c = java.sql.DriverManager.getConnection(emu.jdbcUrl(), emu.user(), emu.password());
        Statement s = c.createStatement()) {
      s.execute("UNLOAD ('select id, score from events where id <= 1000') TO '" + prefix
          + "' IAM_ROLE default FORMAT CSV GZIP MANIFEST VERBOSE");
    }
    DataFrame df = tdr.localReader().read(prefix + "manifest", tdr.describe("select id, score from events"));
    assertThat(df.height()).isEqualTo(1000);
    assertThat(((IntSeries) (Series<?>) df.getColumn("id")).sum()).isEqualTo(1000 * 1001 / 2);
    try (var store = dev.tdr.core.s3.PartStore.create(tdr.config(), 1)) {
      assertThat(store.list(S3Uri.parse(prefix))).allMatch(k -> k.endsWith(".gz") || k.endsWith("manifest"));
      store.deletePrefix(S3Uri.parse(prefix));
    }
  }

  @Test
  void existingUnloadsCanBeReadByManifest() throws Exception {
    String prefix = emu.newTempPrefix();
    try (Connection c = java.sql.DriverManager.getConnection(emu.jdbcUrl(), emu.user(), emu.password());
        Statement s = c.createStatement()) {
      s.execute("UNLOAD ('select id, label from events where id <= 10') TO '" + prefix
          + "' IAM_ROLE default FORMAT CSV MANIFEST VERBOSE");
    }
    DataFrame df = tdr.localReader().read(prefix + "manifest", tdr.describe("select id, label from events"));
    assertThat(df.height()).isEqualTo(10);
    // without NULL AS, NULL and the empty string are both empty fields: read as NULL
    assertThat(df.getColumn("label").toList()).contains((Object) null);
    try (var store = dev.tdr.core.s3.PartStore.create(tdr.config(), 1)) {
      store.deletePrefix(S3Uri.parse(prefix));
    }
  }
}
