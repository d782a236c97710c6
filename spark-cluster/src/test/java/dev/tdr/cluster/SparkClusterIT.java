package dev.tdr.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tdr.core.s3.PartStore;
import dev.tdr.core.s3.S3Settings;
import dev.tdr.core.s3.S3Uri;
import dev.tdr.testkit.Fixtures;
import dev.tdr.testkit.RedshiftEmulator;
import dev.tdr.testkit.RedshiftEmulatorExtension;
import dev.tdr.testkit.S3Operation;
import dev.tdr.testkit.s3.S3Faults;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The connector on a real Spark standalone cluster (a master and two workers, each executor its
 * own JVM), with jobs submitted by {@code spark-submit} exactly as docs/spark.md shows them (the
 * page's marked blocks are what runs), against the emulator: every nasty value exact, the parts
 * read by executors, and a task whose executor is killed in the middle of a part retried on
 * another executor with an exact result and the files deleted once, at the end.
 *
 * <p>Run alone: {@code mvn -B verify -pl spark-cluster -am -Dit.test=SparkClusterIT -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false}.
 */
@ExtendWith(RedshiftEmulatorExtension.class)
class SparkClusterIT {
  private static final Duration JOB = Duration.ofMinutes(5);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The nasty-values table (Fixtures.nastyValues) as Spark must return it, rendered by {@link #render}. */
  private static final List<String> NASTY = List.of(
      "1 | 32767 | 9223372036854775807 | 1234567890123456789012345678.0123456789 | 3.4028235E38"
          + " | 1.7976931348623157E308 | true | \"ab\" | \"plain\" | 2008-01-04 | 2000-01-02T12:34:56.789012"
          + " | 2000-01-02T17:34:56.789012Z | \"04:05:06.500000\" | \"02:05:06.000000+00:00\" | 0x00ff10"
          + " | \"{\\\"a\\\":[1,2],\\\"b\\\":\\\"x y\\\"}\"",
      "2 | -32768 | -9223372036854775808 | -0.0000000001 | NaN | Infinity | false | \"abcde\""
          + " | \"comma,quote\\\"back\\\\slash|pipe\" | 0001-01-01 | 1999-12-31T23:59:59 | 1970-01-01T00:00:00Z"
          + " | \"00:00:00.000000\" | \"23:59:59.999999+00:00\" | 0x | \"\\\"str\\\"\"",
      "3 | 0 | 0 | 0.0000000000 | -Infinity | 4.9E-324 | NULL | \"\" | \"line1\\nline2\\r\\nend\" | 9999-12-31"
          + " | 2024-02-29T00:00:00.100 | 2024-06-30T21:00:00Z | \"12:00:00.000000\" | \"15:30:00.000000+00:00\""
          + " | NULL | \"null\"",
      "4 | NULL | NULL | NULL | NULL | NULL | NULL | NULL | \"\" | NULL | NULL | NULL | NULL | NULL | NULL | NULL",
      "5 | NULL | NULL | NULL | NULL | NULL | NULL | NULL | \"ünïcødé 🎉 日本\\ttab\" | NULL | NULL | NULL | NULL"
          + " | NULL | NULL | \"{\\\"emoji\\\":\\\"🎉\\\",\\\"esc\\\":\\\"a\\\\\\\"b\\\"}\"");
  private static final String NASTY_SCHEMA = "struct<id:int,i2:smallint,i8:bigint,num:decimal(38,10),r:float,"
      + "d:double,b:boolean,c:string,v:string,dt:date,ts:timestamp_ntz,tstz:timestamp,t:string,ttz:string,"
      + "vb:binary,s:string>";

  private static RedshiftEmulator emu;
  private static StandaloneCluster cluster;
  private static Map<String, String> docs;
  private static Path jobs;
  private static SparkSession local;

  @BeforeAll
  static void start(RedshiftEmulator emulator) throws Exception {
    emu = emulator;
    try (Connection c = emu.backingConnection(); Statement s = c.createStatement()) {
      Fixtures.nastyValues(c, "nasty_values");
      s.execute("drop table if exists cluster_events");
      s.execute("create table cluster_events as select g as id, 'event \"' || g || '\", a,b|c' || chr(10)"
          + " || repeat('é', g % 40) as label, (g * 0.01)::numeric(12,2) as amount,"
          + " timestamp '2024-01-01' + (g || ' seconds')::interval as at from generate_series(1, 40000) g");
    }
    docs = DocBlocks.read(Path.of(System.getProperty("tdr.cluster.docs")));
    assertThat(docs).containsKeys("RedshiftToParquet.java", "submit-java", "nasty.sql", "submit-sql");
    Path work = Path.of(System.getProperty("tdr.cluster.work"));
    deleteTree(work);
    jobs = work.resolve("jobs");
    Files.createDirectories(jobs);
    Files.writeString(jobs.resolve("RedshiftToParquet.java"), docs.get("RedshiftToParquet.java"));
    Files.writeString(jobs.resolve("nasty.sql"), docs.get("nasty.sql"));
    cluster = StandaloneCluster.start(Path.of(System.getProperty("tdr.cluster.sparkHome")), work, 2);
    local = SparkSession.builder().master("local[1]").appName("cluster-test-checks")
        .config("spark.ui.enabled", "false").config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.datetime.java8API.enabled", "true").getOrCreate();
  }

  @AfterAll
  static void stop() throws IOException {
    try {
      if (cluster != null) {
        cluster.close();
        assertNoSecretsUnder(cluster.work);
      }
    } finally {
      if (local != null) {
        local.stop();
      }
    }
  }

  /** What a job's shell gets besides SPARK_HOME: the emulator's settings, the jars. */
  private static Map<String, String> jobEnv() {
    Map<String, String> env = new LinkedHashMap<>(emu.environment());
    env.put("TDR_JAR", System.getProperty("tdr.cluster.connectorJar"));
    env.put("TDR_SQL_RUNNER", System.getProperty("tdr.cluster.runnerJar"));
    return env;
  }

  @Test
  void theJavaJobOfTheDocsReadsEveryNastyValueOnExecutors() throws Exception {
    LoggedProcess job = cluster.shell("java-job", docs.get("submit-java"), jobs, jobEnv());
    assertThat(job.waitFor(JOB)).as("spark-submit of the docs' Java job; its end:\n%s", job.tail(60)).isZero();
    Dataset<Row> out = local.read().parquet(jobs.resolve("out/nasty-java").toString());
    assertThat(out.schema().simpleString()).isEqualTo(NASTY_SCHEMA);
    assertThat(rendered(out, "id")).containsExactlyElementsOf(NASTY);
    assertReadByExecutorsOnly(job);
    assertThat(leftovers()).as("the run's files are deleted when the job's query ends").isEmpty();
  }

  @Test
  void theSqlFileOfTheDocsRunsOnTheCluster() throws Exception {
    LoggedProcess job = cluster.shell("sql-job", docs.get("submit-sql"), jobs, jobEnv());
    assertThat(job.waitFor(JOB)).as("spark-submit of the docs' SQL file; its end:\n%s", job.tail(60)).isZero();
    // the SELECT's row: 5 rows, 5 texts (NULL is not one), 1 empty text (the empty string is not NULL)
    assertThat(job.matches(Pattern.compile("^5\t5\t1$"))).as(job.tail(60)).hasSize(1);
    Dataset<Row> out = local.read().parquet(jobs.resolve("out/nasty-sql").toString());
    assertThat(out.schema().simpleString()).isEqualTo(NASTY_SCHEMA);
    assertThat(rendered(out, "id")).containsExactlyElementsOf(NASTY);
    assertReadByExecutorsOnly(job);
    assertThat(leftovers()).isEmpty();
  }

  /**
   * One part's GET is held; the executor JVM reading it is killed; Spark runs the task again on
   * another executor, which reads the part again: the result is exact, and the run's files are
   * deleted once, when the query ends (not when the executor is lost).
   */
  @Test
  void aKilledExecutorsTaskIsRetriedOnAnotherAndTheResultIsExact() throws Exception {
    S3Faults.Hold hold = emu.faults().holdS3(S3Operation.GET, "/0002_part_00$");
    String submit = String.join("\n",
        "test -f redshift-to-parquet.jar || { " + buildLinesOf(docs.get("submit-java")) + "; }",
        "\"$SPARK_HOME/bin/spark-submit\" --master \"$SPARK_MASTER\" --jars \"$TDR_JAR\" \\",
        "  --class example.RedshiftToParquet redshift-to-parquet.jar \\",
        "  \"select * from cluster_events\" out/events target_partition_bytes=1");
    LoggedProcess job = cluster.shell("executor-loss", submit, jobs, jobEnv());
    try {
      assertThat(hold.awaitHeld(JOB)).as("a GET of the third part was held; the job says:\n%s", job.tail(40)).isTrue();
      String part = hold.key();
      String runPrefix = part.substring(0, part.lastIndexOf('/') + 1);
      List<String> parts = manifestKeys(runPrefix);
      int partition = parts.indexOf(part);
      assertThat(partition).as("the held part %s is in the manifest %s", part, parts).isGreaterThanOrEqualTo(0);

      // Spark's scheduler log names the executor each task was sent to
      Matcher first = job.await(Pattern.compile("Starting task " + partition + "\\.0 in stage (\\d+)\\.0 \\(TID \\d+\\) "
          + "\\([^,]*,\\s*executor (\\S+), partition " + partition + ","), Duration.ofMinutes(1));
      String stage = first.group(1);
      String executor = first.group(2);
      ProcessHandle victim = executorProcess(appId(job), executor);
      assertThat(victim.pid()).isNotEqualTo(job.pid()).isNotEqualTo(ProcessHandle.current().pid());
      victim.destroyForcibly();
      victim.onExit().get(1, TimeUnit.MINUTES);
      hold.release(); // the held request's client is gone; the retry's GET is not held

      Matcher retry = job.await(Pattern.compile("Starting task " + partition + "\\.1 in stage " + stage
          + "\\.0 \\(TID \\d+\\) \\([^,]*,\\s*executor (\\S+),"), JOB);
      assertThat(retry.group(1)).as("the retry runs on another executor").isNotEqualTo(executor);
      assertThat(job.waitFor(JOB)).as("the job after the executor loss; its end:\n%s", job.tail(60)).isZero();
      assertThat(job.output()).contains("Lost executor " + executor);

      Dataset<Row> out = local.read().parquet(jobs.resolve("out/events").toString());
      assertThat(rendered(out, "id")).isEqualTo(jdbcRendered("select * from cluster_events order by id"));
      assertThat(emu.faults().s3Requests(S3Operation.GET, Pattern.quote(part) + "$"))
          .as("the part was read again by the retry").isGreaterThanOrEqualTo(2);
      assertThat(leftovers()).isEmpty();
      for (String p : parts) {
        assertThat(emu.faults().s3Requests(S3Operation.DELETE, Pattern.quote(p) + "$")).as("deletes of " + p).isEqualTo(1);
      }
      assertThat(emu.faults().s3Requests(S3Operation.DELETE, Pattern.quote(runPrefix) + "manifest$")).isEqualTo(1);
    } finally {
      hold.release();
      job.close();
    }
  }

  /** The lines of a docs block before its spark-submit: what builds the job's jar. */
  private static String buildLinesOf(String block) {
    return block.substring(0, block.indexOf("\"$SPARK_HOME/bin/spark-submit\"")).strip().replace("\n", "; ");
  }

  private static String appId(LoggedProcess job) {
    return job.await(Pattern.compile("Connected to Spark cluster with app ID (app-\\S+)"), Duration.ofMinutes(1)).group(1);
  }

  /** The JVM of executor {@code id} of {@code app}, found by its command line. */
  private static ProcessHandle executorProcess(String app, String id) {
    List<ProcessHandle> found = ProcessHandle.allProcesses().filter(p -> {
      List<String> args = List.of(p.info().arguments().orElse(new String[0]));
      int e = args.indexOf("--executor-id");
      int a = args.indexOf("--app-id");
      return args.contains("org.apache.spark.executor.CoarseGrainedExecutorBackend") && e >= 0 && a >= 0
          && args.get(e + 1).equals(id) && args.get(a + 1).equals(app);
    }).toList();
    assertThat(found).as("the JVM of executor %s of %s", id, app).hasSize(1);
    return found.get(0);
  }

  /**
   * Every task of the application ran on an executor (not in the driver), each executor in a JVM
   * of its own whose directory the worker kept; from Spark's event log.
   */
  private static void assertReadByExecutorsOnly(LoggedProcess job) throws IOException {
    String app = appId(job);
    Path log = cluster.work.resolve("events").resolve(app);
    assertThat(log).as("the event log of %s", app).exists();
    Set<String> executors = new TreeSet<>();
    List<String> taskExecutors = new ArrayList<>();
    String driver = null;
    for (String line : Files.readAllLines(log)) {
      JsonNode e = JSON.readTree(line);
      switch (e.path("Event").asText()) {
        case "SparkListenerExecutorAdded" -> executors.add(e.path("Executor ID").asText());
        case "SparkListenerBlockManagerAdded" -> {
          if ("driver".equals(e.at("/Block Manager ID/Executor ID").asText())) {
            driver = "driver";
          }
        }
        case "SparkListenerTaskEnd" -> {
          if ("Success".equals(e.at("/Task End Reason/Reason").asText())) {
            taskExecutors.add(e.at("/Task Info/Executor ID").asText());
          }
        }
        default -> { }
      }
    }
    assertThat(driver).as("the driver's block manager is in the log").isEqualTo("driver");
    assertThat(taskExecutors).as("tasks that read the parts").isNotEmpty().doesNotContain("driver");
    assertThat(executors).as("executors added").containsAll(taskExecutors).doesNotContain("driver");
    for (String id : new TreeSet<>(taskExecutors)) {
      boolean kept = cluster.workerDirs().stream().anyMatch(w -> Files.isDirectory(w.resolve(app).resolve(id)));
      assertThat(kept).as("a worker ran executor %s of %s in a JVM of its own", id, app).isTrue();
    }
  }

  private static List<String> rendered(Dataset<Row> df, String orderBy) {
    List<String> out = new ArrayList<>();
    for (Row r : df.orderBy(orderBy).collectAsList()) {
      List<String> cells = new ArrayList<>();
      for (int i = 0; i < r.length(); i++) {
        cells.add(render(r.get(i)));
      }
      out.add(String.join(" | ", cells));
    }
    return out;
  }

  /** The rows of {@code sql} through the Redshift JDBC driver, rendered as {@link #rendered}. */
  private static List<String> jdbcRendered(String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = java.sql.DriverManager.getConnection(emu.jdbcUrl(), emu.user(), emu.password());
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        List<String> cells = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          Object v = md.getColumnType(i) == java.sql.Types.TIMESTAMP ? rs.getObject(i, LocalDateTime.class) : rs.getObject(i);
          cells.add(render(v));
        }
        out.add(String.join(" | ", cells));
      }
    }
    return out;
  }

  /** One value, exactly: strings quoted and escaped, binary in hex, decimals plain, times ISO. */
  static String render(Object v) {
    if (v == null) {
      return "NULL";
    }
    if (v instanceof byte[] b) {
      return "0x" + HexFormat.of().formatHex(b);
    }
    if (v instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (v instanceof String s) {
      return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r")
          .replace("\t", "\\t") + '"';
    }
    return v.toString();
  }

  /** The part keys of the manifest of the run under {@code runPrefix} (a key in the emulator's bucket). */
  private static List<String> manifestKeys(String runPrefix) throws IOException {
    try (PartStore store = PartStore.create(s3(), 1)) {
      byte[] json = store.readIfExists(S3Uri.parse("s3://" + emu.bucket() + "/" + runPrefix + "manifest")).orElseThrow();
      List<String> keys = new ArrayList<>();
      for (JsonNode e : JSON.readTree(json).path("entries")) {
        String url = e.path("url").asText();
        keys.add(url.substring(("s3://" + emu.bucket() + "/").length()));
      }
      return keys;
    }
  }

  private static S3Settings s3() {
    return new S3Settings(emu.s3Endpoint(), true, emu.region(), emu.accessKeyId(), emu.secretAccessKey(), null);
  }

  /** TDR run prefixes left under the emulator's temp dir. */
  private static List<String> leftovers() {
    try (PartStore store = PartStore.create(s3(), 1)) {
      return store.list(S3Uri.parse(emu.tempDir())).stream().filter(k -> k.matches(".*/\\d{8}-\\d{6}-.*")).toList();
    }
  }

  /** Neither the password nor the secret key is in any log, event log or executor output of the cluster. */
  private static void assertNoSecretsUnder(Path dir) throws IOException {
    List<String> secrets = List.of(emu.password(), emu.secretAccessKey());
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".parquet")
          && !f.toString().endsWith(".jar") && !f.toString().endsWith(".class")).toList()) {
        String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        for (String s : secrets) {
          assertThat(text.contains(s)).as("a secret in %s", f).isFalse();
        }
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
