package dev.tdr.notebook.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tdr.notebook.ValueKind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.dflib.DataFrame;
import org.dflib.Series;
import org.junit.jupiter.api.Test;

class ProfileStatsTest {
  private static final double EPS = 1e-9;

  static ColumnProfile profile(Series<?> s) {
    return Profile.of(DataFrame.byColumn("c").of(s)).columns().get(0);
  }

  @Test
  void integerColumnStatistics() {
    ColumnProfile c = profile(Series.of(1, 2, 3, 4, 100, null));
    assertThat(c.kind()).isEqualTo(ValueKind.INTEGER);
    assertThat(c.count()).isEqualTo(5);
    assertThat(c.missing()).isEqualTo(1);
    assertThat(c.distinct()).isEqualTo(5);
    NumericStats n = c.numeric();
    assertThat(n.finiteCount()).isEqualTo(5);
    assertThat(n.min()).isEqualTo(1);
    assertThat(n.max()).isEqualTo(100);
    assertThat(n.minText()).isEqualTo("1");
    assertThat(n.maxText()).isEqualTo("100");
    // mean = (1+2+3+4+100)/5 = 110/5 = 22
    assertThat(n.mean()).isCloseTo(22, within(EPS));
    // deviations -21,-20,-19,-18,78; squares 441+400+361+324+6084 = 7610; sample var 7610/4 = 1902.5
    assertThat(n.std()).isCloseTo(Math.sqrt(1902.5), within(EPS));
    assertThat(n.std()).isCloseTo(43.6176, within(1e-4));
    // sorted [1,2,3,4,100], h = (n-1)q = 4q
    assertThat(n.p5()).isCloseTo(1.2, within(EPS)); // h=0.2: 1 + 0.2*(2-1)
    assertThat(n.p25()).isCloseTo(2, within(EPS)); // h=1
    assertThat(n.p50()).isCloseTo(3, within(EPS)); // h=2
    assertThat(n.p75()).isCloseTo(4, within(EPS)); // h=3
    assertThat(n.p95()).isCloseTo(80.8, within(EPS)); // h=3.8: 4 + 0.8*(100-4)
    // cubes -9261-8000-6859-5832+474552 = 444600; m3 = 444600/5 = 88920; m2 = 7610/5 = 1522
    // G1 = sqrt(5*4)/(5-2) * m3 / m2^1.5 = 1.490712 * 1.497536 = 2.23239...
    assertThat(n.skewness()).isCloseTo(Math.sqrt(20) / 3 * 88920 / Math.pow(1522, 1.5), within(EPS));
    assertThat(n.skewness()).isCloseTo(2.2324, within(1e-4));
    assertThat(n.zeros()).isZero();
    assertThat(n.negatives()).isZero();
    assertThat(n.nanCount()).isZero();
    assertThat(n.infiniteCount()).isZero();
    assertThat(c.strings()).isNull();
    assertThat(c.temporal()).isNull();
    assertThat(c.booleans()).isNull();
    assertThat(c.has(AlertType.SKEWED)).isTrue();
  }

  @Test
  void histogramEqualWidthBetweenMinAndMax() {
    Histogram h = profile(Series.of(1, 2, 3, 4, 100, null)).numeric().histogram();
    // 20 bins of width (100-1)/20 = 4.95: 1..4 in bin 0 (< 5.95), 100 in the last (closed) bin
    assertThat(h.bins()).hasSize(20);
    assertThat(h.bins().get(0).lower()).isEqualTo(1);
    assertThat(h.bins().get(0).upper()).isCloseTo(5.95, within(EPS));
    assertThat(h.bins().get(0).count()).isEqualTo(4);
    assertThat(h.bins().get(19).upper()).isEqualTo(100);
    assertThat(h.bins().get(19).count()).isEqualTo(1);
    assertThat(h.total()).isEqualTo(5);
    assertThat(h.bins().subList(1, 19)).allMatch(b -> b.count() == 0);
  }

  @Test
  void histogramOfFewIntegersUsesOneBinPerValueAndOfEqualValuesOneBin() {
    // 0..4: range + 1 = 5 < 20 bins -> 5 bins of width 0.8
    Histogram h = profile(Series.of(0, 1, 1, 2, 3, 4)).numeric().histogram();
    assertThat(h.bins()).extracting(Histogram.Bin::count).containsExactly(1L, 2L, 1L, 1L, 1L);
    assertThat(h.bins().get(1).lower()).isCloseTo(0.8, within(EPS));

    Histogram one = profile(Series.of(7.5, 7.5, 7.5)).numeric().histogram();
    assertThat(one.bins()).containsExactly(new Histogram.Bin(7.5, 7.5, 3));
  }

  @Test
  void evenCountQuantilesInterpolate() {
    NumericStats n = profile(Series.of(4L, 1L, 3L, 2L)).numeric();
    // sorted [1,2,3,4], h = 3q
    assertThat(n.p25()).isCloseTo(1.75, within(EPS)); // h=0.75: 1 + 0.75*1
    assertThat(n.p50()).isCloseTo(2.5, within(EPS)); // h=1.5
    assertThat(n.p95()).isCloseTo(3.85, within(EPS)); // h=2.85: 3 + 0.85
    // symmetric: skewness 0; std = sqrt((2.25+0.25+0.25+2.25)/3) = sqrt(5/3)
    assertThat(n.skewness()).isCloseTo(0, within(EPS));
    assertThat(n.std()).isCloseTo(Math.sqrt(5.0 / 3), within(EPS));
  }

  @Test
  void zerosAndNegatives() {
    NumericStats n = profile(Series.of(0.0, -1.0, 2.0, -0.0, -3.5)).numeric();
    assertThat(n.zeros()).isEqualTo(2); // 0.0 and -0.0
    assertThat(n.negatives()).isEqualTo(2); // -1, -3.5
    assertThat(n.min()).isEqualTo(-3.5);
    // mean (0-1+2+0-3.5)/5 = -2.5/5 = -0.5
    assertThat(n.mean()).isCloseTo(-0.5, within(EPS));
    // 0.0 and -0.0 are one distinct value: {0, -1, 2, -3.5}
    assertThat(profile(Series.of(0.0, -1.0, 2.0, -0.0, -3.5)).distinct()).isEqualTo(4);
  }

  @Test
  void nanAndInfinityAreCountedButExcluded() {
    ColumnProfile c = profile(Series.of(1.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 3.0, null));
    assertThat(c.kind()).isEqualTo(ValueKind.DOUBLE);
    assertThat(c.count()).isEqualTo(5); // NaN is not null
    assertThat(c.missing()).isEqualTo(1);
    assertThat(c.distinct()).isEqualTo(5);
    NumericStats n = c.numeric();
    assertThat(n.nanCount()).isEqualTo(1);
    assertThat(n.infiniteCount()).isEqualTo(2);
    assertThat(n.finiteCount()).isEqualTo(2);
    assertThat(n.min()).isEqualTo(1);
    assertThat(n.max()).isEqualTo(3);
    assertThat(n.mean()).isCloseTo(2, within(EPS)); // (1+3)/2
    assertThat(n.std()).isCloseTo(Math.sqrt(2), within(EPS)); // sqrt((1+1)/1)
    assertThat(n.p50()).isCloseTo(2, within(EPS));
    assertThat(n.skewness()).isNaN(); // fewer than 3 values
    assertThat(n.negatives()).isZero(); // -Infinity is not a finite value
    assertThat(n.histogram().total()).isEqualTo(2);
    assertThat(c.alerts()).isEmpty();
  }

  @Test
  void allNanColumnHasNaNStatistics() {
    NumericStats n = profile(Series.of(Double.NaN, Double.NaN)).numeric();
    assertThat(n.nanCount()).isEqualTo(2);
    assertThat(n.finiteCount()).isZero();
    assertThat(n.mean()).isNaN();
    assertThat(n.minText()).isNull();
    assertThat(n.histogram().bins()).isEmpty();
  }

  @Test
  void exactMinMaxTextForBigDecimalAndLong() {
    ColumnProfile d = profile(Series.of(new BigDecimal("12345678901234567.89"), new BigDecimal("1.10"),
        new BigDecimal("1.1"), new BigDecimal("12345678901234567.88")));
    assertThat(d.kind()).isEqualTo(ValueKind.DECIMAL);
    assertThat(d.numeric().minText()).isEqualTo("1.10"); // the first of the equal smallest
    assertThat(d.numeric().maxText()).isEqualTo("12345678901234567.89"); // doubles could not tell .88 from .89
    assertThat(d.distinct()).isEqualTo(3); // 1.10 == 1.1

    ColumnProfile l = profile(Series.of(Long.MAX_VALUE - 1, Long.MAX_VALUE, 5L));
    assertThat(l.numeric().maxText()).isEqualTo("9223372036854775807");
    assertThat(l.numeric().minText()).isEqualTo("5");
  }

  @Test
  void mixedIntegerWidthsCompareByValue() {
    ColumnProfile c = profile(Series.<Object>of((short) 1, 1, 1L, 2));
    assertThat(c.kind()).isEqualTo(ValueKind.BIGINT);
    assertThat(c.distinct()).isEqualTo(2);
    assertThat(c.topValues().get(0)).isEqualTo(new ValueCount("1", 3));
  }

  @Test
  void stringLengthsInCodePoints() {
    ColumnProfile c = profile(Series.of("héllo", "", "  ", "a\uD83D\uDE00", null, "héllo"));
    assertThat(c.kind()).isEqualTo(ValueKind.STRING);
    assertThat(c.count()).isEqualTo(5);
    assertThat(c.missing()).isEqualTo(1); // "" is a value, only null is missing
    assertThat(c.distinct()).isEqualTo(4);
    StringStats s = c.strings();
    // lengths 5, 0, 2, 2 (a + one emoji), 5
    assertThat(s.minLength()).isZero();
    assertThat(s.maxLength()).isEqualTo(5);
    assertThat(s.meanLength()).isCloseTo(14 / 5.0, within(EPS));
    assertThat(s.empty()).isEqualTo(1);
    assertThat(s.blank()).isEqualTo(2); // "" and "  "
    // most frequent first, then ties by text: "" < "  " < "a😀"
    assertThat(c.topValues()).containsExactly(new ValueCount("héllo", 2), new ValueCount("", 1),
        new ValueCount("  ", 1), new ValueCount("a\uD83D\uDE00", 1));
    assertThat(c.numeric()).isNull();
  }

  @Test
  void topValuesAreLimitedAndDeterministic() {
    Series<String> s = Series.of("b", "a", "c", "b", "d", "e", "f", "a", "g");
    ColumnProfile c = Profile.of(DataFrame.byColumn("c").of(s), ProfileOptions.defaults().withTopValues(3))
        .columns().get(0);
    assertThat(c.topValues()).containsExactly(new ValueCount("a", 2), new ValueCount("b", 2), new ValueCount("c", 1));
    ColumnProfile none = Profile.of(DataFrame.byColumn("c").of(s), ProfileOptions.defaults().withTopValues(0))
        .columns().get(0);
    assertThat(none.topValues()).isEmpty();
  }

  @Test
  void datesAndTimestamps() {
    ColumnProfile d = profile(Series.of(LocalDate.of(2024, 3, 1), LocalDate.of(2023, 12, 31), null,
        LocalDate.of(2024, 1, 15)));
    assertThat(d.kind()).isEqualTo(ValueKind.DATE);
    assertThat(d.temporal().min()).isEqualTo("2023-12-31");
    assertThat(d.temporal().max()).isEqualTo("2024-03-01");
    assertThat(d.temporal().histogramUnit()).isEqualTo("epochDay");
    assertThat(d.temporal().histogram().total()).isEqualTo(3);
    assertThat(d.temporal().histogram().bins().get(0).lower())
        .isEqualTo(LocalDate.of(2023, 12, 31).toEpochDay());

    ColumnProfile ts = profile(Series.of(LocalDateTime.of(2024, 1, 1, 10, 0), LocalDateTime.of(2023, 1, 1, 0, 0, 1, 500)));
    assertThat(ts.temporal().min()).isEqualTo("2023-01-01T00:00:01.0000005");
    assertThat(ts.temporal().max()).isEqualTo("2024-01-01T10:00:00");

    // 10:00+02:00 is 08:00Z, before 09:00Z
    ColumnProfile tz = profile(Series.of(OffsetDateTime.of(2024, 1, 1, 9, 0, 0, 0, ZoneOffset.UTC),
        OffsetDateTime.of(2024, 1, 1, 10, 0, 0, 0, ZoneOffset.ofHours(2))));
    assertThat(tz.kind()).isEqualTo(ValueKind.TIMESTAMPTZ);
    assertThat(tz.temporal().min()).isEqualTo("2024-01-01T10:00:00+02:00");
    assertThat(tz.temporal().max()).isEqualTo("2024-01-01T09:00:00Z");

    ColumnProfile t = profile(Series.of(LocalTime.of(23, 59), LocalTime.of(0, 0, 1)));
    assertThat(t.temporal().min()).isEqualTo("00:00:01");
    assertThat(t.temporal().histogram().bins().get(0).lower()).isEqualTo(1); // second of day
  }

  @Test
  void booleans() {
    ColumnProfile c = profile(Series.of(true, false, true, null));
    assertThat(c.kind()).isEqualTo(ValueKind.BOOLEAN);
    assertThat(c.booleans()).isEqualTo(new BooleanStats(2, 1));
    assertThat(c.topValues()).containsExactly(new ValueCount("true", 2), new ValueCount("false", 1));
  }

  @Test
  void bytesByContentAndHexDisplay() {
    byte[] big = new byte[40];
    ColumnProfile c = profile(Series.of(new byte[] {(byte) 0xde, (byte) 0xad}, new byte[] {(byte) 0xde, (byte) 0xad}, big));
    assertThat(c.kind()).isEqualTo(ValueKind.BYTES);
    assertThat(c.distinct()).isEqualTo(2);
    assertThat(c.topValues().get(0)).isEqualTo(new ValueCount("\\xdead", 2));
    assertThat(c.topValues().get(1).value()).isEqualTo("\\x" + "00".repeat(32) + "…");
  }

  @Test
  void tableSummaryCountsMissingCellsAndMemory() {
    DataFrame df = DataFrame.byColumn("a", "b").of(Series.of(1, null, 3), Series.of(null, null, "xy"));
    TableSummary t = Profile.of(df).table();
    assertThat(t.rows()).isEqualTo(3);
    assertThat(t.columns()).isEqualTo(2);
    assertThat(t.missingCells()).isEqualTo(3);
    assertThat(t.missingCellsRatio()).isCloseTo(0.5, within(EPS)); // 3 of 6
    // 6 cells * 4 (references) + 2 Integers * 16 + "xy" (24 + align(16 + 2) = 24 + 24)
    assertThat(t.memoryBytes()).isEqualTo(6 * 4 + 2 * 16 + 48);
    DataFrame prim = DataFrame.byColumn("i", "d").of(Series.ofInt(1, 2, 3), Series.ofDouble(1, 2, 3));
    assertThat(Profile.of(prim).table().memoryBytes()).isEqualTo(3 * 4 + 3 * 8);
  }

  @Test
  void numberFormats() {
    assertThat(NumberFormats.num(22)).isEqualTo("22");
    assertThat(NumberFormats.num(-0.0)).isEqualTo("0");
    assertThat(NumberFormats.num(43.61765697)).isEqualTo("43.6177");
    assertThat(NumberFormats.num(123456789.5)).isEqualTo("123456790"); // the integer part is kept
    assertThat(NumberFormats.num(0.000012345)).isEqualTo("1.2345e-5");
    assertThat(NumberFormats.num(Double.NaN)).isEqualTo("NaN");
    assertThat(NumberFormats.num(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
    assertThat(NumberFormats.svg(12.345)).isEqualTo("12.35");
    assertThat(List.of(NumberFormats.bytes(512), NumberFormats.bytes(1536))).containsExactly("512 B", "1.5 KiB");
  }
}
