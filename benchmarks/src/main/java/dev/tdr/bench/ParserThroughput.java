package dev.tdr.bench;

import com.univocity.parsers.csv.CsvParser;
import dev.tdr.core.Schema;
import dev.tdr.core.csv.CsvDialect;
import dev.tdr.core.csv.PartParser;
import dev.tdr.core.read.Columns;
import dev.tdr.core.read.PartReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Parsing throughput on the same bytes, every core busy: univocity's raw parse into {@code
 * String[]} rows (values not even converted) against TDR's byte decoder into typed columns (every
 * value converted and validated), and, for reference, TDR's general parser (univocity, then the
 * same conversions).
 */
public final class ParserThroughput {
  /** Result in MB/s (1 MB = 1,048,576 bytes) for each way, and the ratio typed/raw. */
  public record Result(double rawMbPerSecond, double typedMbPerSecond, double generalMbPerSecond) {
    public double ratio() {
      return typedMbPerSecond / rawMbPerSecond;
    }
  }

  private ParserThroughput() {}

  /**
   * Measures the three ways on {@code parts} (the CSV bytes of UNLOAD parts written with {@code
   * dialect} for {@code schema}), each thread parsing every part: a warm-up of about {@code
   * seconds} per way, then nine rounds in which the ways take turns (so a noisy neighbour slows
   * them alike), each round about {@code seconds / 3} per way; the median rate of each way.
   */
  public static Result measure(List<byte[]> parts, CsvDialect dialect, Schema schema, int threads, double seconds)
      throws Exception {
    long bytes = parts.stream().mapToLong(b -> b.length).sum();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      Pass[] ways = {() -> rawPass(parts, dialect, schema.size()), () -> typedPass(parts, dialect, schema),
          () -> generalPass(parts, dialect, schema)};
      int[] perRound = new int[ways.length];
      for (int w = 0; w < ways.length; w++) {
        long t0 = System.nanoTime();
        int passes = 0;
        while (System.nanoTime() - t0 < seconds * 1e9) {
          round(pool, threads, 1, ways[w]);
          passes++;
        }
        perRound[w] = Math.max(1, passes / 3);
      }
      double[][] rates = new double[ways.length][9];
      for (int r = 0; r < 9; r++) {
        for (int k = 0; k < ways.length; k++) {
          int w = (r + k) % ways.length; // the order turns too
          long s = System.nanoTime();
          round(pool, threads, perRound[w], ways[w]);
          rates[w][r] = (double) bytes * threads * perRound[w] / ((System.nanoTime() - s) / 1e9) / (1 << 20);
        }
      }
      for (double[] r : rates) {
        Arrays.sort(r);
      }
      return new Result(rates[0][4], rates[1][4], rates[2][4]);
    } finally {
      pool.shutdownNow();
    }
  }

  interface Pass {
    long run() throws Exception;
  }

  private static void round(ExecutorService pool, int threads, int passes, Pass pass) throws Exception {
    List<Future<Long>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      futures.add(pool.submit(() -> {
        long check = 0;
        for (int i = 0; i < passes; i++) {
          check += pass.run();
        }
        return check;
      }));
    }
    for (Future<Long> f : futures) {
      if (f.get() == Long.MIN_VALUE) {
        throw new IllegalStateException("unreachable checksum");
      }
    }
  }

  /** univocity's parse of every part into {@code String[]} rows; a checksum of the values. */
  public static long rawPass(List<byte[]> parts, CsvDialect dialect, int columns) {
    long sum = 0;
    CsvParser parser = new CsvParser(dialect.parserSettings(columns));
    for (byte[] part : parts) {
      parser.beginParsing(reader(part));
      String[] row;
      while ((row = parser.parseNext()) != null) {
        for (String v : row) {
          sum += v == null ? 0 : v.length();
        }
      }
      parser.stopParsing();
    }
    return sum;
  }

  /** Columns sized for a list of parts, per thread, reused from pass to pass (sized once per list). */
  private record Held(List<byte[]> parts, Columns columns) {}

  private static final ThreadLocal<Held> COLUMNS = new ThreadLocal<>();

  private static Columns columns(List<byte[]> parts, Schema schema) {
    Held held = COLUMNS.get();
    if (held == null || held.parts() != parts || !held.columns().schema().equals(schema)) {
      int rows = 0;
      for (byte[] p : parts) {
        int n = 1;
        for (byte b : p) {
          n += b == '\n' ? 1 : 0; // at least the records (newlines inside quotes only add room)
        }
        rows = Math.max(rows, n);
      }
      held = new Held(parts, new Columns(schema, rows));
      COLUMNS.set(held);
    }
    return held.columns();
  }

  /** TDR's byte decoder on every part, into typed columns; a checksum of the rows. */
  public static long typedPass(List<byte[]> parts, CsvDialect dialect, Schema schema) {
    Columns into = columns(parts, schema);
    PartReader reader = new PartReader(null, dialect, schema);
    long rows = 0;
    for (byte[] part : parts) {
      into.clear(0, into.capacity());
      rows += reader.decode(part, "memory", into, 0);
    }
    return rows;
  }

  /** TDR's general parser (univocity, then the value conversions) on every part; a checksum. */
  public static long generalPass(List<byte[]> parts, CsvDialect dialect, Schema schema) {
    PartParser parser = new PartParser(dialect, schema);
    CountingSink sink = new CountingSink();
    for (byte[] part : parts) {
      parser.parse(reader(part), "memory", 1, Long.MAX_VALUE, sink);
    }
    return sink.sum + sink.rows;
  }

  static Reader reader(byte[] part) {
    return new InputStreamReader(new ByteArrayInputStream(part), StandardCharsets.UTF_8);
  }
}
