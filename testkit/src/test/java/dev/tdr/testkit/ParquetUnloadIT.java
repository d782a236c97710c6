package dev.tdr.testkit;

import static dev.tdr.testkit.Clients.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code UNLOAD ... FORMAT PARQUET} through redshift-jdbc42, the parts read back with
 * parquet-java's own reader: every type and NULL equal to the JDBC answer, Redshift's file
 * names, types, SNAPPY row groups, MAXFILESIZE, the manifest and the statements other clients
 * send.
 */
@ExtendWith(RedshiftEmulatorExtension.class)
class ParquetUnloadIT {
  /** The nasty values in every type Redshift can unload as PARQUET (not TIME, TIMETZ, VARBYTE). */
  private static final String QUERY = "select id, i2, i8, num, r, d, b, c, v, dt, ts, tstz, s from nasty_values";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static S3Client s3;

  @TempDir
  Path tmp;

  @BeforeAll
  static void fixture(RedshiftEmulator emu) throws Exception {
    s3 = Clients.s3(emu);
    try (Connection c = emu.backingConnection(); Statement s = c.createStatement()) {
      Fixtures.nastyValues(c, "nasty_values");
      s.execute("drop table if exists parquet_big");
      s.execute("create table parquet_big as select g as id, md5(g::text) || md5((g * 7)::text) as h"
          + " from generate_series(1, 200000) g");
    }
  }

  @AfterAll
  static void close() {
    s3.close();
  }

  @Test
  void everyTypeAndNullAsTheJdbcAnswer(RedshiftEmulator emu) throws Exception {
    String prefix = emu.newTempPrefix();
    long count;
    try (Connection c = Clients.redshift(emu); Statement s = c.createStatement()) {
      s.execute(Clients.unload(emu, QUERY, prefix, "FORMAT PARQUET MANIFEST VERBOSE"));
      try (ResultSet rs = s.executeQuery("select pg_last_unload_count()")) {
        rs.next();
        count = rs.getLong(1);
      }
    }
    assertThat(count).isEqualTo(5);
    List<String> keys = Clients.keys(s3, emu.bucket(), key(prefix));
    // four slices, five rows: every slice has rows, so every slice wrote one part
    assertThat(keys).containsExactly(key(prefix) + "0000_part_00.parquet", key(prefix) + "0001_part_00.parquet",
        key(prefix) + "0002_part_00.parquet", key(prefix) + "0003_part_00.parquet", key(prefix) + "manifest");

    JsonNode manifest = JSON.readTree(Clients.bytes(s3, emu.bucket(), key(prefix) + "manifest"));
    long records = 0;
    for (JsonNode e : manifest.path("entries")) {
      String k = key(e.path("url").asText());
      assertThat(e.at("/meta/content_length").asLong()).isEqualTo(Clients.bytes(s3, emu.bucket(), k).length);
      records += e.at("/meta/record_count").asLong();
    }
    assertThat(records).isEqualTo(5);
    assertThat(manifest.at("/schema/elements/3/type/base").asText()).isEqualTo("numeric");
    assertThat(manifest.at("/schema/elements/3/type/precision").asInt()).isEqualTo(38);

    List<String> rows = new ArrayList<>();
    MessageType schema = null;
    for (String k : keys) {
      if (k.endsWith(".parquet")) {
        Path f = download(emu, k);
        schema = footerChecked(f);
        rows.addAll(read(f));
      }
    }
    rows.sort(java.util.Comparator.comparingInt(r -> Integer.parseInt(r.substring(0, r.indexOf('|')))));
    assertThat(rows).isEqualTo(jdbc(emu, QUERY + " order by id"));
    assertThat(schema.toString().replaceAll("\\s+", " ")).isEqualTo("message schema {"
        + " optional int32 id (INTEGER(32,true)); optional int32 i2 (INTEGER(16,true));"
        + " optional int64 i8 (INTEGER(64,true)); optional fixed_len_byte_array(16) num (DECIMAL(38,10));"
        + " optional float r; optional double d; optional boolean b; optional binary c (STRING);"
        + " optional binary v (STRING); optional int32 dt (DATE); optional int96 ts; optional int96 tstz;"
        + " optional binary s (JSON); } ");
  }

  /** One row group per file here, SNAPPY in every column chunk, every column optional. */
  private static MessageType footerChecked(Path f) throws Exception {
    try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(f))) {
      MessageType schema = r.getFileMetaData().getSchema();
      for (Type t : schema.getFields()) {
        assertThat(t.getRepetition()).isEqualTo(Type.Repetition.OPTIONAL);
      }
      for (BlockMetaData b : r.getFooter().getBlocks()) {
        for (ColumnChunkMetaData c : b.getColumns()) {
          assertThat(c.getCodec()).isEqualTo(CompressionCodecName.SNAPPY);
        }
      }
      assertThat(r.getFileMetaData().getCreatedBy()).startsWith("parquet-mr");
      return schema;
    }
  }

  @Test
  void typesRedshiftCannotWriteAsParquetAreRefused(RedshiftEmulator emu) throws Exception {
    for (String[] c : new String[][] {{"t", "TIME"}, {"ttz", "TIMETZ"}, {"vb", "VARBYTE"}}) {
      try (Connection conn = Clients.redshift(emu); Statement s = conn.createStatement()) {
        assertThatThrownBy(() -> s.execute(Clients.unload(emu, "select id, " + c[0] + " from nasty_values",
            emu.newTempPrefix(), "FORMAT PARQUET")))
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("column \"" + c[0] + "\" is " + c[1] + ", which UNLOAD cannot write as PARQUET")
            .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("0A000");
      }
    }
  }

  /** MAXFILESIZE 5 MB, serially: files of about 5 MB each, named 000.parquet, 001.parquet, ... */
  @Test
  void maxFileSizeSplitsSerialParts(RedshiftEmulator emu) throws Exception {
    String prefix = emu.newTempPrefix();
    try (Connection c = Clients.redshift(emu); Statement s = c.createStatement()) {
      s.execute(Clients.unload(emu, "select * from parquet_big", prefix,
          "PARQUET PARALLEL OFF MAXFILESIZE 5 MB MANIFEST"));
    }
    List<String> parts = Clients.keys(s3, emu.bucket(), key(prefix)).stream().filter(k -> !k.endsWith("manifest")).toList();
    assertThat(parts.size()).isBetween(2, 4);
    long rows = 0;
    long last = 0;
    for (int i = 0; i < parts.size(); i++) {
      assertThat(parts.get(i)).isEqualTo(key(prefix) + String.format("%03d.parquet", i));
      Path f = download(emu, parts.get(i));
      assertThat(Files.size(f)).isLessThan((5L << 20) + (1L << 20));
      List<String> r = read(f);
      rows += r.size();
      long first = Long.parseLong(r.get(0).substring(0, r.get(0).indexOf('|')));
      assertThat(first).as("serial parts keep the rows' order").isEqualTo(last + 1);
      last = Long.parseLong(r.get(r.size() - 1).substring(0, r.get(r.size() - 1).indexOf('|')));
    }
    assertThat(rows).isEqualTo(200_000);
  }

  /** The statements spark-redshift and AWS SDK for pandas send by default, as they write them. */
  @Test
  void theStatementsOfOtherClientsWork(RedshiftEmulator emu) throws Exception {
    String sparkRedshift = emu.newTempPrefix();
    String pandas = emu.newTempPrefix();
    try (Connection c = Clients.redshift(emu); Statement s = c.createStatement()) {
      s.execute("UNLOAD ('SELECT \"id\", \"v\" FROM (select * from nasty_values) WHERE \"v\" <> \\'plain\\' ')"
          + " TO '" + sparkRedshift + "' WITH CREDENTIALS 'aws_access_key_id=" + emu.accessKeyId()
          + ";aws_secret_access_key=" + emu.secretAccessKey() + "' FORMAT AS PARQUET  MANIFEST");
      s.execute("UNLOAD ('select id, v from nasty_values where id > 3')\nTO '" + pandas + "'\nACCESS_KEY_ID '"
          + emu.accessKeyId() + "'\nSECRET_ACCESS_KEY '" + emu.secretAccessKey() + "'\nALLOWOVERWRITE\n\n"
          + "PARALLEL ON\nFORMAT PARQUET\nENCRYPTED\nMAXFILESIZE AS 5.0 MB\nmanifest;");
    }
    List<String> read = new ArrayList<>();
    JsonNode manifest = JSON.readTree(Clients.bytes(s3, emu.bucket(), key(sparkRedshift) + "manifest"));
    for (JsonNode e : manifest.path("entries")) { // spark-redshift reads the manifest's urls only
      read.addAll(read(download(emu, key(e.path("url").asText()))));
    }
    assertThat(read).containsExactlyInAnyOrder("2|\"comma,quote\\\"back\\\\slash|pipe\"",
        "3|\"line1\\nline2\\r\\nend\"", "4|\"\"", "5|\"ünïcødé 🎉 日本\\ttab\"");
    read.clear();
    for (String k : Clients.keys(s3, emu.bucket(), key(pandas))) { // pandas reads every object but the manifest
      if (!k.endsWith("manifest")) {
        read.addAll(read(download(emu, k)));
      }
    }
    assertThat(read).containsExactlyInAnyOrder("4|\"\"", "5|\"ünïcødé 🎉 日本\\ttab\"");
  }

  @Test
  void anEmptyResultWritesNoFilesOrEmptyParquetParts(RedshiftEmulator emu) throws Exception {
    String none = emu.newTempPrefix();
    try (Connection c = Clients.redshift(emu); Statement s = c.createStatement()) {
      s.execute(Clients.unload(emu, QUERY + " where id < 0", none, "PARQUET MANIFEST"));
    }
    assertThat(Clients.keys(s3, emu.bucket(), key(none))).isEmpty();
    emu.emptyUnload(EmptyUnload.EMPTY_PARTS);
    String empty = emu.newTempPrefix();
    try (Connection c = Clients.redshift(emu); Statement s = c.createStatement()) {
      s.execute(Clients.unload(emu, QUERY + " where id < 0", empty, "PARQUET MANIFEST"));
    }
    List<String> keys = Clients.keys(s3, emu.bucket(), key(empty));
    assertThat(keys).hasSize(5).last().asString().endsWith("manifest");
    for (String k : keys.subList(0, 4)) {
      Path f = download(emu, k);
      assertThat(read(f)).isEmpty();
      assertThat(footerChecked(f).getFieldCount()).isEqualTo(13);
    }
  }

  /**
   * PARTITION BY: Hive-style folders under the prefix (a slash added), NULL in the default
   * partition, the partition columns left out of the files unless INCLUDE, one manifest at the
   * root; CLEANPATH empties only the folders that receive files.
   */
  @Test
  void partitionByWritesHiveFolders(RedshiftEmulator emu) throws Exception {
    try (Connection c = emu.backingConnection(); Statement s = c.createStatement()) {
      s.execute("drop table if exists parquet_parts");
      s.execute("create table parquet_parts (id int, region varchar(20), day date, amount numeric(10,2))");
      s.execute("insert into parquet_parts values (1, 'north', '2024-06-01', 1.50), (2, 'north', '2024-06-02', 2.50),"
          + " (3, 'a/b=c d', '2024-06-01', 3.00), (4, null, '2024-06-01', null), (5, 'north', '2024-06-01', -5.25),"
          + " (6, 'Zürich', '2024-06-02', 6.00)");
    }
    String prefix = emu.newTempPrefix() + "sales";
    String root = key(prefix) + "/";
    String stale = root + "region=north/day=2024-06-01/old.parquet";
    String other = root + "region=south/day=2024-06-01/keep.parquet";
    s3.putObject(b -> b.bucket(emu.bucket()).key(stale), software.amazon.awssdk.core.sync.RequestBody.fromString("x"));
    s3.putObject(b -> b.bucket(emu.bucket()).key(other), software.amazon.awssdk.core.sync.RequestBody.fromString("x"));
    try (Connection c = Clients.redshift(emu); Statement s = c.createStatement()) {
      s.execute(Clients.unload(emu, "select id, region, day, amount from parquet_parts", prefix,
          "FORMAT PARQUET PARTITION BY (region, day) CLEANPATH MANIFEST VERBOSE"));
    }
    List<String> keys = Clients.keys(s3, emu.bucket(), root);
    assertThat(keys).doesNotContain(stale).contains(other, root + "manifest");
    java.util.Map<String, List<String>> byFolder = new java.util.TreeMap<>();
    for (String k : keys) {
      if (k.endsWith(".parquet") && !k.equals(other)) {
        assertThat(k).matches(java.util.regex.Pattern.quote(root) + "region=[^/]+/day=[^/]+/000\\d_part_00\\.parquet");
        Path f = download(emu, k);
        assertThat(footerChecked(f).getFieldCount()).as("region and day are in the folder names only").isEqualTo(2);
        byFolder.computeIfAbsent(k.substring(root.length(), k.lastIndexOf('/')), x -> new ArrayList<>()).addAll(read(f));
      }
    }
    byFolder.values().forEach(l -> l.sort(null));
    assertThat(byFolder).containsExactly(
        java.util.Map.entry("region=Zürich/day=2024-06-02", List.of("6|6.00")),
        java.util.Map.entry("region=__HIVE_DEFAULT_PARTITION__/day=2024-06-01", List.of("4|NULL")),
        java.util.Map.entry("region=a%2Fb%3Dc d/day=2024-06-01", List.of("3|3.00")),
        java.util.Map.entry("region=north/day=2024-06-01", List.of("1|1.50", "5|-5.25")),
        java.util.Map.entry("region=north/day=2024-06-02", List.of("2|2.50")));
    JsonNode manifest = JSON.readTree(Clients.bytes(s3, emu.bucket(), root + "manifest"));
    assertThat(manifest.path("entries")).hasSize(5);
    assertThat(manifest.at("/schema/elements").findValuesAsText("name")).containsExactly("id", "amount");

    String included = emu.newTempPrefix();
    try (Connection c = Clients.redshift(emu); Statement s = c.createStatement()) {
      s.execute(Clients.unload(emu, "select id, region, day from parquet_parts where id = 3", included,
          "PARQUET PARTITION BY (region) INCLUDE"));
    }
    List<String> parts = Clients.keys(s3, emu.bucket(), key(included));
    assertThat(parts).containsExactly(key(included) + "region=a%2Fb%3Dc d/0000_part_00.parquet");
    assertThat(read(download(emu, parts.get(0)))).containsExactly("3|\"a/b=c d\"|2024-06-01");
  }

  @Test
  void partitionByIsCheckedAsRedshiftChecksIt(RedshiftEmulator emu) throws Exception {
    String[][] cases = {
        {"select id, v from nasty_values", "PARTITION BY (nope)", "42703", "PARTITION BY column \"nope\" is not a column"},
        {"select id, d from nasty_values", "PARTITION BY (d)", "0A000", "PARTITION BY column \"d\" is double precision"},
        {"select id, tstz from nasty_values", "PARTITION BY (tstz)", "0A000", "partition columns must be SMALLINT"},
        {"select id from nasty_values", "PARTITION BY (id) INCLUDE", "0A000", "at least one column that is not a partition"},
    };
    for (String[] c : cases) {
      try (Connection conn = Clients.redshift(emu); Statement s = conn.createStatement()) {
        assertThatThrownBy(() -> s.execute(Clients.unload(emu, c[0], emu.newTempPrefix(), "PARQUET " + c[1])))
            .as(c[1]).isInstanceOf(SQLException.class).hasMessageContaining(c[3])
            .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo(c[2]);
      }
    }
  }

  private Path download(RedshiftEmulator emu, String key) throws Exception {
    Path f = Files.createTempFile(tmp, "part-", ".parquet");
    Files.write(f, Clients.bytes(s3, emu.bucket(), key));
    return f;
  }

  /** The rows of a Parquet file through parquet-java's reader, rendered by {@link #cell}. */
  private static List<String> read(Path f) throws Exception {
    InputFile in = new LocalInputFile(f);
    List<String> out = new ArrayList<>();
    try (ParquetReader<Group> r = new ParquetReader.Builder<Group>(in, new PlainParquetConfiguration()) {
      @Override
      protected ReadSupport<Group> getReadSupport() {
        return new GroupReadSupport();
      }
    }.build()) {
      for (Group g = r.read(); g != null; g = r.read()) {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < g.getType().getFieldCount(); i++) {
          cells.add(g.getFieldRepetitionCount(i) == 0 ? "NULL" : cell(g, i));
        }
        out.add(String.join("|", cells));
      }
    }
    return out;
  }

  private static String cell(Group g, int i) {
    Type t = g.getType().getType(i);
    String logical = String.valueOf(t.getLogicalTypeAnnotation());
    return switch (t.asPrimitiveType().getPrimitiveTypeName()) {
      case INT32 -> logical.startsWith("DATE") ? LocalDate.ofEpochDay(g.getInteger(i, 0)).toString()
          : String.valueOf(g.getInteger(i, 0));
      case INT64 -> String.valueOf(g.getLong(i, 0));
      case FLOAT -> String.valueOf(g.getFloat(i, 0));
      case DOUBLE -> String.valueOf(g.getDouble(i, 0));
      case BOOLEAN -> String.valueOf(g.getBoolean(i, 0));
      case FIXED_LEN_BYTE_ARRAY -> new BigDecimal(new BigInteger(g.getBinary(i, 0).getBytes()),
          ((org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) t.getLogicalTypeAnnotation())
              .getScale()).toPlainString();
      case INT96 -> {
        ByteBuffer b = ByteBuffer.wrap(g.getInt96(i, 0).getBytes()).order(ByteOrder.LITTLE_ENDIAN);
        long nanos = b.getLong();
        long day = b.getInt() - 2_440_588L;
        yield Instant.ofEpochSecond(day * 86_400, nanos).toString();
      }
      case BINARY -> logical.startsWith("JSON") ? compactJson(g.getString(i, 0)) : quoted(g.getString(i, 0));
    };
  }

  /** The JDBC answer, rendered as {@link #cell} renders Parquet (timestamps as UTC instants). */
  private static List<String> jdbc(RedshiftEmulator emu, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = Clients.redshift(emu); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        List<String> cells = new ArrayList<>();
        cells.add(String.valueOf(rs.getInt("id")));
        cells.add(rs.getObject("i2") == null ? "NULL" : String.valueOf(rs.getShort("i2")));
        cells.add(rs.getObject("i8") == null ? "NULL" : String.valueOf(rs.getLong("i8")));
        cells.add(rs.getBigDecimal("num") == null ? "NULL" : rs.getBigDecimal("num").toPlainString());
        cells.add(rs.getObject("r") == null ? "NULL" : String.valueOf(rs.getFloat("r")));
        cells.add(rs.getObject("d") == null ? "NULL" : String.valueOf(rs.getDouble("d")));
        cells.add(rs.getObject("b") == null ? "NULL" : String.valueOf(rs.getBoolean("b")));
        cells.add(rs.getString("c") == null ? "NULL" : quoted(rs.getString("c")));
        cells.add(rs.getString("v") == null ? "NULL" : quoted(rs.getString("v")));
        cells.add(rs.getObject("dt") == null ? "NULL" : rs.getObject("dt", LocalDate.class).toString());
        cells.add(rs.getObject("ts") == null ? "NULL" : rs.getObject("ts", LocalDateTime.class).toInstant(ZoneOffset.UTC).toString());
        cells.add(rs.getObject("tstz") == null ? "NULL" : rs.getObject("tstz", OffsetDateTime.class).toInstant().toString());
        cells.add(rs.getString("s") == null ? "NULL" : compactJson(rs.getString("s")));
        out.add(String.join("|", cells));
      }
    }
    return out;
  }

  private static String quoted(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r")
        .replace("\t", "\\t") + '"';
  }

  private static String compactJson(String s) {
    try {
      return JSON.readTree(s).toString();
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + s, e);
    }
  }
}
