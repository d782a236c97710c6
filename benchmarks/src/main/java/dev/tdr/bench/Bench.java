package dev.tdr.bench;

import dev.tdr.core.TdrConfig;
import dev.tdr.core.s3.S3Uri;
import dev.tdr.core.unload.Manifest;
import dev.tdr.core.unload.Unloaded;
import dev.tdr.testkit.RedshiftEmulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code tdr bench}: every path on the same data and query, in one run, alternating the order of
 * the paths from one repeat to the next; then each path alone in a fresh JVM for its memory
 * figure; then the parser throughput on the same bytes. Writes results.csv, report.md and
 * chart.png, and prints the tables with the ratios against the JDBC paths.
 */
public final class Bench {
  /** What to run. {@code env} holds TDR_* settings; without TDR_URL an emulator is started. */
  public record Options(List<DataSize> sizes, int repeat, List<BenchPath> paths, Path out, boolean memory,
      Map<String, String> env) {
    public Options {
      if (repeat < 1) {
        throw new IllegalArgumentException("--repeat must be at least 1, got " + repeat);
      }
      if (paths.isEmpty()) {
        throw new IllegalArgumentException("no paths to run");
      }
    }
  }

  /**
   * One path at one size: wall seconds of each timed run, and medians of the process CPU and of the
   * garbage collectors' time during a run (NaN for the paths that run as another process), the
   * memory figures of its fresh-JVM probe (-1 if not probed); {@code skipped} says why a path did
   * not run at all (then {@code seconds} is empty).
   */
  public record Measurement(DataSize size, BenchPath path, List<Double> seconds, double cpuSeconds, double gcSeconds,
      long rows, long csvBytes, long peakHeapBytes, long retainedBytes, String skipped) {
    public double median() {
      return seconds.isEmpty() ? Double.NaN : Report.median(seconds);
    }

    public double min() {
      return seconds.isEmpty() ? Double.NaN : Collections.min(seconds);
    }

    public double max() {
      return seconds.isEmpty() ? Double.NaN : Collections.max(seconds);
    }
  }

  /** A size's data: its table, rows, CSV bytes and parts. */
  public record Dataset(DataSize size, String table, long rows, long csvBytes, int parts) {}

  private static final int SAMPLE_ROWS = 20_000;
  /** A memory probe that has not finished by then is stopped (its figure is then missing). */
  private static final long PROBE_TIMEOUT_MINUTES = 10;
  private static final Pattern PROBE = Pattern.compile("peak_heap_bytes=(\\d+) retained_bytes=(\\d+)");

  private final Options options;
  private final PrintWriter log;

  private Bench(Options options, PrintWriter log) {
    this.options = options;
    this.log = log;
  }

  /** Runs the benchmark; progress goes to {@code log}, the tables to {@code out}. */
  public static Report run(Options options, PrintWriter out, PrintWriter log) throws Exception {
    return new Bench(options, log).run(out);
  }

  private Report run(PrintWriter out) throws Exception {
    Map<String, String> env = new LinkedHashMap<>(options.env());
    RedshiftEmulator emulator = null;
    if (env.get("TDR_URL") == null || env.get("TDR_URL").isBlank()) {
      log.println("tdr bench: starting the Redshift emulator (embedded PostgreSQL + S3) in this JVM...");
      log.flush();
      emulator = RedshiftEmulator.start();
      env.putAll(emulator.environment());
    }
    try {
      TdrConfig config = TdrConfig.builderFromEnvironment(env).build();
      Report report = new Report(Report.Machine.current(emulator != null));
      try (PathRunner runner = new PathRunner(config); Processes processes = new Processes(env, log)) {
        double bytesPerRow = calibrate(runner);
        List<Dataset> datasets = new ArrayList<>();
        for (DataSize size : options.sizes()) {
          Dataset data = dataset(runner, size, bytesPerRow);
          // one warm-up round before the first size warms every path's code; later sizes reuse it
          report.add(data, measure(runner, processes, data, env, datasets.isEmpty()));
          datasets.add(data);
          report.printSize(data, out);
          out.flush();
        }
        if (!datasets.isEmpty()) {
          report.parser(parserThroughput(runner, datasets.get(0)));
        }
        report.sparkStartSeconds(sparkStart);
      }
      report.printGoals(out);
      report.write(options.out());
      out.printf("%nWrote %s, %s and %s%n", options.out().resolve("results.csv"), options.out().resolve("report.md"),
          options.out().resolve("chart.png"));
      out.flush();
      return report;
    } finally {
      if (emulator != null) {
        emulator.close();
      }
    }
  }

  private double sparkStart = Double.NaN;

  /** CSV bytes per row of the benchmark table, from an UNLOAD of a sample. */
  private double calibrate(PathRunner runner) throws Exception {
    String sample;
    try (Connection c = runner.connect()) {
      sample = BenchData.ensure(c, SAMPLE_ROWS);
    }
    return (double) runner.csvBytes(sample) / SAMPLE_ROWS;
  }

  private Dataset dataset(PathRunner runner, DataSize size, double bytesPerRow) throws Exception {
    long rows = size.rows() > 0 ? size.rows() : Math.max(1_000, Math.round(size.bytes() / bytesPerRow));
    log.printf("tdr bench: %s: preparing %,d rows...%n", size.label(), rows);
    log.flush();
    long t0 = System.nanoTime();
    String table;
    try (Connection c = runner.connect()) {
      table = BenchData.ensure(c, rows);
      try (Statement s = c.createStatement()) {
        s.execute("create index if not exists " + table + "_id on " + table + " (id)");
      } catch (java.sql.SQLException e) {
        log.println("tdr bench: no index on id (" + e.getMessage().lines().findFirst().orElse("") + ");"
            + " the one-row paths scan the table");
      }
    }
    Unloaded u = runner.unloadOf(table);
    log.printf("tdr bench: %s: %,d rows, %.1f MB of CSV in %d parts (ready in %.1f s)%n", size.label(), rows,
        u.manifest().totalBytes() / 1048576.0, u.manifest().entries().size(), (System.nanoTime() - t0) / 1e9);
    log.flush();
    return new Dataset(size, table, rows, u.manifest().totalBytes(), u.manifest().entries().size());
  }

  private List<Measurement> measure(PathRunner runner, Processes processes, Dataset data, Map<String, String> env,
      boolean warmUp) throws Exception {
    Map<BenchPath, String> skipped = new LinkedHashMap<>();
    for (BenchPath p : options.paths()) {
      String why = processes.unavailable(p);
      if (why != null) {
        skipped.put(p, why);
        log.printf("tdr bench: %s skipped: %s%n", p.label(), why);
        continue;
      }
      if (p.spark() && !runner.sparkStarted()) {
        long s = System.nanoTime();
        runner.prepare(p, data.table());
        sparkStart = (System.nanoTime() - s) / 1e9;
      } else {
        runner.prepare(p, data.table());
      }
    }
    Map<BenchPath, List<Double>> wall = new LinkedHashMap<>();
    Map<BenchPath, List<Double>> cpu = new LinkedHashMap<>();
    Map<BenchPath, List<Double>> gc = new LinkedHashMap<>();
    Map<BenchPath, Long> rows = new LinkedHashMap<>();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    // repeat 0 is the warm-up (not for fresh processes: they start cold every time); the order of
    // the paths alternates so none always runs first
    for (int rep = warmUp ? 0 : 1; rep <= options.repeat(); rep++) {
      List<BenchPath> order = new ArrayList<>(options.paths());
      order.removeAll(skipped.keySet());
      if (rep % 2 == 1) {
        Collections.reverse(order);
      }
      for (BenchPath p : order) {
        if (rep == 0 && p.process()) {
          continue;
        }
        runner.last = null;
        System.gc(); // every run starts from a collected heap, not with the previous path's garbage
        long c0 = os.getProcessCpuTime();
        long g0 = gcMillis();
        long t0 = System.nanoTime();
        long got = p.process() ? processes.run(p, data.table(), data.rows()) : runner.run(p, data.table(), data.rows());
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuSeconds = p.process() ? Double.NaN : (os.getProcessCpuTime() - c0) / 1e9;
        double gcSeconds = p.process() ? Double.NaN : (gcMillis() - g0) / 1e3;
        runner.last = null;
        long expected = p.oneRow() ? 1 : data.rows();
        if (got != expected) {
          throw new IllegalStateException(p.label() + " returned " + got + " rows at " + data.size().label()
              + ", expected " + expected + ": the benchmark is not comparing like with like");
        }
        log.printf("tdr bench: %s %-24s %s %8.3f s%n", data.size().label(), p.label(),
            rep == 0 ? "warm-up" : "run " + rep + "  ", seconds);
        log.flush();
        if (rep > 0) {
          wall.computeIfAbsent(p, k -> new ArrayList<>()).add(seconds);
          cpu.computeIfAbsent(p, k -> new ArrayList<>()).add(cpuSeconds);
          gc.computeIfAbsent(p, k -> new ArrayList<>()).add(gcSeconds);
          rows.put(p, got);
        }
      }
    }
    List<Measurement> out = new ArrayList<>();
    for (BenchPath p : options.paths()) {
      if (skipped.containsKey(p)) {
        out.add(new Measurement(data.size(), p, List.of(), Double.NaN, Double.NaN, 0, data.csvBytes(), -1, -1,
            skipped.get(p)));
        continue;
      }
      long[] memory = options.memory() && !p.process() ? probe(p, data, env) : new long[] {-1, -1};
      out.add(new Measurement(data.size(), p, wall.get(p), Report.median(cpu.get(p)), Report.median(gc.get(p)),
          rows.get(p), data.csvBytes(), memory[0], memory[1], null));
    }
    return out;
  }

  /** Milliseconds the garbage collectors have spent so far (G1: the pauses; the concurrent phases run beside). */
  private static long gcMillis() {
    long t = 0;
    for (java.lang.management.GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
      t += Math.max(0, b.getCollectionTime());
    }
    return t;
  }

  /** Runs {@code path} alone in a fresh JVM; {peak heap, retained} bytes, or -1 where it failed. */
  private long[] probe(BenchPath path, Dataset data, Map<String, String> env) throws Exception {
    List<String> cmd = new ArrayList<>(Processes.javaCommand());
    cmd.add(MemoryProbe.class.getName());
    cmd.add(path.label());
    cmd.add(data.table());
    cmd.add(String.valueOf(data.rows()));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.startsWith("TDR_"));
    pb.environment().putAll(env);
    log.printf("tdr bench: %s %-24s memory probe (a fresh JVM)...%n", data.size().label(), path.label());
    log.flush();
    Process proc = pb.start();
    List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
    Thread drain = new Thread(() -> {
      try (InputStream in = proc.getInputStream();
          BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          lines.add(line);
        }
      } catch (IOException e) {
        lines.add("(output lost: " + e.getMessage() + ")");
      }
    }, "probe-output");
    drain.start();
    if (!proc.waitFor(PROBE_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      proc.destroyForcibly().waitFor();
    }
    drain.join();
    List<String> output = List.copyOf(lines);
    for (String line : output) {
      Matcher m = PROBE.matcher(line);
      if (m.find()) {
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
      }
    }
    boolean oom = output.stream().anyMatch(l -> l.contains("OutOfMemoryError"));
    log.printf("tdr bench: the memory probe of %s failed (%s):%n  %s%n", path.label(),
        oom ? "out of memory at " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB of heap"
            : "exit " + proc.exitValue(),
        String.join("\n  ", output.subList(Math.max(0, output.size() - 15), output.size())));
    return new long[] {-1, -1};
  }

  /** Parser throughput on the parts of {@code data}'s UNLOAD. */
  private ParserThroughput.Result parserThroughput(PathRunner runner, Dataset data) throws Exception {
    Unloaded u = runner.unloadOf(data.table());
    List<byte[]> parts = new ArrayList<>();
    for (Manifest.Entry e : u.manifest().entries()) {
      try (InputStream in = runner.store().open(S3Uri.parse(e.url()), e.contentLength())) {
        parts.add(in.readAllBytes());
      } catch (IOException ex) {
        throw new IOException("cannot read " + e.url() + ": " + ex.getMessage(), ex);
      }
    }
    int threads = Runtime.getRuntime().availableProcessors();
    log.printf("tdr bench: parser throughput on %s (%d parts, %d threads)...%n", data.size().label(), parts.size(),
        threads);
    log.flush();
    return ParserThroughput.measure(parts, u.dialect(), u.schema(), threads, 3.0);
  }
}
