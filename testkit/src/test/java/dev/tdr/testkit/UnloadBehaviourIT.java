package dev.tdr.testkit;

import static dev.tdr.testkit.Clients.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** UNLOAD semantics through the real driver: slices, order, naming, destinations, sessions. */
@ExtendWith(RedshiftEmulatorExtension.class)
class UnloadBehaviourIT {
  private static S3Client s3;
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void fixture(RedshiftEmulator emu) throws Exception {
    s3 = Clients.s3(emu);
    try (Connection c = emu.backingConnection(); Statement s = c.createStatement()) {
      s.execute("drop table if exists numbers");
      s.execute("create table numbers as select g as n, 'row ' || g as label from generate_series(1, 1000) g");
    }
  }

  @AfterAll
  static void close() {
    s3.close();
  }

  private static String run(RedshiftEmulator emu, String query, String options) throws SQLException {
    String prefix = emu.newTempPrefix();
    try (Connection c = Clients.redshift(emu); Statement s = c.createStatement()) {
      s.execute(Clients.unload(emu, query, prefix, options));
    }
    return prefix;
  }

  private static List<String> names(RedshiftEmulator emu, String prefix) {
    List<String> out = new ArrayList<>();
    for (String k : Clients.keys(s3, emu.bucket(), key(prefix))) {
      out.add(k.substring(key(prefix).length()));
    }
    return out;
  }

  private static JsonNode manifest(RedshiftEmulator emu, String prefix) throws Exception {
    return JSON.readTree(Clients.text(s3, emu.bucket(), key(prefix) + "manifest"));
  }

  /** Part contents in manifest order. */
  private static String partsInManifestOrder(RedshiftEmulator emu, String prefix) throws Exception {
    StringBuilder sb = new StringBuilder();
    for (JsonNode e : manifest(emu, prefix).get("entries")) {
      sb.append(Clients.text(s3, emu.bucket(), key(e.get("url").asText())));
    }
    return sb.toString();
  }

  private static String sortedNumbers(int from, int to) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i <= to; i++) {
      sb.append(i).append(",row ").append(i).append('\n');
    }
    return sb.toString();
  }

  @Test
  void parallelOnSpreadsRowsOverSlicesAndDoesNotKeepOrder(RedshiftEmulator emu) throws Exception {
    String prefix = run(emu, "select * from numbers order by n", "CSV MANIFEST");
    assertThat(names(emu, prefix))
        .containsExactly("0000_part_00", "0001_part_00", "0002_part_00", "0003_part_00", "manifest");
    String content = partsInManifestOrder(emu, prefix);
    String sorted = sortedNumbers(1, 1000);
    assertThat(content).isNotEqualTo(sorted);
    String[] lines = content.split("\n");
    Arrays.sort(lines, (a, b) -> Integer.compare(Integer.parseInt(a.split(",")[0]), Integer.parseInt(b.split(",")[0])));
    assertThat(String.join("\n", lines) + "\n").isEqualTo(sorted);
  }

  @Test
  void parallelOffWritesSeriallyInOrder(RedshiftEmulator emu) throws Exception {
    String prefix = run(emu, "select * from numbers order by n desc", "CSV PARALLEL OFF MANIFEST");
    assertThat(names(emu, prefix)).containsExactly("000", "manifest");
    String content = Clients.text(s3, emu.bucket(), key(prefix) + "000");
    assertThat(content).startsWith("1000,row 1000\n999,row 999\n").endsWith("2,row 2\n1,row 1\n");
  }

  @Test
  void maxFileSizeSplitsPartsPerSlice(RedshiftEmulator emu) throws Exception {
    // ~24 MB of rows: more than 5 MB per slice
    String query = "select g as n, repeat('x', 90) as pad from generate_series(1, 240000) g order by g";
    String on = run(emu, query, "CSV MAXFILESIZE 5 MB MANIFEST VERBOSE");
    List<String> parts = names(emu, on);
    assertThat(parts).contains("0000_part_00", "0000_part_01", "0003_part_00", "0003_part_01", "manifest");
    long rows = 0;
    for (JsonNode e : manifest(emu, on).get("entries")) {
      assertThat(e.at("/meta/content_length").asLong()).isLessThanOrEqualTo(5L * 1024 * 1024);
      rows += e.at("/meta/record_count").asLong();
    }
    assertThat(rows).isEqualTo(240000);

    String off = run(emu, query, "CSV MAXFILESIZE 5 MB PARALLEL OFF MANIFEST");
    assertThat(names(emu, off)).startsWith("000", "001", "002", "003").endsWith("manifest");
    String content = partsInManifestOrder(emu, off);
    assertThat(content).startsWith("1,xxx").endsWith("240000," + "x".repeat(90) + "\n");
    assertThat(content.split("\n")).hasSize(240000);
  }

  @Test
  void headerStartsEveryPartAndCountsAsARecord(RedshiftEmulator emu) throws Exception {
    String prefix = run(emu, "select n, label from numbers", "CSV HEADER MANIFEST VERBOSE");
    long dataRows = 0;
    for (JsonNode e : manifest(emu, prefix).get("entries")) {
      String part = Clients.text(s3, emu.bucket(), key(e.get("url").asText()));
      assertThat(part).startsWith("n,label\n");
      long lines = part.lines().count();
      assertThat(e.at("/meta/record_count").asLong()).isEqualTo(lines);
      dataRows += lines - 1;
    }
    assertThat(dataRows).isEqualTo(1000);
    assertThat(manifest(emu, prefix).at("/meta/record_count").asLong()).isEqualTo(1004);
  }

  @Test
  void nonEmptyDestinationIsRejectedUnlessAllowed(RedshiftEmulator emu) throws Exception {
    String prefix = run(emu, "select 1", "CSV");
    try (Connection c = Clients.redshift(emu); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.execute(Clients.unload(emu, "select 2", prefix, "CSV")))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("Specified unload destination on S3 is not empty")
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("XX000"));
      s.execute(Clients.unload(emu, "select 2", prefix, "CSV ALLOWOVERWRITE"));
      assertThat(Clients.concatenated(s3, emu, prefix, true)).isEqualTo("2\n");

      s3.putObject(b -> b.bucket(emu.bucket()).key(key(prefix) + "stale-extra"), RequestBody.fromString("old"));
      s.execute(Clients.unload(emu, "select 3", prefix, "CSV CLEANPATH"));
      assertThat(names(emu, prefix)).containsExactly("0000_part_00");
      assertThat(Clients.concatenated(s3, emu, prefix, true)).isEqualTo("3\n");
    }
  }

  @Test
  void zeroRowsWithoutFiles(RedshiftEmulator emu) throws Exception {
    emu.emptyUnload(EmptyUnload.NO_FILES);
    String prefix = emu.newTempPrefix();
    try (Connection c = Clients.redshift(emu); Statement s = c.createStatement()) {
      s.execute(Clients.unload(emu, "select * from numbers where n < 0", prefix, "CSV MANIFEST VERBOSE"));
      assertThat(Clients.warning(s)).isEqualTo("UNLOAD completed, 0 record(s) unloaded successfully.");
      assertThat(Clients.rows(c, "select pg_last_unload_count()")).containsExactly(List.of("0"));
    }
    assertThat(names(emu, prefix)).isEmpty();
  }

  @Test
  void zeroRowsWithEmptyParts(RedshiftEmulator emu) throws Exception {
    emu.emptyUnload(EmptyUnload.EMPTY_PARTS);
    String prefix = run(emu, "select * from numbers where n < 0", "CSV MANIFEST VERBOSE");
    assertThat(names(emu, prefix))
        .containsExactly("0000_part_00", "0001_part_00", "0002_part_00", "0003_part_00", "manifest");
    JsonNode m = manifest(emu, prefix);
    assertThat(m.get("entries")).hasSize(4);
    assertThat(m.at("/meta/record_count").asLong()).isZero();
    assertThat(m.at("/meta/content_length").asLong()).isZero();
    assertThat(Clients.bytes(s3, emu.bucket(), key(prefix) + "0002_part_00")).isEmpty();

    String withHeader = run(emu, "select * from numbers where n < 0", "CSV HEADER MANIFEST VERBOSE");
    assertThat(Clients.text(s3, emu.bucket(), key(withHeader) + "0001_part_00")).isEqualTo("n,label\n");
    assertThat(manifest(emu, withHeader).at("/meta/record_count").asLong()).isEqualTo(4);
  }

  @Test
  void noticeCommandTagAndPerSessionCount(RedshiftEmulator emu) throws Exception {
    try (Connection a = Clients.redshift(emu); Connection b = Clients.redshift(emu);
        Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
      assertThat(Clients.rows(a, "select pg_last_unload_count()")).containsExactly(List.of("0"));
      boolean resultSet = sa.execute(Clients.unload(emu, "select n from numbers where n <= 3", emu.newTempPrefix(), "CSV"));
      assertThat(resultSet).isFalse();
      assertThat(sa.getResultSet()).isNull();
      assertThat(Clients.warning(sa)).isEqualTo("UNLOAD completed, 3 record(s) unloaded successfully.");
      sb.execute(Clients.unload(emu, "select n from numbers where n <= 5", emu.newTempPrefix(), "CSV"));
      assertThat(Clients.rows(a, "select pg_last_unload_count()")).containsExactly(List.of("3"));
      assertThat(Clients.rows(b, "select pg_last_unload_count()")).containsExactly(List.of("5"));
    }
  }

  @Test
  void everyAuthorizationFormAndRedshiftLikeS3Errors(RedshiftEmulator emu) throws Exception {
    try (Connection c = Clients.redshift(emu); Statement s = c.createStatement()) {
      String p1 = emu.newTempPrefix();
      s.execute("UNLOAD ('select 1') TO '" + p1 + "' IAM_ROLE 'arn:aws:iam::123456789012:role/Unload' CSV");
      String p2 = emu.newTempPrefix();
      s.execute("UNLOAD ('select 2') TO '" + p2 + "' CREDENTIALS 'aws_access_key_id=" + emu.accessKeyId()
          + ";aws_secret_access_key=" + emu.secretAccessKey() + ";token=session' CSV");
      String p3 = emu.newTempPrefix();
      s.execute("unload ('select 3') to '" + p3 + "' with credentials as 'aws_iam_role=arn:aws:iam::123456789012:role/R' csv");
      assertThat(Clients.concatenated(s3, emu, p1, true) + Clients.concatenated(s3, emu, p2, true)
          + Clients.concatenated(s3, emu, p3, true)).isEqualTo("1\n2\n3\n");

      assertThatThrownBy(() -> s.execute("UNLOAD ('select 1') TO '" + emu.newTempPrefix() + "' ACCESS_KEY_ID '"
          + emu.accessKeyId() + "' SECRET_ACCESS_KEY 'wrong-secret'"))
          .hasMessageContaining("S3ServiceException:The request signature we calculated does not match")
          .hasMessageContaining("Status 403,Error SignatureDoesNotMatch")
          .hasMessageNotContaining("wrong-secret");
      assertThatThrownBy(() -> s.execute("UNLOAD ('select 1') TO 's3://no-such-bucket/x/' IAM_ROLE default"))
          .hasMessageContaining("Status 404,Error NoSuchBucket");
      assertThatThrownBy(() -> s.execute("UNLOAD ('select 1') TO '" + emu.newTempPrefix()
          + "' IAM_ROLE default REGION 'ap-south-1'"))
          .hasMessageContaining("Error PermanentRedirect");
    }
  }

  @Test
  void innerQueryIsDecodedFromItsLiteral(RedshiftEmulator emu) throws Exception {
    // The statement text below is what a client sends after escaping: quotes doubled, backslashes doubled.
    String prefix = emu.newTempPrefix();
    try (Connection c = Clients.redshift(emu); Statement s = c.createStatement()) {
      s.execute("UNLOAD ('select ''it''''s'' as a, ''back\\\\\\\\slash'' as b, ''tab\\\\there'' as c') TO '"
          + prefix + "' IAM_ROLE default CSV PARALLEL OFF");
    }
    assertThat(Clients.concatenated(s3, emu, prefix, true)).isEqualTo("it's,back\\slash,tab\there\n");
  }

  @Test
  void sessionStateIsVisibleAndFailuresAbortTheTransaction(RedshiftEmulator emu) throws Exception {
    try (Connection c = Clients.redshift(emu)) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("create temp table pending (a int)");
        s.execute("insert into pending values (1), (2), (3)");
        String prefix = emu.newTempPrefix();
        s.execute(Clients.unload(emu, "select a from pending order by a", prefix, "CSV PARALLEL OFF"));
        assertThat(Clients.concatenated(s3, emu, prefix, true)).isEqualTo("1\n2\n3\n");
        assertThatThrownBy(() -> s.execute(Clients.unload(emu, "select a from pending limit 1", emu.newTempPrefix(), "CSV")))
            .hasMessageContaining("Limit clause");
        assertThatThrownBy(() -> s.execute("select 1"))
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("25P02"));
      }
      c.rollback();
      assertThat(Clients.rows(c, "select 42")).containsExactly(List.of("42"));
    }
  }

  @Test
  void limitOnlyInsideSubqueriesAndCtes(RedshiftEmulator emu) throws Exception {
    try (Connection c = Clients.redshift(emu); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.execute(Clients.unload(emu, "select * from numbers order by n limit 5", emu.newTempPrefix(), "CSV")))
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("0A000"));
      String cte = emu.newTempPrefix();
      s.execute(Clients.unload(emu, "with r as (select * from numbers order by n limit 5) select * from r", cte, "CSV"));
      assertThat(Clients.warning(s)).contains("5 record(s)");
      String sub = emu.newTempPrefix();
      s.execute(Clients.unload(emu, "select * from (select * from numbers order by n desc limit 2) q", sub, "CSV PARALLEL OFF"));
      assertThat(Clients.concatenated(s3, emu, sub, true)).hasLineCount(2);
    }
  }

  @Test
  void simpleProtocolPreparedStatementsAndMultiStatementQueries(RedshiftEmulator emu) throws Exception {
    Properties simple = Clients.noRingBuffer();
    simple.setProperty("preferQueryMode", "simple");
    try (Connection c = Clients.redshift(emu, simple); Statement s = c.createStatement()) {
      String prefix = emu.newTempPrefix();
      assertThat(s.execute(Clients.unload(emu, "select n from numbers where n <= 2 order by n", prefix, "CSV PARALLEL OFF")))
          .isFalse();
      assertThat(Clients.warning(s)).contains("2 record(s)");
      assertThat(Clients.concatenated(s3, emu, prefix, true)).isEqualTo("1\n2\n");

      String multi = emu.newTempPrefix();
      assertThat(s.execute("select 5; " + Clients.unload(emu, "select 7", multi, "CSV") + "; select 6")).isTrue();
      try (ResultSet rs = s.getResultSet()) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(5);
      }
      assertThat(s.getMoreResults()).isFalse();
      assertThat(s.getMoreResults()).isTrue();
      assertThat(Clients.concatenated(s3, emu, multi, true)).isEqualTo("7\n");
      assertThat(Clients.rows(c, "select pg_last_unload_count()")).containsExactly(List.of("1"));
    }
    // extended protocol, statement prepared once and run past the driver's server-prepare threshold
    try (Connection c = Clients.redshift(emu, Clients.noRingBuffer());
        PreparedStatement ps = c.prepareStatement(Clients.unload(emu, "select n from numbers where n = 9",
            emu.tempDir() + "prepared-run/", "CSV ALLOWOVERWRITE"))) {
      for (int i = 0; i < 7; i++) {
        assertThat(ps.execute()).isFalse();
        assertThat(Clients.warning(ps)).contains("1 record(s)");
        ps.clearWarnings();
      }
    }
  }

  @Test
  void batchesPipelineUnloadBetweenOtherStatements(RedshiftEmulator emu) throws Exception {
    String prefix = emu.newTempPrefix();
    try (Connection c = Clients.redshift(emu, Clients.noRingBuffer()); Statement s = c.createStatement()) {
      s.execute("create temp table piped (a int)");
      s.addBatch("insert into piped values (1)");
      s.addBatch("insert into piped values (2)");
      s.addBatch(Clients.unload(emu, "select a from piped order by a", prefix, "CSV PARALLEL OFF"));
      s.addBatch("insert into piped values (3)");
      s.executeBatch();
      assertThat(Clients.concatenated(s3, emu, prefix, true)).isEqualTo("1\n2\n");
      assertThat(Clients.rows(c, "select count(*) from piped")).containsExactly(List.of("3"));

      // an earlier failure in the pipeline means the UNLOAD never runs
      String skipped = emu.newTempPrefix();
      s.addBatch("insert into no_such_table values (1)");
      s.addBatch(Clients.unload(emu, "select 1", skipped, "CSV"));
      assertThatThrownBy(s::executeBatch).isInstanceOf(SQLException.class);
      assertThat(names(emu, skipped)).isEmpty();
      assertThat(Clients.rows(c, "select 1")).containsExactly(List.of("1"));
    }
  }

  @Test
  void innerQueryErrorsComeBackAsTheyAre(RedshiftEmulator emu) throws Exception {
    try (Connection c = Clients.redshift(emu); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.execute(Clients.unload(emu, "select * from missing_table", emu.newTempPrefix(), "CSV")))
          .hasMessageContaining("relation \"missing_table\" does not exist")
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42P01"));
      assertThatThrownBy(() -> s.execute(Clients.unload(emu, "delete from numbers where false", emu.newTempPrefix(), "CSV")))
          .hasMessageContaining("needs a query that returns rows");
      assertThatThrownBy(() -> s.execute(Clients.unload(emu, "select 1", emu.newTempPrefix(), "CSV ESCAPE")))
          .hasMessageContaining("ESCAPE is not compatible with CSV");
      assertThat(Clients.rows(c, "select 1")).containsExactly(List.of("1"));
    }
  }

  @Test
  void unicodeColumnNamesAndValuesStayUtf8(RedshiftEmulator emu) throws Exception {
    String prefix = run(emu, "select 'ä€😀' as \"naïve colümn\"", "CSV HEADER PARALLEL OFF");
    byte[] bytes = Clients.bytes(s3, emu.bucket(), key(prefix) + "000");
    assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("naïve colümn\nä€😀\n");
  }
}
