package dev.tdr.bench.jmh;

import dev.tdr.core.csv.ValueParser;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/** Type conversion of single values as UNLOAD writes them: nanoseconds per 1,024 values. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ValueParserBenchmark {
  private final String[] longs = new String[1024];
  private final String[] decimals = new String[1024];
  private final String[] doubles = new String[1024];
  private final String[] dates = new String[1024];
  private final String[] timestamps = new String[1024];

  @Setup
  public void setUp() {
    for (int i = 0; i < 1024; i++) {
      long g = i * 7919L + 1;
      longs[i] = String.valueOf(g * 104729);
      decimals[i] = java.math.BigDecimal.valueOf((g * 104729) % 100000000, 2).toPlainString();
      doubles[i] = String.valueOf(((g * 31) % 100000) / 7.0);
      dates[i] = java.time.LocalDate.of(2020, 1, 1).plusDays(g % 1500).toString();
      timestamps[i] = dates[i] + " " + String.format("%02d:%02d:%02d.%06d", g % 24, g % 60, (g * 7) % 60, g % 1000000);
    }
  }

  @Benchmark
  public void parseLong(Blackhole bh) {
    for (String s : longs) {
      bh.consume(ValueParser.parseLong(s));
    }
  }

  @Benchmark
  public void parseDecimal(Blackhole bh) {
    for (String s : decimals) {
      bh.consume(ValueParser.parseDecimal(s));
    }
  }

  @Benchmark
  public void parseDouble(Blackhole bh) {
    for (String s : doubles) {
      bh.consume(ValueParser.parseDouble(s));
    }
  }

  @Benchmark
  public void parseDate(Blackhole bh) {
    for (String s : dates) {
      bh.consume(ValueParser.parseDate(s));
    }
  }

  @Benchmark
  public void parseTimestamp(Blackhole bh) {
    for (String s : timestamps) {
      bh.consume(ValueParser.parseTimestamp(s));
    }
  }
}
