package dev.tdr.notebook.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tdr.notebook.ValueKind;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.dflib.DataFrame;
import org.dflib.Series;
import org.junit.jupiter.api.Test;

/** The sorted (long/double) ways give what the general HashMap way gives. */
class ProfilePathsTest {

  private static void sameAsHashed(Series<?> s) {
    ProfileOptions o = ProfileOptions.defaults();
    ColumnProfile fast = ColumnProfiler.profile("c", s, o);
    ColumnProfile slow = ColumnProfiler.hashed("c", s, ValueKind.of(s), o);
    assertThat(fast.kind()).isEqualTo(slow.kind());
    assertThat(fast.count()).isEqualTo(slow.count());
    assertThat(fast.missing()).isEqualTo(slow.missing());
    assertThat(fast.distinct()).isEqualTo(slow.distinct());
    assertThat(fast.topValues()).isEqualTo(slow.topValues());
    assertThat(fast.memoryBytes()).isEqualTo(slow.memoryBytes());
    assertThat(fast.alerts()).isEqualTo(slow.alerts());
    if (slow.numeric() != null) {
      // same sorted finite values, same arithmetic
      assertThat(fast.numeric()).isEqualTo(slow.numeric());
    }
    if (slow.temporal() != null) {
      assertThat(fast.temporal().min()).isEqualTo(slow.temporal().min());
      assertThat(fast.temporal().max()).isEqualTo(slow.temporal().max());
      assertThat(fast.temporal().histogramUnit()).isEqualTo(slow.temporal().histogramUnit());
      assertThat(fast.temporal().histogram().bins()).extracting(Histogram.Bin::count)
          .isEqualTo(slow.temporal().histogram().bins().stream().map(Histogram.Bin::count).toList());
    }
  }

  @Test
  void integersDatesTimestampsTimesAndDoubles() {
    Random r = new Random(42);
    int n = 2000;
    Object[] ints = new Object[n];
    Object[] longs = new Object[n];
    Object[] dates = new Object[n];
    Object[] ts = new Object[n];
    Object[] tz = new Object[n];
    Object[] times = new Object[n];
    Object[] doubles = new Object[n];
    Object[] floats = new Object[n];
    for (int i = 0; i < n; i++) {
      boolean nul = r.nextInt(10) == 0;
      ints[i] = nul ? null : r.nextInt(50) - 10;
      longs[i] = nul ? null : r.nextLong();
      dates[i] = nul ? null : LocalDate.of(1999, 1, 1).plusDays(r.nextInt(400));
      ts[i] = nul ? null : LocalDateTime.of(2024, 1, 1, 0, 0).plusSeconds(r.nextInt(1000)).plusNanos(1000L * r.nextInt(3));
      tz[i] = nul ? null : OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(-5)).plusMinutes(r.nextInt(300));
      times[i] = nul ? null : LocalTime.of(r.nextInt(24), r.nextInt(2) * 30);
      int k = r.nextInt(40);
      doubles[i] = nul ? null : k == 0 ? Double.NaN : k == 1 ? Double.POSITIVE_INFINITY : k == 2
          ? Double.NEGATIVE_INFINITY : r.nextInt(100) / 8.0 - 3;
      floats[i] = nul ? null : (float) (r.nextInt(30) / 4.0);
    }
    for (Object[] col : new Object[][] {ints, longs, dates, ts, tz, times, doubles, floats}) {
      sameAsHashed(Series.of(col));
    }
    assertThat(ValueKind.of(Series.of(floats))).isEqualTo(ValueKind.REAL);
  }

  @Test
  void valuesWithoutCodesTakeTheGeneralWay() {
    // nanoseconds, mixed offsets: still right
    ColumnProfile nanos = ColumnProfiler.profile("c", Series.of(LocalDateTime.of(2024, 1, 1, 0, 0, 0, 1),
        LocalDateTime.of(2024, 1, 1, 0, 0, 0, 2), LocalDateTime.of(2024, 1, 1, 0, 0, 0, 1)), ProfileOptions.defaults());
    assertThat(nanos.distinct()).isEqualTo(2);
    assertThat(nanos.topValues().get(0)).isEqualTo(new ValueCount("2024-01-01T00:00:00.000000001", 2));
    // the same instant in two offsets: two values, ordered by instant
    ColumnProfile offsets = ColumnProfiler.profile("c", Series.of(
        OffsetDateTime.of(2024, 1, 1, 12, 0, 0, 0, ZoneOffset.UTC),
        OffsetDateTime.of(2024, 1, 1, 13, 0, 0, 0, ZoneOffset.ofHours(1)),
        OffsetDateTime.of(2024, 1, 1, 11, 0, 0, 0, ZoneOffset.UTC)), ProfileOptions.defaults());
    assertThat(offsets.distinct()).isEqualTo(3);
    assertThat(offsets.temporal().min()).isEqualTo("2024-01-01T11:00:00Z");
    // one offset: the sorted way keeps it
    ColumnProfile one = ColumnProfiler.profile("c", Series.of(
        OffsetDateTime.of(2024, 1, 1, 13, 0, 0, 0, ZoneOffset.ofHours(1)),
        OffsetDateTime.of(2024, 1, 1, 12, 0, 0, 0, ZoneOffset.ofHours(1))), ProfileOptions.defaults());
    assertThat(one.temporal().min()).isEqualTo("2024-01-01T12:00:00+01:00");
    assertThat(one.temporal().histogram().bins().get(0).lower())
        .isCloseTo(OffsetDateTime.of(2024, 1, 1, 11, 0, 0, 0, ZoneOffset.UTC).toEpochSecond(), within(1e-6));
  }

  @Test
  void isoTextMatchesTheJdkFormatters() {
    Random r = new Random(7);
    for (int i = 0; i < 500; i++) {
      int nano = switch (i % 4) {
        case 0 -> 0;
        case 1 -> r.nextInt(1000) * 1_000_000;
        case 2 -> r.nextInt(1_000_000) * 1000;
        default -> r.nextInt(1_000_000_000);
      };
      LocalDateTime t = LocalDateTime.of(r.nextInt(12000) - 1000, 1 + r.nextInt(12), 1 + r.nextInt(28),
          r.nextInt(24), r.nextInt(60), i % 7 == 0 ? 0 : r.nextInt(60), nano);
      ZoneOffset off = ZoneOffset.ofTotalSeconds((r.nextInt(48) - 24) * 1800);
      assertThat(ValueText.display(t)).isEqualTo(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t));
      assertThat(ValueText.display(t.atOffset(off))).isEqualTo(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atOffset(off)));
      assertThat(ValueText.display(t.toLocalTime())).isEqualTo(DateTimeFormatter.ISO_LOCAL_TIME.format(t.toLocalTime()));
      OffsetTime ot = t.toLocalTime().atOffset(off);
      assertThat(ValueText.display(ot)).isEqualTo(DateTimeFormatter.ISO_OFFSET_TIME.format(ot));
    }
  }

  @Test
  void textShowsTheRestOfTheValues() {
    String text = Profile.of(DataFrame.byColumn("c").of(Series.of("a", "a", "b", "c", "d", "e", "f", "g")),
        ProfileOptions.defaults().withTopValues(2)).toText();
    // 8 values: a 2, b 1 shown; the other 5 distinct values hold 5 rows (62.5%)
    assertThat(text).contains("    \"a\"         2  25.0%  ####################\n")
        .contains("    \"b\"         1  12.5%  ##########\n")
        .contains("    (5 others)  5  62.5%\n");
  }
}
