package dev.tdr.bench.jmh;

import com.univocity.parsers.csv.CsvParser;
import dev.tdr.core.Schema;
import dev.tdr.core.csv.CsvDialect;
import dev.tdr.core.csv.PartParser;
import dev.tdr.core.csv.RowSink;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The part parser against univocity's raw string parsing of the same bytes (about 8 MB, the
 * benchmark table's columns), two threads as on a 2-core machine. Throughput in passes per
 * second; multiply by {@link #bytes} for MB/s. Goal: {@code typed} at least 60% of {@code raw}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Threads(2)
public class PartParserBenchmark {
  private List<byte[]> parts;
  private CsvDialect dialect;
  private Schema schema;
  /** Bytes per pass. */
  public long bytes;

  @Setup
  public void setUp() {
    dialect = CsvDialect.forNewUnload();
    schema = SyntheticParts.schema();
    parts = SyntheticParts.generate(dialect, 4, 15_000);
    bytes = parts.stream().mapToLong(p -> p.length).sum();
  }

  /** univocity's parse into String[] rows: the ceiling for any parser built on it. */
  @Benchmark
  public void raw(Blackhole bh) {
    CsvParser parser = new CsvParser(dialect.parserSettings(schema.size()));
    for (byte[] part : parts) {
      parser.beginParsing(new InputStreamReader(new ByteArrayInputStream(part), StandardCharsets.UTF_8));
      String[] row;
      while ((row = parser.parseNext()) != null) {
        bh.consume(row);
      }
      parser.stopParsing();
    }
  }

  /** TDR's part parser: the same parse, then every value converted to its type. */
  @Benchmark
  public void typed(Blackhole bh) {
    PartParser parser = new PartParser(dialect, schema);
    RowSink sink = new BlackholeSink(bh);
    for (byte[] part : parts) {
      parser.parse(new InputStreamReader(new ByteArrayInputStream(part), StandardCharsets.UTF_8), "memory", 1,
          Long.MAX_VALUE, sink);
    }
  }

  /** Hands every value to the blackhole. */
  static final class BlackholeSink implements RowSink {
    private final Blackhole bh;

    BlackholeSink(Blackhole bh) {
      this.bh = bh;
    }

    @Override
    public void nullValue(int column) {
      bh.consume(column);
    }

    @Override
    public void intValue(int column, int value) {
      bh.consume(value);
    }

    @Override
    public void longValue(int column, long value) {
      bh.consume(value);
    }

    @Override
    public void floatValue(int column, float value) {
      bh.consume(value);
    }

    @Override
    public void doubleValue(int column, double value) {
      bh.consume(value);
    }

    @Override
    public void booleanValue(int column, boolean value) {
      bh.consume(value);
    }

    @Override
    public void decimalValue(int column, BigDecimal value) {
      bh.consume(value);
    }

    @Override
    public void stringValue(int column, String value) {
      bh.consume(value);
    }

    @Override
    public void dateValue(int column, int epochDay) {
      bh.consume(epochDay);
    }

    @Override
    public void timestampValue(int column, long epochMicros) {
      bh.consume(epochMicros);
    }

    @Override
    public void timeValue(int column, long microsOfDay) {
      bh.consume(microsOfDay);
    }

    @Override
    public void bytesValue(int column, byte[] value) {
      bh.consume(value);
    }

    @Override
    public void endRow() {
      bh.consume(0);
    }
  }
}
