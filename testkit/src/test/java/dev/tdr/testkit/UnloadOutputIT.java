package dev.tdr.testkit;

import static dev.tdr.testkit.Clients.key;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Statement in, files out, compared byte for byte with what Redshift writes for a table of nasty
 * values: quotes, backslashes, newlines and delimiters in strings, NULL vs empty string,
 * unicode, extreme numbers, NaN/Infinity, timestamps with and without zone, VARBYTE, SUPER.
 */
@ExtendWith(RedshiftEmulatorExtension.class)
class UnloadOutputIT {
  private static final String QUERY = "select * from nasty_values order by id";

  private static S3Client s3;

  @BeforeAll
  static void fixture(RedshiftEmulator emu) throws Exception {
    s3 = Clients.s3(emu);
    try (Connection c = emu.backingConnection()) {
      Fixtures.nastyValues(c, "nasty_values");
    }
  }

  @AfterAll
  static void close() {
    s3.close();
  }

  private static final String CSV_ROW_1 = "1,32767,9223372036854775807,1234567890123456789012345678.0123456789,"
      + "3.4028235e+38,1.7976931348623157e+308,t,ab,plain,2008-01-04,2000-01-02 12:34:56.789012,"
      + "2000-01-02 17:34:56.789012+00,04:05:06.5,02:05:06+00,00ff10,\"{\"\"a\"\":[1,2],\"\"b\"\":\"\"x y\"\"}\"\n";

  /** Redshift's FORMAT CSV output for the fixture, NULL as an empty field. */
  static final String CSV = CSV_ROW_1
      + "2,-32768,-9223372036854775808,-0.0000000001,nan,inf,f,abcde,\"comma,quote\"\"back\\slash|pipe\","
      + "0001-01-01,1999-12-31 23:59:59,1970-01-01 00:00:00+00,00:00:00,23:59:59.999999+00,,\"\"\"str\"\"\"\n"
      + "3,0,0,0.0000000000,-inf,5e-324,,,\"line1\nline2\r\nend\",9999-12-31,2024-02-29 00:00:00.1,"
      + "2024-06-30 21:00:00+00,12:00:00,15:30:00+00,,null\n"
      + "4,,,,,,,,,,,,,,,\n"
      + "5,,,,,,,,ünïcødé 🎉 日本\ttab,,,,,,,\"{\"\"emoji\"\":\"\"🎉\"\",\"\"esc\"\":\"\"a\\\"\"b\"\"}\"\n";

  private String unloadOne(RedshiftEmulator emu, String options) throws Exception {
    String prefix = emu.newTempPrefix();
    try (Connection c = Clients.redshift(emu); Statement s = c.createStatement()) {
      s.execute(Clients.unload(emu, QUERY, prefix, options + " PARALLEL OFF"));
    }
    List<String> keys = Clients.keys(s3, emu.bucket(), key(prefix));
    assertThat(keys).hasSize(1);
    return Clients.text(s3, emu.bucket(), keys.get(0));
  }

  @Test
  void formatCsv(RedshiftEmulator emu) throws Exception {
    assertThat(unloadOne(emu, "FORMAT CSV")).isEqualTo(CSV);
  }

  @Test
  void formatCsvWithNullAsAndHeader(RedshiftEmulator emu) throws Exception {
    String expected = "id,i2,i8,num,r,d,b,c,v,dt,ts,tstz,t,ttz,vb,s\n"
        + CSV_ROW_1
        + "2,-32768,-9223372036854775808,-0.0000000001,nan,inf,f,abcde,\"comma,quote\"\"back\\slash|pipe\","
        + "0001-01-01,1999-12-31 23:59:59,1970-01-01 00:00:00+00,00:00:00,23:59:59.999999+00,,\"\"\"str\"\"\"\n"
        + "3,0,0,0.0000000000,-inf,5e-324,\\N,,\"line1\nline2\r\nend\",9999-12-31,2024-02-29 00:00:00.1,"
        + "2024-06-30 21:00:00+00,12:00:00,15:30:00+00,\\N,null\n"
        + "4,\\N,\\N,\\N,\\N,\\N,\\N,\\N,,\\N,\\N,\\N,\\N,\\N,\\N,\n"
        + "5,\\N,\\N,\\N,\\N,\\N,\\N,\\N,ünïcødé 🎉 日本\ttab,\\N,\\N,\\N,\\N,\\N,\\N,"
        + "\"{\"\"emoji\"\":\"\"🎉\"\",\"\"esc\"\":\"\"a\\\"\"b\"\"}\"\n";
    assertThat(unloadOne(emu, "CSV NULL AS '\\\\N' HEADER")).isEqualTo(expected);
  }

  @Test
  void delimitedTextWritesValuesAsTheyAre(RedshiftEmulator emu) throws Exception {
    String out = unloadOne(emu, "");
    assertThat(out).startsWith("1|32767|9223372036854775807|1234567890123456789012345678.0123456789|"
        + "3.4028235e+38|1.7976931348623157e+308|t|ab|plain|2008-01-04|2000-01-02 12:34:56.789012|"
        + "2000-01-02 17:34:56.789012+00|04:05:06.5|02:05:06+00|00ff10|{\"a\":[1,2],\"b\":\"x y\"}\n");
    assertThat(out).contains("|abcde|comma,quote\"back\\slash|pipe|0001-01-01|");
    assertThat(out).contains("|-inf|5e-324|||line1\nline2\r\nend|9999-12-31|");
    assertThat(out).contains("\n4|||||||||||||||\n");
  }

  @Test
  void delimitedTextWithEscape(RedshiftEmulator emu) throws Exception {
    String out = unloadOne(emu, "ESCAPE");
    assertThat(out).contains("|abcde|comma,quote\"back\\\\slash\\|pipe|0001-01-01|");
    assertThat(out).contains("|line1\\\nline2\\\r\\\nend|");
    assertThat(out).contains("|ünïcødé 🎉 日本\ttab|");
    assertThat(out.lines().filter(l -> l.matches("^[0-9]\\|.*"))).hasSize(5);
  }

  @Test
  void addQuotesWithEscapeAndCustomDelimiter(RedshiftEmulator emu) throws Exception {
    String out = unloadOne(emu, "ADDQUOTES ESCAPE DELIMITER AS ';'");
    assertThat(out).startsWith("\"1\";\"32767\";\"9223372036854775807\";");
    assertThat(out).contains(";\"abcde\";\"comma,quote\\\"back\\\\slash|pipe\";");
    assertThat(out).contains("\n\"4\";;;;;;;;\"\";;;;;;;\n");
  }

  @Test
  void gzipPartsDecompressToTheSameBytes(RedshiftEmulator emu) throws Exception {
    String prefix = emu.newTempPrefix();
    try (Connection c = Clients.redshift(emu); Statement s = c.createStatement()) {
      s.execute(Clients.unload(emu, QUERY, prefix, "CSV GZIP PARALLEL OFF EXTENSION 'csv' MANIFEST VERBOSE"));
    }
    List<String> keys = Clients.keys(s3, emu.bucket(), key(prefix));
    assertThat(keys).containsExactly(key(prefix) + "000.csv.gz", key(prefix) + "manifest");
    byte[] gz = Clients.bytes(s3, emu.bucket(), keys.get(0));
    assertThat(gz[0] & 0xff).isEqualTo(0x1f);
    assertThat(Clients.gunzip(gz)).isEqualTo(CSV);
    JsonNode manifest = new ObjectMapper().readTree(Clients.text(s3, emu.bucket(), keys.get(1)));
    assertThat(manifest.at("/entries/0/meta/content_length").asLong()).isEqualTo(gz.length);
    assertThat(manifest.at("/entries/0/meta/record_count").asLong()).isEqualTo(5);
  }

  @Test
  void verboseManifestDescribesTheSchema(RedshiftEmulator emu) throws Exception {
    String prefix = emu.newTempPrefix();
    try (Connection c = Clients.redshift(emu); Statement s = c.createStatement()) {
      s.execute(Clients.unload(emu, QUERY, prefix, "CSV MANIFEST VERBOSE"));
    }
    JsonNode m = new ObjectMapper().readTree(Clients.text(s3, emu.bucket(), key(prefix) + "manifest"));
    assertThat(m.at("/schema/elements").findValuesAsText("name"))
        .containsExactly("id", "i2", "i8", "num", "r", "d", "b", "c", "v", "dt", "ts", "tstz", "t", "ttz", "vb", "s");
    assertThat(m.at("/schema/elements").findValues("type")).extracting(JsonNode::toString).containsExactly(
        "{\"base\":\"integer\"}", "{\"base\":\"smallint\"}", "{\"base\":\"bigint\"}",
        "{\"base\":\"numeric\",\"precision\":38,\"scale\":10}", "{\"base\":\"real\"}",
        "{\"base\":\"double precision\"}", "{\"base\":\"boolean\"}",
        "{\"base\":\"character\",\"max_length\":5}", "{\"base\":\"character varying\",\"max_length\":100}",
        "{\"base\":\"date\"}", "{\"base\":\"timestamp without time zone\"}",
        "{\"base\":\"timestamp with time zone\"}", "{\"base\":\"time without time zone\"}",
        "{\"base\":\"time with time zone\"}", "{\"base\":\"varbyte\"}", "{\"base\":\"super\"}");
    long total = 0;
    long records = 0;
    for (JsonNode e : m.get("entries")) {
      byte[] part = Clients.bytes(s3, emu.bucket(), key(e.get("url").asText()));
      assertThat(e.at("/meta/content_length").asLong()).isEqualTo(part.length);
      total += part.length;
      records += e.at("/meta/record_count").asLong();
    }
    assertThat(m.at("/meta/content_length").asLong()).isEqualTo(total);
    assertThat(records).isEqualTo(5);
    assertThat(m.at("/meta/record_count").asLong()).isEqualTo(5);
  }
}
