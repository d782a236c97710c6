package dev.tdr.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tdr.QueryResult;
import dev.tdr.Tdr;
import dev.tdr.core.CsvParseException;
import dev.tdr.core.TdrConfig;
import dev.tdr.core.s3.PartStore;
import dev.tdr.testkit.PartDamage;
import dev.tdr.testkit.RedshiftEmulator;
import dev.tdr.testkit.RedshiftEmulatorExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dflib.DataFrame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The columnar reader, the row reader, the local reader and JDBC on the same generated values of
 * every type: each Spark read must give exactly what the others give, cell by cell. The data has
 * the nasty cases (quotes, doubled quotes, newlines, CR LF, backslashes, the delimiter, tabs,
 * unicode, the empty string beside NULL, extreme and non-finite numbers, the first and last days,
 * VARBYTE, SUPER) and values longer than the decoder's buffer and than a batch's text budget.
 */
@ExtendWith(RedshiftEmulatorExtension.class)
class SparkDifferentialIT {
  private static final int ROWS = 3000;
  private static SparkSession spark;
  private static RedshiftEmulator emu;
  private static Tdr tdr;

  @BeforeAll
  static void start(RedshiftEmulator emulator) throws Exception {
    OpenParts.count();
    emu = emulator;
    spark = LocalSpark.builder("local[2]", "tdr-differential-it").getOrCreate();
    tdr = Tdr.connect(TdrConfig.builderFromEnvironment(emu.environment()).build());
    try (Connection c = emu.backingConnection(); Statement s = c.createStatement()) {
      s.execute("drop table if exists diff_values");
      s.execute("create table diff_values (id int, i2 smallint, i4 int, i8 bigint, d12 numeric(12,2),"
          + " d38 numeric(38,10), dany numeric, d5 numeric(5,3), r real, d double precision, b boolean, c char(5),"
          + " v varchar(300), dt date, ts timestamp, tstz timestamptz, t time, ttz timetz, vb varbyte(64), s super)");
      s.execute("insert into diff_values select g,"
          + " case when g % 13 = 0 then null when g % 89 = 1 then 32767 when g % 89 = 2 then -32768"
          + "   else ((g * 7919) % 65536 - 32768) end,"
          + " case when g % 11 = 0 then null when g % 97 = 1 then 2147483647 when g % 97 = 2 then -2147483648"
          + "   else (g * 104729) % 2000003 - 1000000 end,"
          + " case when g % 7 = 0 then null when g % 83 = 1 then 9223372036854775807"
          + "   when g % 83 = 2 then -9223372036854775808 else (g::bigint * 2654435761) % 100000000000 - 5 end,"
          + " case when g % 9 = 0 then null when g % 71 = 1 then 9999999999.99 when g % 71 = 2 then -9999999999.99"
          + "   else ((g * 7907) % 2000000 - 1000000) / 100.0 end,"
          + " case when g % 8 = 0 then null when g % 67 = 1 then 9999999999999999999999999999.9999999999"
          + "   when g % 67 = 2 then -0.0000000001 else ((g * 31337) % 20000001 - 10000000) / 1000.0 end,"
          + " case when g % 6 = 0 then null when g % 61 = 1 then 1234567890123456789012345678.5"
          + "   when g % 61 = 2 then 0.000000000000123456 else ((g * 131) % 100001) / power(10, g % 5)::numeric end,"
          + " case when g % 5 = 0 then null else ((g * 37) % 199999 - 99999) / 1000.0 end,"
          + " case when g % 10 = 0 then null when g % 53 = 1 then 'NaN'::real when g % 53 = 2 then 'Infinity'::real"
          + "   when g % 53 = 3 then '-Infinity'::real when g % 53 = 4 then 3.4028235e38::real"
          + "   when g % 53 = 5 then 1.4e-45::real else ((g * 13) % 100000) / 7.0 end,"
          + " case when g % 12 = 0 then null when g % 59 = 1 then 'NaN'::float8 when g % 59 = 2 then '-Infinity'::float8"
          + "   when g % 59 = 3 then 1.7976931348623157e308 when g % 59 = 4 then 4.9e-324"
          + "   else ((g * 31) % 100000) / 7.0 end,"
          + " case when g % 4 = 0 then null else g % 3 = 0 end,"
          + " case when g % 14 = 0 then null when g % 14 = 1 then '' else substr('abcdeüx,\"', 1 + g % 5, 1 + g % 5) end,"
          + " case when g % 15 = 0 then null when g % 15 = 1 then ''"
          + "   else (array['plain', 'comma,here', 'quote\"inside', '\"\"', 'line1' || chr(10) || 'line2',"
          + "     'crlf' || chr(13) || chr(10) || 'end', 'back' || chr(92) || 'slash', 'tab' || chr(9) || 'x', 'ünïcødé', '🎉 日本',"
          + "     'NULL', 'null', ' lead and trail ', ',', '\"', 'NULL-tdr-'])[1 + g % 16]"
          + "     || (array['', ' ', '\"x\"', ',', chr(10), 'ü'])[1 + g % 6] || g end,"
          + " case when g % 16 = 0 then null when g % 79 = 1 then date '0001-01-01' when g % 79 = 2 then date '9999-12-31'"
          + "   when g % 79 = 3 then date '2024-02-29' else date '1900-01-01' + (g * 53) % 80000 end,"
          + " case when g % 17 = 0 then null when g % 73 = 1 then timestamp '0001-01-01 00:00:00'"
          + "   when g % 73 = 2 then timestamp '9999-12-31 23:59:59.999999'"
          + "   else timestamp '1970-01-01' + ((g * 7919) % 2000000000) * interval '1 second'"
          + "     + ((g * 13) % 1000000) * interval '1 microsecond' end,"
          + " case when g % 18 = 0 then null else timestamptz '2000-01-01 00:00:00+00'"
          + "   + ((g * 104729) % 900000000) * interval '1 second' + (g % 1000) * interval '1 millisecond' end,"
          + " case when g % 19 = 0 then null else time '00:00:00' + ((g * 37) % 86400) * interval '1 second'"
          + "   + (g % 1000) * interval '1 microsecond' end,"
          + " case when g % 20 = 0 then null else (time '00:00:00' + ((g * 41) % 86400) * interval '1 second')::timetz end,"
          + " case when g % 21 = 0 then null when g % 21 = 1 then from_hex('') else from_hex(md5(g::text)) end,"
          + " case when g % 22 = 0 then null"
          + "   else json_parse('{\"k\": ' || g || ', \"s\": \"a,b c\", \"u\": \"🎉\", \"l\": [1, 2.5, null]}') end"
          + " from generate_series(1, " + ROWS + ") g");
      s.execute("drop table if exists diff_long");
      // about 64 KB a row (VARCHAR's limit), every 50th row much longer than the decoder's 1 MB
      // buffer; 300 rows are more text than one batch may hold, so batches end early
      s.execute("create table diff_long as select g as id,"
          + " case when g % 7 = 0 then null when g % 50 = 1 then repeat('long ünïcødé, \"quoted\"' || chr(10), 120000)"
          + "   else repeat(md5(g::text) || ',' || chr(10) || '\"', 1700) end as text,"
          + " g * 2 as twice from generate_series(1, 300) g");
    }
  }

  @AfterAll
  static void stop() {
    tdr.close();
    spark.stop();
  }

  @AfterEach
  void streamsAreClosed() {
    assertThat(OpenParts.open()).isZero();
  }

  private static Dataset<Row> spark(String table, Map<String, String> extra) {
    return spark.read().format("tdr-redshift").options(SparkReadIT.options(emu)).options(extra)
        .option("dbtable", table).load();
  }

  private static List<List<Object>> sparkCells(Dataset<Row> df) {
    List<List<Object>> out = new ArrayList<>();
    for (Row r : df.orderBy("id").collectAsList()) {
      List<Object> row = new ArrayList<>();
      for (int c = 0; c < r.length(); c++) {
        row.add(normal(r.get(c), df.schema().fields()[c].dataType().typeName()));
      }
      out.add(row);
    }
    return out;
  }

  private static List<List<Object>> frameCells(DataFrame df, String... decimal38Columns) {
    List<String> names = List.of(df.getColumnsIndex().toArray());
    List<List<Object>> out = new ArrayList<>();
    for (int r = 0; r < df.height(); r++) {
      List<Object> row = new ArrayList<>();
      for (int c = 0; c < df.width(); c++) {
        Object v = df.getColumn(c).get(r);
        if (v instanceof BigDecimal d && List.of(decimal38Columns).contains(names.get(c))) {
          v = d.setScale(10, RoundingMode.HALF_UP); // Spark's decimal(38,10) for NUMERIC without a precision
        }
        row.add(normal(v, ""));
      }
      out.add(row);
    }
    return out;
  }

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS");

  /** One comparable form for what Spark, the DataFrame and JDBC hand out for the same value. */
  private static Object normal(Object v, String sparkType) {
    if (v == null) {
      return null;
    }
    if (v instanceof BigDecimal d) {
      return "dec:" + (d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString());
    }
    if (v instanceof Short || v instanceof Integer || v instanceof Long) {
      return "int:" + ((Number) v).longValue();
    }
    if (v instanceof Float f) {
      return "f:" + Float.floatToIntBits(f);
    }
    if (v instanceof Double d) {
      return "d:" + Double.doubleToLongBits(d);
    }
    if (v instanceof byte[] b) {
      return "bytes:" + HexFormat.of().formatHex(b);
    }
    if (v instanceof OffsetDateTime t) {
      return t.toInstant();
    }
    if (v instanceof Instant i) {
      return i;
    }
    if (v instanceof LocalTime t) {
      return TIME.format(t);
    }
    if (v instanceof OffsetTime t) {
      return TIME.format(t.withOffsetSameInstant(ZoneOffset.UTC)) + "+00:00";
    }
    return v;
  }

  @Test
  void everyReaderGivesTheSameCells() {
    List<List<Object>> columnar = sparkCells(spark("diff_values", Map.of()));
    List<List<Object>> rows = sparkCells(spark("diff_values", Map.of("columnar", "false")));
    List<List<Object>> smallBatches = sparkCells(spark("diff_values", Map.of("batch_rows", "7")));
    List<List<Object>> local = frameCells(tdr.query("select * from diff_values order by id").toDataFrame(), "dany");
    List<List<Object>> jdbc = frameCells(tdr.queryJdbc("select * from diff_values order by id"), "dany");
    assertThat(columnar).hasSize(ROWS);
    for (int r = 0; r < ROWS; r++) {
      assertThat(columnar.get(r)).as("row %d: columnar vs local", r + 1).isEqualTo(local.get(r));
      assertThat(rows.get(r)).as("row %d: row reader vs local", r + 1).isEqualTo(local.get(r));
      assertThat(smallBatches.get(r)).as("row %d: batches of 7 vs local", r + 1).isEqualTo(local.get(r));
      assertThat(local.get(r)).as("row %d: local vs JDBC", r + 1).isEqualTo(jdbc.get(r));
    }
    // the nasty cases are really there, and NULL and '' stay apart
    List<Object> texts = columnar.stream().map(row -> row.get(12)).toList();
    assertThat(texts).contains("").containsNull();
    for (String piece : new String[] {"quote\"inside", "line1\nline2", "crlf\r\nend", "back\\slash", "tab\tx",
        "ünïcødé", "🎉 日本", "NULL-tdr-", "\"x\""}) {
      assertThat(texts).as(piece).anySatisfy(v -> assertThat((String) v).contains(piece));
    }
    assertThat(columnar).extracting(row -> row.get(8)).contains("f:" + Float.floatToIntBits(Float.NaN),
        "f:" + Float.floatToIntBits(Float.POSITIVE_INFINITY)).containsNull();
  }

  @Test
  void longValuesAcrossBuffersAndBatchesWithTheirTextBounded() {
    List<List<Object>> columnar = sparkCells(spark("diff_long", Map.of()));
    List<List<Object>> rows = sparkCells(spark("diff_long", Map.of("columnar", "false")));
    List<List<Object>> local = frameCells(tdr.query("select * from diff_long order by id").toDataFrame());
    assertThat(columnar).hasSize(300).isEqualTo(local).isEqualTo(rows);
    assertThat(((String) columnar.get(0).get(1)).length()).isGreaterThan(2_000_000);
    assertThat(columnar.get(6).get(1)).isNull();
  }

  @Test
  void aBatchEndsEarlyOnceItsTextReachesTheBudget() {
    // rows of about 61 KB each, a budget of 2 MB: batches of about 34 rows, never far beyond 2 MB
    try (QueryResult r = tdr.query("select id, text from diff_long where text is not null and id % 50 <> 1");
        PartStore store = PartStore.create(tdr.config(), 2)) {
      long budget = 2_000_000;
      long rows = 0;
      int batches = 0;
      try (PartsCursor parts = new PartsCursor(new TdrPartition(0, r.unloaded().manifest().entries()), store,
          r.unloaded().schema(), r.unloaded().dialect(), new boolean[] {true, true}, 4096, budget, true)) {
        for (int n; (n = parts.next()) > 0; ) {
          batches++;
          rows += n;
          long longest = 0;
          for (int i = 0; i < n; i++) {
            longest = Math.max(longest, parts.batch().utf8Lengths(1)[i]);
          }
          assertThat(parts.batch().utf8BytesUsed()).isLessThanOrEqualTo(budget + 2 * longest);
        }
      }
      assertThat(rows).isEqualTo(r.rows());
      assertThat(batches).isGreaterThanOrEqualTo((int) (r.bytes() / (budget + 2 * 70_000L)));
    }
  }

  @Test
  void unreadColumnsOfAFinishedUnloadAreSkippedAndTheRestIsExact() {
    try (QueryResult r = tdr.query("select * from diff_values")) {
      Dataset<Row> all = TdrSpark.dataset(spark, r.unloaded(), tdr.config());
      List<List<Object>> some = sparkCells(all.select("id", "v", "ts", "dany", "s"));
      List<List<Object>> full = sparkCells(all);
      for (int i = 0; i < ROWS; i++) {
        List<Object> f = full.get(i);
        assertThat(some.get(i)).isEqualTo(java.util.Arrays.asList(f.get(0), f.get(12), f.get(14), f.get(6), f.get(19)));
      }
      assertThat(all.selectExpr("count(*)").collectAsList().get(0).getLong(0)).isEqualTo(ROWS);
      assertThat(all.rdd().count()).isEqualTo(ROWS);
    }
  }

  @Test
  void aBadPartFailsBothReadersWithTheLocalReadersMessageAndItSurvivesSerialization() throws Exception {
    emu.faults().damageNextUnload(PartDamage.corrupt(1, 0, "x".getBytes()));
    try (Tdr keeping = Tdr.connect(TdrConfig.builderFromEnvironment(emu.environment()).keepFiles(true).build());
        QueryResult r = keeping.query("select id, i4, v from diff_values");
        AutoCloseable deleteAfter = () -> {
          try (PartStore store = PartStore.create(keeping.config(), 1)) {
            store.deletePrefix(r.unloaded().prefix());
          }
        }) {
      String local = catchThrowableOfType(r::forceLocal, CsvParseException.class).getMessage();
      assertThat(local).contains("0001_part_00, line 1, column 1: column 'id' (INTEGER): 'x");
      for (String columnar : new String[] {"true", "false"}) {
        Dataset<Row> ds = TdrSpark.reader(spark, r.unloaded(), keeping.config()).option("columnar", columnar).load();
        Throwable failure = catchThrowable(ds::collectAsList);
        Throwable cause = failure;
        while (cause != null && !(cause instanceof CsvParseException)) {
          cause = cause.getCause();
        }
        assertThat(cause).as("columnar=%s: %s", columnar, failure).isInstanceOf(CsvParseException.class);
        assertThat(cause.getMessage()).isEqualTo(local);
        assertThat(roundTrip(cause).getMessage()).isEqualTo(local);
      }
    }
  }

  @Test
  void aResultWhoseFilesAreGoneIsAnErrorNotAnEmptyDataset() {
    try (QueryResult r = tdr.query("select id from diff_values where id <= 10")) {
      r.forceLocal(); // reads, then deletes the files
      assertThatThrownBy(() -> TdrSpark.dataset(spark, r.unloaded(), tdr.config()).collectAsList())
          .hasMessageContaining("the files of this TDR result are gone");
    }
  }

  @Test
  void aBadBatchSizeNamesTheOption() {
    assertThatThrownBy(() -> spark.read().format("tdr-redshift").options(SparkReadIT.options(emu))
        .option("batch_rows", "0").option("dbtable", "diff_values").load())
        .hasMessageContaining("option 'batch_rows' must be a number of rows from 1 to");
  }

  private static Throwable roundTrip(Throwable t) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(t);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (Throwable) in.readObject();
    }
  }
}
