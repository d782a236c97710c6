package dev.tdr.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdr.core.s3.PartStore;
import dev.tdr.core.s3.S3Settings;
import dev.tdr.core.s3.S3Uri;
import dev.tdr.core.unload.Manifest;
import dev.tdr.testkit.EmptyUnload;
import dev.tdr.testkit.Fixtures;
import dev.tdr.testkit.PartDamage;
import dev.tdr.testkit.RedshiftEmulator;
import dev.tdr.testkit.RedshiftEmulatorExtension;
import dev.tdr.testkit.S3Operation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The tdr-redshift connector on Spark local[2] against the emulator. */
@ExtendWith(RedshiftEmulatorExtension.class)
class SparkReadIT {
  private static SparkSession spark;
  private static RedshiftEmulator emu;

  @BeforeAll
  static void start(RedshiftEmulator emulator) throws Exception {
    OpenParts.count();
    emu = emulator;
    spark = LocalSpark.builder("local[2,4]", "tdr-redshift-it") // 2 threads, up to 4 attempts per task
        .getOrCreate();
    try (Connection c = emu.backingConnection(); Statement s = c.createStatement()) {
      Fixtures.nastyValues(c, "spark_nasty");
      s.execute("drop table if exists spark_events");
      s.execute("create table spark_events as select g as id, (g * 7919) % 1000 as score, "
          + "case when g % 10 = 0 then null else 'label ' || (g % 37) end as label, "
          + "((g % 100)::numeric(10,2) / 4)::numeric(14,4) as amount, (g % 7) * 0.5::real as ratio, "
          + "date '2024-01-01' + (g % 60) as day, timestamp '2024-01-01' + (g || ' seconds')::interval as at, "
          + "timestamptz '2024-01-01 00:00:00+00' + (g || ' minutes')::interval as at_tz, "
          + "(g % 3)::char(3) as code, g % 2 = 0 as even "
          + "from generate_series(1, 5000) g");
    }
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @AfterEach
  void streamsAreClosedAndRunsCleanedUp() {
    assertThat(OpenParts.open()).isZero();
    assertThat(leftovers()).as("the runs of this test are deleted when its queries end").isEmpty();
  }

  static Map<String, String> options(RedshiftEmulator emu) {
    Map<String, String> o = new HashMap<>();
    o.put("url", emu.jdbcUrl());
    o.put("user", emu.user());
    o.put("password", emu.password());
    o.put("tempdir", emu.tempDir());
    o.put("temporary_aws_access_key_id", emu.accessKeyId());
    o.put("temporary_aws_secret_access_key", emu.secretAccessKey());
    o.put("s3_endpoint", emu.s3Endpoint().toString());
    return o;
  }

  private static DataFrameReader read() {
    return spark.read().format("tdr-redshift").options(options(emu));
  }

  private static List<String> leftovers() {
    return leftovers(spark, emu);
  }

  /** TDR run prefixes left under the emulator's temp dir once Spark's listeners (which clean up) are done. */
  static List<String> leftovers(SparkSession spark, RedshiftEmulator emu) {
    try {
      spark.sparkContext().listenerBus().waitUntilEmpty();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("the listener bus did not drain", e);
    }
    try (PartStore store = PartStore.create(new S3Settings(emu.s3Endpoint(), true, emu.region(),
        emu.accessKeyId(), emu.secretAccessKey(), null), 1)) {
      return store.list(S3Uri.parse(emu.tempDir())).stream().filter(k -> k.matches(".*/\\d{8}-\\d{6}-.*")).toList();
    }
  }

  /** Waits until the listener bus has delivered every event (the cleanup listener runs there). */
  private static void waitForListeners() {
    try {
      spark.sparkContext().listenerBus().waitUntilEmpty();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("the listener bus did not drain", e);
    }
  }

  /**
   * Before the UNLOAD, a load() describes the query once (one connection, no S3 client); the read
   * then opens one connection for the UNLOAD and builds one S3 client for planning and cleanup.
   */
  @Test
  void oneLoadDescribesOnceAndTheScanBuildsOneS3Client() {
    read().option("dbtable", "spark_events").load().count(); // executors' shared S3 client now exists
    long connections = emu.connectionsAccepted();
    long clients = PartStore.clientsCreated();
    Dataset<Row> df = read().option("query", "select id, label from spark_events where id <= 100").load();
    assertThat(emu.connectionsAccepted() - connections).as("connections opened by load()").isEqualTo(1);
    assertThat(PartStore.clientsCreated() - clients).as("S3 clients built by load()").isZero();
    assertThat(df.collectAsList()).hasSize(100);
    waitForListeners();
    assertThat(emu.connectionsAccepted() - connections).as("connections opened by load() and collect").isEqualTo(2);
    assertThat(PartStore.clientsCreated() - clients).as("S3 clients built by load() and collect").isEqualTo(1);

    // a given schema is checked against the query's, so that load() describes once too
    connections = emu.connectionsAccepted();
    read().schema("id int, label string").option("query", "select id, label from spark_events").load();
    assertThat(emu.connectionsAccepted() - connections).as("connections opened by load(schema)").isEqualTo(1);
  }

  @ParameterizedTest(name = "columnar={0}")
  @ValueSource(booleans = {true, false})
  void everyTypeWithNastyValues(boolean columnar) {
    Dataset<Row> df = read().option("dbtable", "spark_nasty").option("columnar", String.valueOf(columnar)).load();
    String plan = df.queryExecution().executedPlan().toString();
    assertThat(plan.contains("ColumnarToRow")).as(plan).isEqualTo(columnar);
    assertThat(df.schema().simpleString()).isEqualTo("struct<id:int,i2:smallint,i8:bigint,num:decimal(38,10),"
        + "r:float,d:double,b:boolean,c:string,v:string,dt:date,ts:timestamp_ntz,tstz:timestamp,t:string,"
        + "ttz:string,vb:binary,s:string>");
    List<Row> rows = df.orderBy("id").collectAsList();
    assertThat(rows).hasSize(5);
    Row r1 = rows.get(0);
    assertThat(r1.getInt(0)).isEqualTo(1);
    assertThat(r1.getShort(1)).isEqualTo((short) 32767);
    assertThat(r1.getLong(2)).isEqualTo(Long.MAX_VALUE);
    assertThat(r1.getDecimal(3)).isEqualTo(new BigDecimal("1234567890123456789012345678.0123456789"));
    assertThat(r1.getFloat(4)).isEqualTo(3.4028235e38f);
    assertThat(r1.getDouble(5)).isEqualTo(Double.MAX_VALUE);
    assertThat(r1.getBoolean(6)).isTrue();
    assertThat(r1.getString(7)).isEqualTo("ab");
    assertThat((LocalDate) r1.get(9)).isEqualTo(LocalDate.of(2008, 1, 4));
    assertThat((LocalDateTime) r1.get(10)).isEqualTo(LocalDateTime.of(2000, 1, 2, 12, 34, 56, 789_012_000));
    assertThat((Instant) r1.get(11)).isEqualTo(Instant.parse("2000-01-02T17:34:56.789012Z"));
    assertThat(r1.getString(12)).isEqualTo("04:05:06.500000");
    assertThat(r1.getString(13)).isEqualTo("02:05:06.000000+00:00");
    assertThat((byte[]) r1.get(14)).containsExactly(0x00, 0xff, 0x10);
    assertThat(r1.getString(15)).isEqualTo("{\"a\":[1,2],\"b\":\"x y\"}");
    Row r2 = rows.get(1);
    assertThat(r2.getFloat(4)).isNaN();
    assertThat(r2.getDouble(5)).isInfinite();
    assertThat(r2.getString(8)).isEqualTo("comma,quote\"back\\slash|pipe");
    assertThat((LocalDate) r2.get(9)).isEqualTo(LocalDate.of(1, 1, 1));
    assertThat((byte[]) r2.get(14)).isEmpty();
    Row r3 = rows.get(2);
    assertThat(r3.isNullAt(6)).isTrue();
    assertThat(r3.getString(7)).isEmpty();
    assertThat(r3.getString(8)).isEqualTo("line1\nline2\r\nend");
    assertThat(rows.get(3).getString(8)).isEmpty();
    assertThat(rows.get(3).isNullAt(1)).isTrue();
    assertThat(rows.get(4).getString(8)).isEqualTo("ünïcødé 🎉 日本\ttab");
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void timeColumnsBecomeSparkTimeWhenEnabled() {
    spark.conf().set("spark.sql.timeType.enabled", "true");
    try {
      Dataset<Row> df = read().option("query", "select t from spark_nasty where id = 1").load();
      assertThat(df.schema().fields()[0].dataType().typeName()).startsWith("time");
      assertThat(df.collectAsList().get(0).get(0)).isEqualTo(java.time.LocalTime.of(4, 5, 6, 500_000_000));
    } finally {
      spark.conf().set("spark.sql.timeType.enabled", "false");
    }
  }

  @Test
  void pushdownGivesTheSameResultsAsNoPushdown() {
    String[] filters = {
        "id = 17", "score > 500 and score <= 700", "label is null", "label is not null and id < 40",
        "label in ('label 3', 'label 4')", "label like 'label 1%'", "label like '%5'", "label like '%l 2%'",
        "not (score < 900) or id in (1, 2, 3)", "amount >= 12.25", "ratio = 1.5", "day = date '2024-01-15'",
        "at > timestamp_ntz '2024-01-01 00:30:00'", "at_tz < timestamp '2024-01-02 00:00:00 UTC'",
        "code = '1'", "code > '1'", "even", "label < 'label 2'"};
    for (String f : filters) {
      List<Row> pushed = read().option("dbtable", "spark_events").load().where(f).orderBy("id").collectAsList();
      List<Row> notPushed = read().option("dbtable", "spark_events").option("pushdown", "false").load()
          .where(f).orderBy("id").collectAsList();
      assertThat(pushed).as(f).isEqualTo(notPushed);
    }
    Dataset<Row> q = read().option("dbtable", "spark_events").load().where("score > 990 and label like 'label 1%'")
        .select("id", "label");
    String plan = q.queryExecution().executedPlan().toString();
    assertThat(plan).contains("tdr-redshift").contains("WHERE").contains("LEFT(\"label\", 7) = 'label 1'")
        .contains("SELECT \"id\", \"label\" FROM");
    q.collectAsList(); // the UNLOAD ran while the plan was made; the query's end deletes its files
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void limitsCountsAndColumnPruning() {
    Dataset<Row> df = read().option("query", "select * from spark_events").load();
    assertThat(df.count()).isEqualTo(5000);
    assertThat(df.limit(7).collectAsList()).hasSize(7);
    assertThat(df.select("label").where("label = 'label 5'").count()).isEqualTo(read()
        .option("pushdown", "false").option("query", "select * from spark_events").load()
        .where("label = 'label 5'").count());
    assertThat(read().option("query", "select 1 as a, 2 as a, 3 as b").load().columns())
        .containsExactly("a", "a_2", "b");
    assertThat(read().option("query", "select 1 as a, 2 as a, 3 as b").load().where("a_2 = 2").select("b")
        .collectAsList()).extracting(r -> r.getInt(0)).containsExactly(3);
  }

  @Test
  void emptyResultsOfBothEmulatorKinds() {
    for (EmptyUnload mode : EmptyUnload.values()) {
      emu.emptyUnload(mode);
      Dataset<Row> df = read().option("query", "select id, label from spark_events where id < 0").load();
      assertThat(df.collectAsList()).as(mode.name()).isEmpty();
      assertThat(df.columns()).containsExactly("id", "label");
    }
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void manyPartsGroupedIntoPartitions() throws Exception {
    try (RedshiftEmulator many = RedshiftEmulator.builder().slices(16).start();
        Connection c = many.backingConnection(); Statement s = c.createStatement()) {
      s.execute("create table t as select g as id from generate_series(1, 20000) g");
      Dataset<Row> onePerPart = spark.read().format("tdr-redshift").options(options(many))
          .option("dbtable", "t").option("target_partition_bytes", "1").load();
      assertThat(onePerPart.rdd().getNumPartitions()).isEqualTo(16);
      Dataset<Row> grouped = spark.read().format("tdr-redshift").options(options(many))
          .option("dbtable", "t").option("pushdown_aggregates", "false").load(); // Spark reads the rows
      assertThat(grouped.rdd().getNumPartitions()).isEqualTo(1);
      assertThat(grouped.agg(org.apache.spark.sql.functions.sum("id")).collectAsList().get(0).getLong(0))
          .isEqualTo(20000L * 20001 / 2);
    }
  }

  @ParameterizedTest(name = "columnar={0}")
  @ValueSource(booleans = {true, false})
  void transientS3ErrorsAreRetriedByTheTask(boolean columnar) {
    emu.faults().failS3(S3Operation.GET, "0001_part_00$", 6, 503); // more than the SDK's 5 attempts
    Dataset<Row> df = read().option("query", "select id, label from spark_events").option("target_partition_bytes", "1")
        .option("columnar", String.valueOf(columnar)).option("pushdown_aggregates", "false").load(); // Spark reads the rows
    assertThat(df.agg(org.apache.spark.sql.functions.sum("id"), org.apache.spark.sql.functions.count("label"))
        .collectAsList().get(0)).isEqualTo(org.apache.spark.sql.RowFactory.create(5000L * 5001 / 2, 4500L));
    assertThat(emu.faults().armedS3()).isZero();
    assertThat(leftovers()).isEmpty();
  }

  @ParameterizedTest(name = "columnar={0}")
  @ValueSource(booleans = {true, false})
  void aBodyBrokenOffInTheMiddleOfAPartIsResumedWhereItStopped(boolean columnar) {
    String sql = "select id, label, amount, at from spark_events";
    List<Row> clean = read().option("query", sql).option("columnar", String.valueOf(columnar)).load()
        .orderBy("id").collectAsList();
    emu.faults().cutS3Body("0002_part_00$", 40_000, 1);
    List<Row> resumed = read().option("query", sql).option("columnar", String.valueOf(columnar)).load()
        .orderBy("id").collectAsList();
    assertThat(emu.faults().armedS3()).isZero();
    assertThat(resumed).hasSize(5000).isEqualTo(clean);
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void aCorruptPartFailsTheJobWithAClearMessage() {
    emu.faults().damageNextUnload(PartDamage.corrupt(1, 0, "x".getBytes()));
    assertThatThrownBy(() -> read().option("query", "select id, score from spark_events").load().collectAsList())
        .hasMessageContaining("0001_part_00, line 1, column 1: column 'id' (INTEGER): 'x");
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void keepFilesKeepsThem() {
    read().option("query", "select 1 as x").option("keep_files", "true").load().collectAsList();
    List<String> kept = leftovers();
    assertThat(kept).isNotEmpty();
    try (PartStore store = PartStore.create(new S3Settings(emu.s3Endpoint(), true, emu.region(),
        emu.accessKeyId(), emu.secretAccessKey(), null), 1)) {
      for (String k : kept) {
        store.deletePrefix(new S3Uri(emu.bucket(), k));
      }
    }
  }

  @Test
  void existingManifestsCanBeRead() throws Exception {
    String prefix = emu.newTempPrefix();
    try (Connection c = java.sql.DriverManager.getConnection(emu.jdbcUrl(), emu.user(), emu.password());
        Statement s = c.createStatement()) {
      s.execute("UNLOAD ('select id, label, amount from spark_events where id <= 100') TO '" + prefix
          + "' IAM_ROLE default FORMAT CSV NULL AS 'NULL' MANIFEST VERBOSE");
    }
    Map<String, String> o = options(emu);
    o.remove("url");
    o.remove("tempdir");
    o.put("manifest", prefix + "manifest");
    o.put("null_as", "NULL");
    Dataset<Row> df = spark.read().format("tdr-redshift").options(o).load();
    assertThat(df.schema().simpleString()).isEqualTo("struct<id:int,label:string,amount:decimal(14,4)>");
    assertThat(df.count()).isEqualTo(100);
    assertThat(df.where("label is null").count()).isEqualTo(10);
    StructType given = new StructType().add("id", DataTypes.IntegerType).add("label", DataTypes.StringType)
        .add("amount", DataTypes.createDecimalType(14, 4));
    assertThat(spark.read().format("tdr-redshift").options(o).schema(given).load().select("id").count()).isEqualTo(100);
    waitForListeners();
    try (PartStore store = PartStore.create(new S3Settings(emu.s3Endpoint(), true, emu.region(),
        emu.accessKeyId(), emu.secretAccessKey(), null), 1)) {
      assertThat(store.list(S3Uri.parse(prefix))).isNotEmpty(); // never deleted: not ours
      store.deletePrefix(S3Uri.parse(prefix));
    }
  }

  @Test
  void userSchemasAreCheckedAgainstTheQuery() {
    StructType subset = new StructType().add("label", DataTypes.StringType).add("id", DataTypes.IntegerType);
    assertThat(read().option("dbtable", "spark_events").schema(subset).load().columns()).containsExactly("label", "id");
    StructType wrong = new StructType().add("id", DataTypes.StringType);
    assertThatThrownBy(() -> read().option("dbtable", "spark_events").schema(wrong).load())
        .hasMessageContaining("column 'id' is string but it is int");
    StructType missing = new StructType().add("nope", DataTypes.StringType);
    assertThatThrownBy(() -> read().option("dbtable", "spark_events").schema(missing).load())
        .hasMessageContaining("names column 'nope', which the query does not return");
  }

  @Test
  void wrongOptionsFailOnTheDriverNamingTheOption() {
    assertThatThrownBy(() -> read().option("tmpdir", "x").option("dbtable", "t").load())
        .hasMessageContaining("unknown tdr-redshift option 'tmpdir' (did you mean 'tempdir'?)");
    assertThatThrownBy(() -> spark.read().format("tdr-redshift").option("dbtable", "t").load())
        .hasMessageContaining("missing option 'url'");
    assertThatThrownBy(() -> read().option("dbtable", "t").option("query", "select 1").load())
        .hasMessageContaining("exactly one of the options 'dbtable', 'query' or 'manifest'");
    Map<String, String> o = options(emu);
    o.remove("temporary_aws_access_key_id");
    o.remove("temporary_aws_secret_access_key");
    assertThatThrownBy(() -> spark.read().format("tdr-redshift").options(o).option("dbtable", "t").load())
        .hasMessageContaining("aws_iam_role").hasMessageContaining("forward_spark_s3_credentials");
    assertThatThrownBy(() -> read().option("dbtable", "spark_events").option("keep_files", "yes").load())
        .hasMessageContaining("option 'keep_files' must be true or false, got 'yes'");
    assertThat(TdrSparkOptions.parse(Map.of("manifest", "s3://b/m", "password", "hunter2")).toString())
        .doesNotContain("hunter2");
  }

  @Test
  void snippetsInTheQueryOption(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("even_ids.sql"), "-- Even ids only.\nid % 2 = 0\n");
    Files.writeString(dir.resolve("more.yaml"), "top_labels:\n  sql: label IN ('label 1', 'label 2')\n");
    Dataset<Row> df = read().option("snippets", dir + "," + dir.resolve("more.yaml"))
        .option("query", "select id, label from spark_events where {{ even_ids }} and {{top_labels}}").load();
    List<Row> rows = df.orderBy("id").collectAsList();
    long expected = java.util.stream.IntStream.rangeClosed(1, 5000)
        .filter(g -> g % 2 == 0 && g % 10 != 0 && (g % 37 == 1 || g % 37 == 2)).count();
    assertThat(rows).hasSize((int) expected);
    assertThat(rows).allSatisfy(r -> assertThat(r.getInt(0) % 2).isZero());
    // rendered once, on the driver: what {% raw %} keeps is text
    assertThat(read().option("snippets", dir.toString()).option("query", "select '{% raw %}{{ even_ids }}{% endraw %}' as t")
        .load().collectAsList()).extracting(r -> r.getString(0)).containsExactly("{{ even_ids }}");
    assertThat(read().option("query", "select count(*) as n from spark_events where {{ missing }}")
        .option("snippets", dir.toString())).satisfies(reader ->
            assertThatThrownBy(reader::load).hasMessageContaining("unknown snippet or variable 'missing'"));
    assertThatThrownBy(() -> read().option("snippets", dir.toString())
        .option("query", "select count(*) from spark_events where label = {{ label | sql_literal }}").load())
        .hasMessageContaining("unknown snippet or variable 'label'");
    assertThatThrownBy(() -> read().option("dbtable", "spark_events").option("snippets", dir.toString()).load())
        .hasMessageContaining("option 'snippets' only applies to 'query'");
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void sparkSqlTemporaryViews() {
    Map<String, String> o = options(emu);
    StringBuilder opts = new StringBuilder();
    o.forEach((k, v) -> opts.append(opts.length() == 0 ? "" : ", ").append(k).append(" '").append(v).append("'"));
    spark.sql("CREATE OR REPLACE TEMPORARY VIEW events_view USING `tdr-redshift` OPTIONS (" + opts
        + ", dbtable 'spark_events')");
    assertThat(spark.sql("select count(*) from events_view where even").collectAsList().get(0).getLong(0))
        .isEqualTo(2500);
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void partitionsAndReaderFactoriesSurviveJavaSerialization() throws Exception {
    TdrPartition p = new TdrPartition(3, List.of(new Manifest.Entry("s3://b/run/0000_part_00", 10, 2),
        new Manifest.Entry("s3://b/run/0001_part_00", 12, 3)));
    assertThat(roundTrip(p)).isEqualTo(p);
    Dataset<Row> df = read().option("query", "select id from spark_events where id < 3").load();
    var scan = (org.apache.spark.sql.execution.datasources.v2.BatchScanExec) df.queryExecution().executedPlan()
        .collectLeaves().head();
    Object factory = roundTrip(scan.scan().toBatch().createReaderFactory());
    assertThat(factory).isInstanceOf(TdrReaderFactory.class);
    assertThat(df.collectAsList()).hasSize(2);
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T value) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }

  @Test
  void repeatingAnActionOnTheSameDatasetSaysTheFilesAreGone() {
    Dataset<Row> df = read().option("query", "select id from spark_events where id <= 10").load();
    assertThat(df.collectAsList()).hasSize(10);
    waitForListeners();
    assertThatThrownBy(df::collectAsList)
        .hasMessageContaining("TDR deletes a scan's files when the Spark query that read them ends");
    assertThat(df.count()).isEqualTo(10); // a new action plans (and UNLOADs) again
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void earlyStopClosesStreams() {
    List<Row> first = read().option("query", "select id from spark_events").option("target_partition_bytes", "1")
        .option("pushdown", "false").load().limit(3).collectAsList();
    assertThat(first).hasSize(3);
  }
}
