package dev.tdr.core.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdr.core.Column;
import dev.tdr.core.ColumnType;
import dev.tdr.core.CsvParseException;
import dev.tdr.core.Schema;
import dev.tdr.core.TdrException;
import dev.tdr.core.csv.CsvDialect;
import dev.tdr.core.csv.PartParser;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The byte decoder against the general parser (univocity + the same value conversions) as an
 * independent oracle: on generated parts of every type both must give the same values, at every
 * buffer size and with one byte per read; on malformed input both must refuse.
 */
class PartDecoderTest {
  private static final String URI = "s3://b/run/0000_part_00";
  private static final CsvDialect MARKER = CsvDialect.of(',', "NULL-tdr-0123456789abcdef");
  private static final CsvDialect EMPTY_NULL = CsvDialect.existingCsv(null);

  /** What a reader made of a part: its rows as cells, or the error. */
  private record Outcome(List<List<Object>> rows, TdrException error) {
    boolean failed() {
      return error != null;
    }
  }

  private static Outcome oracle(byte[] part, CsvDialect dialect, Schema schema) {
    Columns out = new Columns(schema, 1 << 16);
    try (Reader in = new InputStreamReader(new ByteArrayInputStream(part), StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT))) {
      long rows = new PartParser(dialect, schema).parse(in, URI, 1, out.capacity(), out.rowSink(0, out.capacity()));
      return new Outcome(cells(out, (int) rows), null);
    } catch (TdrException e) {
      return new Outcome(null, e);
    } catch (RuntimeException | java.io.IOException e) {
      // univocity wraps decoding errors of the reader
      return new Outcome(null, new TdrException(String.valueOf(e), e));
    }
  }

  private static Outcome decoded(InputStream in, CsvDialect dialect, Schema schema, int buffer) {
    return decoded(in, dialect, schema, buffer, Columns.Strings.OBJECTS, null);
  }

  private static Outcome decoded(InputStream in, CsvDialect dialect, Schema schema, int buffer,
      Columns.Strings strings, boolean[] skip) {
    Columns out = new Columns(schema, 1 << 16, strings);
    PartDecoder d = new PartDecoder(dialect, schema, buffer, skip);
    d.begin(in, URI, 1, out, 0, out.capacity());
    try {
      int rows = d.decode(0, out.capacity());
      return new Outcome(cells(out, rows), null);
    } catch (TdrException e) {
      return new Outcome(null, e);
    }
  }

  static List<List<Object>> cells(Columns c, int rows) {
    List<List<Object>> out = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      List<Object> row = new ArrayList<>();
      for (int k = 0; k < c.schema().size(); k++) {
        row.add(cell(c, k, r));
      }
      out.add(row);
    }
    return out;
  }

  private static Object cell(Columns c, int k, int r) {
    if (c.isNull(k, r)) {
      return null;
    }
    return switch (c.layout(k)) {
      case INT -> c.ints(k)[r];
      case LONG -> c.longs(k)[r];
      case DECIMAL -> c.decimal(k, r);
      case FLOAT -> "f:" + Float.floatToIntBits(c.floats(k)[r]);
      case DOUBLE -> "d:" + Double.doubleToLongBits(c.doubles(k)[r]);
      case BOOLEAN -> c.booleans(k)[r];
      case OBJECT -> c.objects(k)[r] instanceof byte[] b ? "bytes:" + java.util.HexFormat.of().formatHex(b)
          : c.objects(k)[r];
      case UTF8 -> c.string(k, r);
    };
  }

  /** A stream that hands out one byte per read call. */
  static InputStream oneByteAtATime(byte[] b) {
    return new InputStream() {
      private int pos;

      @Override
      public int read() {
        return pos < b.length ? b[pos++] & 0xff : -1;
      }

      @Override
      public int read(byte[] buf, int off, int len) {
        if (pos >= b.length) {
          return -1;
        }
        buf[off] = b[pos++];
        return 1;
      }
    };
  }

  private static void assertSame(byte[] part, CsvDialect dialect, Schema schema) {
    Outcome expected = oracle(part, dialect, schema);
    Outcome actual = decoded(new ByteArrayInputStream(part), dialect, schema, PartDecoder.DEFAULT_BUFFER);
    assertThat(actual.failed()).as("verdict (oracle: %s, decoder: %s)", expected.error, actual.error)
        .isEqualTo(expected.failed());
    if (!expected.failed()) {
      assertThat(actual.rows).hasSameSizeAs(expected.rows);
      for (int r = 0; r < expected.rows.size(); r++) {
        assertThat(actual.rows.get(r)).as("row %d", r).isEqualTo(expected.rows.get(r));
      }
    }
  }

  @Test
  void randomPartsOfEveryTypeDecodeAsTheGeneralParserReadsThem() {
    Schema schema = RandomParts.schema();
    for (long seed = 1; seed <= 40; seed++) {
      CsvDialect dialect = seed % 2 == 0 ? MARKER : EMPTY_NULL;
      byte[] part = new RandomParts(seed, dialect.nullMarker(), ',').part(schema, 300);
      assertSame(part, dialect, schema);
    }
  }

  @Test
  void otherDelimiters() {
    Schema schema = RandomParts.schema();
    for (char delimiter : new char[] {'|', '\t', ';', ' '}) {
      CsvDialect dialect = CsvDialect.of(delimiter, "NULL-x");
      assertSame(new RandomParts(delimiter, "NULL-x", delimiter).part(schema, 200), dialect, schema);
    }
  }

  @Test
  void everyBufferSizeAndOneByteReadsGiveTheSameRows() {
    Schema schema = RandomParts.schema();
    byte[] part = new RandomParts(7, MARKER.nullMarker(), ',').part(schema, 40);
    Outcome whole = decoded(new ByteArrayInputStream(part), MARKER, schema, PartDecoder.DEFAULT_BUFFER);
    assertThat(whole.failed()).isFalse();
    assertThat(whole.rows).isEqualTo(oracle(part, MARKER, schema).rows);
    for (int buffer = 1; buffer <= 80; buffer++) {
      Outcome small = decoded(new ByteArrayInputStream(part), MARKER, schema, buffer);
      assertThat(small.rows).as("buffer of %d bytes", buffer).isEqualTo(whole.rows);
    }
    for (int buffer : new int[] {1, 13, 4096}) {
      assertThat(decoded(oneByteAtATime(part), MARKER, schema, buffer).rows).as("1-byte reads, buffer %d", buffer)
          .isEqualTo(whole.rows);
    }
  }

  @Test
  void stringsKeptAsUtf8BytesGiveTheSameValuesAtEveryBufferSize() {
    // records cut by the buffer's end are decoded again: their text must replace, not follow, the first try
    Schema schema = RandomParts.schema();
    for (long seed = 1; seed <= 10; seed++) {
      CsvDialect dialect = seed % 2 == 0 ? MARKER : EMPTY_NULL;
      byte[] part = new RandomParts(seed, dialect.nullMarker(), ',').part(schema, 120);
      List<List<Object>> expected = oracle(part, dialect, schema).rows;
      for (int buffer : new int[] {1, 2, 7, 31, 64, 1000, PartDecoder.DEFAULT_BUFFER}) {
        Outcome o = decoded(new ByteArrayInputStream(part), dialect, schema, buffer, Columns.Strings.UTF8, null);
        assertThat(o.error).as("seed %d, buffer %d", seed, buffer).isNull();
        assertThat(o.rows).as("seed %d, buffer %d", seed, buffer).isEqualTo(expected);
      }
      assertThat(decoded(oneByteAtATime(part), dialect, schema, 3, Columns.Strings.UTF8, null).rows)
          .as("seed %d, 1-byte reads", seed).isEqualTo(expected);
    }
  }

  @Test
  void skippedColumnsAreScannedButNotConverted() {
    Schema schema = RandomParts.schema();
    byte[] part = new RandomParts(11, MARKER.nullMarker(), ',').part(schema, 200);
    List<List<Object>> expected = oracle(part, MARKER, schema).rows;
    boolean[] skip = new boolean[schema.size()];
    for (int c = 0; c < skip.length; c += 2) {
      skip[c] = true;
    }
    for (int buffer : new int[] {5, 64, PartDecoder.DEFAULT_BUFFER}) {
      Outcome o = decoded(new ByteArrayInputStream(part), MARKER, schema, buffer, Columns.Strings.UTF8, skip);
      assertThat(o.rows).hasSameSizeAs(expected);
      for (int r = 0; r < expected.size(); r++) {
        for (int c = 1; c < skip.length; c += 2) {
          assertThat(o.rows.get(r).get(c)).as("row %d, column %d", r, c).isEqualTo(expected.get(r).get(c));
        }
      }
    }
    // a bad value in a skipped column is not looked at; a broken quote still is
    Schema two = schema(ColumnType.INTEGER, ColumnType.VARCHAR);
    assertThat(decoded(new ByteArrayInputStream("x1,a\n2,b\n".getBytes(StandardCharsets.UTF_8)), MARKER, two, 64,
        Columns.Strings.UTF8, new boolean[] {true, false}).rows).extracting(row -> row.get(1)).containsExactly("a", "b");
    assertThat(decoded(new ByteArrayInputStream("1,a\n\"x\"y,b\n".getBytes(StandardCharsets.UTF_8)), MARKER, two, 64,
        Columns.Strings.UTF8, new boolean[] {true, false}).error).isInstanceOf(CsvParseException.class)
        .hasMessageContaining("line 2, column 1");
  }

  @Test
  void recordsCutAtEveryByteOfABufferBoundary() {
    // a short, dense part: every record boundary, quote and doubled quote falls on a buffer edge
    Schema schema = schema(ColumnType.INTEGER, ColumnType.VARCHAR, ColumnType.TIMESTAMP, ColumnType.DOUBLE);
    String csv = "1,\"a,\"\"b\"\"\nc\",2000-01-02 12:34:56.789012,1.5\n"
        + "2,,1999-12-31 23:59:59,nan\n"
        + "NULL-x,\"\"\"\",NULL-x,-inf\n"
        + "-2147483648,ünïcødé 🎉,0001-01-01 00:00:00,4.9e-324\n";
    byte[] part = csv.getBytes(StandardCharsets.UTF_8);
    CsvDialect dialect = CsvDialect.of(',', "NULL-x");
    List<List<Object>> expected = oracle(part, dialect, schema).rows;
    assertThat(expected).hasSize(4);
    for (int buffer = 1; buffer <= part.length + 1; buffer++) {
      Outcome o = decoded(new ByteArrayInputStream(part), dialect, schema, buffer);
      assertThat(o.error).as("buffer %d", buffer).isNull();
      assertThat(o.rows).as("buffer %d", buffer).isEqualTo(expected);
    }
  }

  private static Schema schema(ColumnType... types) {
    List<Column> cols = new ArrayList<>();
    for (int i = 0; i < types.length; i++) {
      cols.add(new Column("c" + (i + 1), types[i], types[i] == ColumnType.DECIMAL ? 12 : 0,
          types[i] == ColumnType.DECIMAL ? 2 : 0, types[i].name().toLowerCase()));
    }
    return new Schema(cols);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "1,\"ab\"cd\n", "1,\"x\"\"\"y\n", "x,a\n", "1\n", "1,a,b\n", "1,a\n2\n", "12x,a\n", ",a\n", "1.5,a\n",
      "99999999999,a\n", "1,\"a\" \"b\"\n", "\n", "1,a\n\n"})
  void malformedInputIsRefusedByBoth(String csv) {
    Schema schema = schema(ColumnType.INTEGER, ColumnType.VARCHAR);
    byte[] part = csv.getBytes(StandardCharsets.UTF_8);
    assertThat(oracle(part, MARKER, schema).failed()).as("oracle").isTrue();
    assertThat(decoded(new ByteArrayInputStream(part), MARKER, schema, 4).error)
        .isInstanceOf(CsvParseException.class).hasMessageStartingWith(URI);
  }

  @ParameterizedTest
  @ValueSource(strings = {"2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "2024-01-1x", "20240101", "x"})
  void badDatesAreRefusedByBoth(String date) {
    Schema schema = schema(ColumnType.DATE);
    byte[] part = (date + "\n").getBytes(StandardCharsets.UTF_8);
    assertThat(oracle(part, MARKER, schema).failed()).isTrue();
    assertThat(decoded(new ByteArrayInputStream(part), MARKER, schema, 64).error)
        .hasMessageContaining("line 1, column 1: column 'c1' (DATE): '" + date + "' is not a DATE value");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ff", "c0af", "e282", "eda080", "f4908080", "80", "f0", "c3"})
  void malformedUtf8IsRefusedByBoth(String hex) {
    Schema schema = schema(ColumnType.INTEGER, ColumnType.VARCHAR);
    byte[] bad = java.util.HexFormat.of().parseHex(hex.length() % 2 == 0 ? hex : hex + "0");
    byte[] part = concat("1,a".getBytes(StandardCharsets.UTF_8), bad, "z\n".getBytes(StandardCharsets.UTF_8));
    assertThat(oracle(part, MARKER, schema).failed()).as("oracle").isTrue();
    assertThat(decoded(new ByteArrayInputStream(part), MARKER, schema, 64).error)
        .hasMessageContaining("line 1, column 2: not valid UTF-8");
  }

  private static byte[] concat(byte[]... parts) {
    int n = Arrays.stream(parts).mapToInt(p -> p.length).sum();
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  @Test
  void anUnclosedQuoteAtTheEndIsAnErrorWhereTheGeneralParserTakesTheRest() {
    // univocity reads an unclosed quoted field at the end of the input as the rest of the input;
    // a part cut inside a quoted field is truncated, so the byte decoder refuses it
    Schema schema = schema(ColumnType.INTEGER, ColumnType.VARCHAR);
    byte[] part = "1,\"ab,c\n".getBytes(StandardCharsets.UTF_8);
    assertThat(oracle(part, MARKER, schema).rows).containsExactly(List.of(1, "ab,c\n"));
    assertThat(decoded(new ByteArrayInputStream(part), MARKER, schema, 64).error)
        .hasMessageContaining("line 1, column 2: a quoted field is not closed before the end of the part");
  }

  @Test
  void errorsNameTheLineCountingNewlinesInsideQuotes() {
    Schema schema = schema(ColumnType.INTEGER, ColumnType.VARCHAR);
    byte[] part = "1,\"a\nb\nc\"\n2,x\n3x,y\n".getBytes(StandardCharsets.UTF_8);
    assertThat(decoded(new ByteArrayInputStream(part), MARKER, schema, 3).error)
        .hasMessage(URI + ", line 5, column 1: column 'c1' (INTEGER): '3x' is not a INTEGER value (not a number)");
  }

  @Test
  void aFinalRecordWithoutItsNewlineAndEmptyParts() {
    Schema schema = schema(ColumnType.INTEGER, ColumnType.VARCHAR);
    for (String csv : new String[] {"", "1,a", "1,a\n2,\"b\"", "1,"}) {
      byte[] part = csv.getBytes(StandardCharsets.UTF_8);
      Outcome o = decoded(new ByteArrayInputStream(part), MARKER, schema, 2);
      assertThat(o.rows).as(csv).isEqualTo(oracle(part, MARKER, schema).rows);
    }
  }

  @Test
  void repeatedStringsShareOneInstanceUniqueOnesDoNot() {
    Schema schema = schema(ColumnType.VARCHAR, ColumnType.VARCHAR);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      sb.append(i % 3 == 0 ? "roku" : i % 3 == 1 ? "firetv" : "web").append(",unique value ").append(i).append('\n');
    }
    Columns out = new Columns(schema, 20_000);
    PartDecoder d = new PartDecoder(MARKER, schema);
    d.begin(new ByteArrayInputStream(sb.toString().getBytes(StandardCharsets.UTF_8)), URI, 1, out, 0, 20_000);
    assertThat(d.decode(0, 20_000)).isEqualTo(20_000);
    java.util.Set<Object> apps = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    apps.addAll(Arrays.asList(out.objects(0)));
    assertThat(apps).hasSize(3);
    assertThat(out.objects(1)[19_999]).isEqualTo("unique value 19999");
    assertThat(Arrays.stream(out.objects(1)).map(Objects::toString).distinct().count()).isEqualTo(20_000);
  }

  @Test
  void decimalsWithoutAPrecisionKeepEachValuesScaleAndWideOnesOverflow() {
    Schema schema = new Schema(List.of(new Column("any", ColumnType.DECIMAL, 0, 0, "numeric"),
        new Column("wide", ColumnType.DECIMAL, 38, 4, "numeric")));
    byte[] part = ("1.5,1.5000\n-7,12345678901234567890.1234\n0.000,-0.0001\n"
        + "123456789012345678901234567890,99999999999999.9999\n1E+3,1\n").getBytes(StandardCharsets.UTF_8);
    Outcome o = decoded(new ByteArrayInputStream(part), MARKER, schema, 7);
    assertThat(o.rows).containsExactly(
        List.of(new BigDecimal("1.5"), new BigDecimal("1.5000")),
        List.of(new BigDecimal("-7"), new BigDecimal("12345678901234567890.1234")),
        List.of(new BigDecimal("0.000"), new BigDecimal("-0.0001")),
        List.of(new BigDecimal("123456789012345678901234567890"), new BigDecimal("99999999999999.9999")),
        List.of(new BigDecimal("1E+3"), new BigDecimal("1.0000")));
    assertThat(o.rows).isEqualTo(oracle(part, MARKER, schema).rows);
  }

  @Test
  void decimalsKeepTheirScaleOrAreRefused() {
    Schema schema = schema(ColumnType.DECIMAL);
    byte[] part = "1.5\n-0.25\n7\n1.500\n12345678901.99\n".getBytes(StandardCharsets.UTF_8);
    Outcome o = decoded(new ByteArrayInputStream(part), MARKER, schema, 64);
    assertThat(o.rows).containsExactly(List.of(new BigDecimal("1.50")), List.of(new BigDecimal("-0.25")),
        List.of(new BigDecimal("7.00")), List.of(new BigDecimal("1.50")), List.of(new BigDecimal("12345678901.99")));
    assertThat(o.rows).isEqualTo(oracle(part, MARKER, schema).rows);
    byte[] rounding = "1.555\n".getBytes(StandardCharsets.UTF_8);
    assertThat(oracle(rounding, MARKER, schema).failed()).isTrue();
    assertThatThrownBy(() -> {
      throw decoded(new ByteArrayInputStream(rounding), MARKER, schema, 64).error;
    }).hasMessageContaining("more than the column's 2 decimal places");
  }
}
