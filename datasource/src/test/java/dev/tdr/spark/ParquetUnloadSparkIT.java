package dev.tdr.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tdr.core.s3.PartStore;
import dev.tdr.core.s3.S3Settings;
import dev.tdr.core.s3.S3Uri;
import dev.tdr.testkit.Fixtures;
import dev.tdr.testkit.RedshiftEmulator;
import dev.tdr.testkit.RedshiftEmulatorExtension;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emulator's {@code UNLOAD ... FORMAT PARQUET} parts read by Spark's own Parquet source, as
 * spark-redshift reads them (the manifest's URLs): every type and NULL equal to the JDBC answer.
 */
@ExtendWith(RedshiftEmulatorExtension.class)
class ParquetUnloadSparkIT {
  private static final String QUERY = "select id, i2, i8, num, r, d, b, c, v, dt, ts, tstz, s from spark_parquet_nasty";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static SparkSession spark;
  private static RedshiftEmulator emu;

  @TempDir
  Path tmp;

  @BeforeAll
  static void start(RedshiftEmulator emulator) throws Exception {
    emu = emulator;
    spark = LocalSpark.builder("local[2]", "parquet-unload-it").getOrCreate();
    try (Connection c = emu.backingConnection()) {
      Fixtures.nastyValues(c, "spark_parquet_nasty");
    }
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void sparksParquetSourceReadsWhatTheJdbcDriverReturns() throws Exception {
    String prefix = emu.newTempPrefix();
    try (Connection c = DriverManager.getConnection(emu.jdbcUrl(), emu.user(), emu.password());
        Statement s = c.createStatement()) {
      s.execute("UNLOAD ('" + QUERY + "') TO '" + prefix + "' WITH CREDENTIALS 'aws_access_key_id="
          + emu.accessKeyId() + ";aws_secret_access_key=" + emu.secretAccessKey() + "' FORMAT AS PARQUET  MANIFEST");
    }
    Path dir = Files.createDirectories(tmp.resolve("parts"));
    try (PartStore store = PartStore.create(new S3Settings(emu.s3Endpoint(), true, emu.region(), emu.accessKeyId(),
        emu.secretAccessKey(), null), 2)) {
      JsonNode manifest = JSON.readTree(store.readIfExists(S3Uri.parse(prefix + "manifest")).orElseThrow());
      for (JsonNode e : manifest.path("entries")) {
        String url = e.path("url").asText();
        byte[] data = store.readIfExists(S3Uri.parse(url)).orElseThrow();
        assertThat((long) data.length).isEqualTo(e.at("/meta/content_length").asLong());
        Files.write(dir.resolve(url.substring(url.lastIndexOf('/') + 1)), data);
      }
    }
    Dataset<Row> df = spark.read().parquet(dir.toString());
    assertThat(df.schema().simpleString()).isEqualTo("struct<id:int,i2:smallint,i8:bigint,num:decimal(38,10),"
        + "r:float,d:double,b:boolean,c:string,v:string,dt:date,ts:timestamp,tstz:timestamp,s:string>");
    List<String> rows = new ArrayList<>();
    for (Row r : df.orderBy("id").collectAsList()) {
      List<String> cells = new ArrayList<>();
      for (int i = 0; i < r.length(); i++) {
        Object v = r.get(i);
        cells.add(v == null ? "NULL" : v instanceof BigDecimal d ? d.toPlainString()
            : v instanceof String str ? (i == 12 ? JSON.readTree(str).toString() : quoted(str)) : v.toString());
      }
      rows.add(String.join("|", cells));
    }
    assertThat(rows).isEqualTo(jdbc());
  }

  /** The JDBC answer rendered as the Spark rows are (TIMESTAMP as the instant at UTC, as Redshift's INT96 holds it). */
  private static List<String> jdbc() throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(emu.jdbcUrl(), emu.user(), emu.password());
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery(QUERY + " order by id")) {
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
        cells.add(rs.getObject("ts") == null ? "NULL"
            : rs.getObject("ts", LocalDateTime.class).toInstant(ZoneOffset.UTC).toString());
        cells.add(rs.getObject("tstz") == null ? "NULL" : rs.getObject("tstz", OffsetDateTime.class).toInstant().toString());
        cells.add(rs.getString("s") == null ? "NULL" : JSON.readTree(rs.getString("s")).toString());
        out.add(String.join("|", cells));
      }
    }
    return out;
  }

  private static String quoted(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r")
        .replace("\t", "\\t") + '"';
  }
}
