package dev.tdr.core.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdr.core.Column;
import dev.tdr.core.ColumnType;
import dev.tdr.core.CsvParseException;
import dev.tdr.core.Schema;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PartParserTest {
  private static final CsvDialect DIALECT = CsvDialect.of(',', "NULL-tdr-x");

  private static Schema schema(ColumnType... types) {
    List<Column> cols = new ArrayList<>();
    for (int i = 0; i < types.length; i++) {
      cols.add(new Column("c" + (i + 1), types[i], 0, 0, types[i].name().toLowerCase()));
    }
    return new Schema(cols);
  }

  private static List<List<Object>> parse(String csv, ColumnType... types) {
    return parse(new StringReader(csv), types);
  }

  private static List<List<Object>> parse(Reader in, ColumnType... types) {
    RecordingSink sink = new RecordingSink(types.length);
    new PartParser(DIALECT, schema(types)).parse(in, "s3://b/run/0000_part_00", 1, Long.MAX_VALUE, sink);
    return sink.rows;
  }

  /** A reader that hands out one character per read call. */
  private static Reader oneCharAtATime(String s) {
    return new Reader() {
      private int pos;

      @Override
      public int read(char[] buf, int off, int len) {
        if (pos >= s.length()) {
          return -1;
        }
        buf[off] = s.charAt(pos++);
        return 1;
      }

      @Override
      public void close() {}
    };
  }

  private static final String NASTY = "1,plain\n"
      + "2,\"comma,inside\"\n"
      + "3,\"quote \"\"inside\"\"\"\n"
      + "4,\"line1\nline2\r\nline3\"\n"
      + "5,back\\slash|pipe\n"
      + "6,\n"
      + "7,NULL-tdr-x\n"
      + "8,ünïcødé 🎉\n"
      + "9,\"\"\"\"\n"
      + "10,  spaces kept  \n";

  private static final List<List<Object>> NASTY_ROWS = List.of(
      List.of(1, "plain"), List.of(2, "comma,inside"), List.of(3, "quote \"inside\""),
      List.of(4, "line1\nline2\r\nline3"), List.of(5, "back\\slash|pipe"), List.of(6, ""),
      Arrays.asList(7, null), List.of(8, "ünïcødé 🎉"), List.of(9, "\""), List.of(10, "  spaces kept  "));

  @Test
  void nastyStringsRoundTrip() {
    assertThat(parse(NASTY, ColumnType.INTEGER, ColumnType.VARCHAR)).isEqualTo(NASTY_ROWS);
  }

  @Test
  void oneCharacterReadsGiveTheSameRows() {
    assertThat(parse(oneCharAtATime(NASTY), ColumnType.INTEGER, ColumnType.VARCHAR)).isEqualTo(NASTY_ROWS);
  }

  @Test
  void typedValues() {
    String csv = "32767,-9223372036854775808,1234567890123456789012345678.0123456789,3.4028235e+38,"
        + "1.7976931348623157e+308,t,2008-01-04,2000-01-02 12:34:56.789012,1970-01-01 00:00:01.5+00,"
        + "04:05:06.5,02:05:06+00,00ff10,\"{\"\"a\"\":[1,2]}\"\n"
        + "0,0,-0.0000000001,nan,-inf,f,0001-01-01,1999-12-31 23:59:59,2000-01-01 01:00:00+01,"
        + "00:00:00,23:00:00-02,,\n";
    List<List<Object>> rows = parse(csv, ColumnType.INTEGER, ColumnType.BIGINT, ColumnType.DECIMAL,
        ColumnType.REAL, ColumnType.DOUBLE, ColumnType.BOOLEAN, ColumnType.DATE, ColumnType.TIMESTAMP,
        ColumnType.TIMESTAMPTZ, ColumnType.TIME, ColumnType.TIMETZ, ColumnType.VARBYTE, ColumnType.SUPER);
    assertThat(rows.get(0)).containsExactly(32767, Long.MIN_VALUE,
        new BigDecimal("1234567890123456789012345678.0123456789"), 3.4028235e38f, Double.MAX_VALUE, true,
        "date:" + LocalDate.of(2008, 1, 4).toEpochDay(),
        "ts:" + ((LocalDate.of(2000, 1, 2).toEpochDay() * 86400 + 12 * 3600 + 34 * 60 + 56) * 1_000_000 + 789012),
        "ts:1500000", "time:" + ((4 * 3600 + 5 * 60 + 6) * 1_000_000L + 500_000),
        "time:" + (2 * 3600 + 5 * 60 + 6) * 1_000_000L, "bytes:00ff10", "{\"a\":[1,2]}");
    assertThat(rows.get(1)).containsExactly(0, 0L, new BigDecimal("-0.0000000001"), Float.NaN,
        Double.NEGATIVE_INFINITY, false, "date:" + LocalDate.of(1, 1, 1).toEpochDay(),
        "ts:" + ((LocalDate.of(1999, 12, 31).toEpochDay() * 86400 + 86399) * 1_000_000),
        "ts:" + 946_684_800_000_000L, "time:0", "time:" + 3600L * 1_000_000, "bytes:", null);
  }

  @Test
  void emptyInputAndSingleColumnEmptyStrings() {
    assertThat(parse("", ColumnType.VARCHAR)).isEmpty();
    assertThat(parse("\n\nx\n", ColumnType.VARCHAR)).containsExactly(List.of(""), List.of(""), List.of("x"));
    assertThat(parse("NULL-tdr-x\n", ColumnType.VARCHAR)).containsExactly(Arrays.asList((Object) null));
  }

  @Test
  void hugeValues() {
    String big = "x".repeat(5_000_000) + ",\"y\n".repeat(3) + "\"";
    List<List<Object>> rows = parse("1,\"" + big.replace("\"", "\"\"") + "\"\n", ColumnType.INTEGER, ColumnType.VARCHAR);
    assertThat((String) rows.get(0).get(1)).hasSize(big.length()).isEqualTo(big);
  }

  @Test
  void manyColumns() {
    ColumnType[] types = new ColumnType[1000];
    Arrays.fill(types, ColumnType.INTEGER);
    String line = String.join(",", java.util.Collections.nCopies(1000, "7")) + "\n";
    assertThat(parse(line + line, types)).hasSize(2).allSatisfy(r -> assertThat(r).hasSize(1000).containsOnly(7));
  }

  @Test
  void badValuesNameThePartLineAndColumn() {
    assertThatThrownBy(() -> parse("1,2\n3,x\n", ColumnType.INTEGER, ColumnType.BIGINT))
        .isInstanceOf(CsvParseException.class)
        .hasMessage("s3://b/run/0000_part_00, line 2, column 2: column 'c2' (BIGINT): 'x' is not a BIGINT value (not a number)")
        .satisfies(e -> {
          CsvParseException p = (CsvParseException) e;
          assertThat(p.line()).isEqualTo(2);
          assertThat(p.column()).isEqualTo(2);
          assertThat(p.uri()).isEqualTo("s3://b/run/0000_part_00");
        });
    assertThatThrownBy(() -> parse("1,2\n3\n", ColumnType.INTEGER, ColumnType.INTEGER))
        .hasMessageContaining("line 2").hasMessageContaining("expected 2 fields, found 1");
    assertThatThrownBy(() -> parse("2024-02-30\n", ColumnType.DATE))
        .hasMessageContaining("'2024-02-30' is not a DATE value (not a valid date");
    assertThatThrownBy(() -> parse("abc\n", ColumnType.VARBYTE)).hasMessageContaining("odd number of hex digits");
  }

  @Test
  void moreRowsThanTheManifestSaysIsAnError() {
    RecordingSink sink = new RecordingSink(1);
    assertThatThrownBy(() -> new PartParser(DIALECT, schema(ColumnType.INTEGER))
        .parse(new StringReader("1\n2\n3\n"), "s3://b/p", 1, 2, sink))
        .hasMessageContaining("more rows than the manifest's record_count (2)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1,\"ab\"cd\n", "1,\"x\"\"\"y\n"})
  void malformedCsvIsAnError(String csv) {
    assertThatThrownBy(() -> parse(csv, ColumnType.INTEGER, ColumnType.VARCHAR))
        .isInstanceOf(CsvParseException.class)
        .hasMessageStartingWith("s3://b/run/0000_part_00");
  }

  @Test
  void superNullIsAnEmptyFieldEvenWithNullAs() {
    assertThat(parse(",\"{}\"\nNULL-tdr-x,null\n", ColumnType.SUPER, ColumnType.SUPER))
        .containsExactly(Arrays.asList(null, "{}"), Arrays.asList(null, "null"));
  }
}
