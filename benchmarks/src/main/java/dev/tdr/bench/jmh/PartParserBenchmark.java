package dev.tdr.bench.jmh;

import dev.tdr.bench.ParserThroughput;
import dev.tdr.core.Schema;
import dev.tdr.core.csv.CsvDialect;
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

/**
 * TDR's byte decoder against univocity's raw string parsing of the same bytes (about 8 MB, the
 * benchmark table's columns), two threads as on a 2-core machine: the same passes {@code tdr
 * bench} times ({@link ParserThroughput}). Throughput in passes per second; multiply by {@link
 * #bytes} for MB/s. Goal: {@code typed} at least 150% of {@code raw} (aim 250%).
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
  public long raw() {
    return ParserThroughput.rawPass(parts, dialect, schema.size());
  }

  /** TDR's byte decoder: every value converted to its type, into unboxed columns. */
  @Benchmark
  public long typed() {
    return ParserThroughput.typedPass(parts, dialect, schema);
  }

  /** TDR's general parser: univocity's parse, then every value converted (other dialects). */
  @Benchmark
  public long general() {
    return ParserThroughput.generalPass(parts, dialect, schema);
  }
}
