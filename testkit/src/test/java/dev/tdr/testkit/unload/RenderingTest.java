package dev.tdr.testkit.unload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RenderingTest {
  private static final LocalDateTime PG_EPOCH = LocalDateTime.of(2000, 1, 1, 0, 0);

  private static String text(ColumnKind kind, String wire) {
    byte[] b = wire.getBytes(StandardCharsets.UTF_8);
    ByteBuf out = ValueRenderer.render(kind, b, 0, b.length, new ByteBuf(8));
    return out == null ? wire : new String(out.data, 0, out.len, StandardCharsets.UTF_8);
  }

  private static String binary(ColumnKind kind, byte[] b) {
    ByteBuf out = ValueRenderer.render(kind, b, 0, b.length, new ByteBuf(8));
    return new String(out.data, 0, out.len, StandardCharsets.UTF_8);
  }

  private static byte[] micros(LocalDateTime t) {
    long secs = t.toEpochSecond(ZoneOffset.UTC) - PG_EPOCH.toEpochSecond(ZoneOffset.UTC);
    return ByteBuffer.allocate(8).putLong(secs * 1_000_000 + t.getNano() / 1000).array();
  }

  @Test
  void numbersKeepPostgresTextButSpecialsAreLowerCase() {
    assertThat(text(ColumnKind.NUMBER, "NaN")).isEqualTo("nan");
    assertThat(text(ColumnKind.NUMBER, "Infinity")).isEqualTo("inf");
    assertThat(text(ColumnKind.NUMBER, "-Infinity")).isEqualTo("-inf");
    assertThat(text(ColumnKind.NUMBER, "1.7976931348623157e+308")).isEqualTo("1.7976931348623157e+308");
    assertThat(text(ColumnKind.NUMBER, "363.00")).isEqualTo("363.00");
    assertThat(text(ColumnKind.PLAIN, "-9223372036854775808")).isEqualTo("-9223372036854775808");
  }

  @Test
  void charLosesTrailingBlanksVarcharKeepsThem() {
    assertThat(text(ColumnKind.CHAR, "ab   ")).isEqualTo("ab");
    assertThat(text(ColumnKind.CHAR, "     ")).isEmpty();
    assertThat(text(ColumnKind.VARCHAR, "ab   ")).isEqualTo("ab   ");
  }

  @Test
  void superIsCompactJson() {
    assertThat(text(ColumnKind.JSON, "{\"a\": [1, 2], \"b c\": \"x \\\" y\"}"))
        .isEqualTo("{\"a\":[1,2],\"b c\":\"x \\\" y\"}");
    assertThat(text(ColumnKind.JSON, " \"str\" ")).isEqualTo("\"str\"");
  }

  @Test
  void datesAndTimestampsAsRedshiftWritesThem() {
    int days = (int) (LocalDate.of(2008, 1, 4).toEpochDay() - LocalDate.of(2000, 1, 1).toEpochDay());
    assertThat(binary(ColumnKind.DATE, ByteBuffer.allocate(4).putInt(days).array())).isEqualTo("2008-01-04");
    int bc = (int) (LocalDate.of(-43, 3, 15).toEpochDay() - LocalDate.of(2000, 1, 1).toEpochDay());
    assertThat(binary(ColumnKind.DATE, ByteBuffer.allocate(4).putInt(bc).array())).isEqualTo("0044-03-15 BC");
    assertThat(binary(ColumnKind.DATE, ByteBuffer.allocate(4).putInt(Integer.MAX_VALUE).array())).isEqualTo("infinity");

    assertThat(binary(ColumnKind.TIMESTAMP, micros(LocalDateTime.of(2000, 1, 2, 12, 34, 56, 789_012_000))))
        .isEqualTo("2000-01-02 12:34:56.789012");
    assertThat(binary(ColumnKind.TIMESTAMP, micros(LocalDateTime.of(1999, 12, 31, 23, 59, 59))))
        .isEqualTo("1999-12-31 23:59:59");
    assertThat(binary(ColumnKind.TIMESTAMP, micros(LocalDateTime.of(2024, 2, 29, 0, 0, 0, 100_000_000))))
        .isEqualTo("2024-02-29 00:00:00.1");
    assertThat(binary(ColumnKind.TIMESTAMPTZ, micros(LocalDateTime.of(1970, 1, 1, 0, 0))))
        .isEqualTo("1970-01-01 00:00:00+00");
    assertThat(binary(ColumnKind.TIMESTAMP, ByteBuffer.allocate(8).putLong(Long.MIN_VALUE).array()))
        .isEqualTo("-infinity");
  }

  @Test
  void timesAndTimesWithZoneInUtc() {
    long t = ((4 * 60 + 5) * 60 + 6) * 1_000_000L + 500_000;
    assertThat(binary(ColumnKind.TIME, ByteBuffer.allocate(8).putLong(t).array())).isEqualTo("04:05:06.5");
    // 04:05:06+02 is stored as local time and a zone 2 h east (-7200 s west): UTC 02:05:06
    byte[] ttz = ByteBuffer.allocate(12).putLong(t - 500_000).putInt(-7200).array();
    assertThat(binary(ColumnKind.TIMETZ, ttz)).isEqualTo("02:05:06+00");
    // 01:00:00+03 wraps to the previous day in UTC
    byte[] wrap = ByteBuffer.allocate(12).putLong(3600_000_000L).putInt(-3 * 3600).array();
    assertThat(binary(ColumnKind.TIMETZ, wrap)).isEqualTo("22:00:00+00");
  }

  @Test
  void bytesAsLowerCaseHex() {
    assertThat(binary(ColumnKind.BYTES, new byte[] {0, (byte) 0xff, 0x10, (byte) 0xab})).isEqualTo("00ff10ab");
    assertThat(binary(ColumnKind.BYTES, new byte[0])).isEmpty();
  }

  private static String field(String options, String value, boolean character) throws Exception {
    FieldWriter w = new FieldWriter(UnloadParser.parse(
        "UNLOAD ('select 1') TO 's3://b/p' IAM_ROLE default " + options));
    ByteBuf row = new ByteBuf(8);
    if (value == null) {
      w.writeNull(row);
    } else {
      byte[] b = value.getBytes(StandardCharsets.UTF_8);
      w.write(row, b, 0, b.length, character);
    }
    return new String(row.data, 0, row.len, StandardCharsets.UTF_8);
  }

  @Test
  void csvQuotesOnlyWhenNeeded() throws Exception {
    assertThat(field("CSV", "plain", true)).isEqualTo("plain");
    assertThat(field("CSV", "a,b", true)).isEqualTo("\"a,b\"");
    assertThat(field("CSV", "say \"hi\"", true)).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(field("CSV", "a\nb", true)).isEqualTo("\"a\nb\"");
    assertThat(field("CSV", "a\rb", true)).isEqualTo("\"a\rb\"");
    assertThat(field("CSV", "a|b\\c", true)).isEqualTo("a|b\\c");
    assertThat(field("CSV DELIMITER '|'", "a|b", true)).isEqualTo("\"a|b\"");
    assertThat(field("CSV", "", true)).isEmpty();
    assertThat(field("CSV", null, true)).isEmpty();
    assertThat(field("CSV NULL AS '\\\\N'", null, true)).isEqualTo("\\N");
  }

  @Test
  void delimitedTextEscapesAndQuotes() throws Exception {
    assertThat(field("", "a|b\nc", true)).isEqualTo("a|b\nc");
    assertThat(field("ESCAPE", "a|b\nc\\d\re", true)).isEqualTo("a\\|b\\\nc\\\\d\\\re");
    assertThat(field("ESCAPE", "12|3", false)).isEqualTo("12|3");
    assertThat(field("ADDQUOTES", "it's \"x\"", true)).isEqualTo("\"it's \"x\"\"");
    assertThat(field("ADDQUOTES ESCAPE", "it's \"x\"", true)).isEqualTo("\"it\\'s \\\"x\\\"\"");
    assertThat(field("ADDQUOTES", "42", false)).isEqualTo("\"42\"");
    assertThat(field("ADDQUOTES", null, true)).isEmpty();
    assertThat(field("DELIMITER ',' ESCAPE", "a,b", true)).isEqualTo("a\\,b");
  }
}
