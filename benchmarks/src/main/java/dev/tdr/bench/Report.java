package dev.tdr.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The benchmark's results: the printed tables, the goals, results.csv, report.md and chart.png. */
public final class Report {
  /** Where the numbers come from. */
  public record Machine(int cores, long memoryBytes, String java, String os, String date, boolean emulator) {
    static Machine current(boolean emulator) {
      long memory = -1;
      if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
        memory = os.getTotalMemorySize();
      }
      return new Machine(Runtime.getRuntime().availableProcessors(), memory,
          System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
          System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
          ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm 'UTC'")), emulator);
    }

    String describe() {
      return String.format(Locale.ROOT, "%d cores, %.0f GB RAM, %s, %s, %s; %s", cores, memoryBytes / 1073741824.0,
          java, os, date, emulator ? "the embedded emulator (PostgreSQL + S3Proxy) in the same JVM and machine"
              : "the TDR_* endpoint");
    }
  }

  /** A goal from the issue, and what this run says about it. */
  public record Goal(String text, Boolean met, String evidence) {}

  private final Machine machine;
  private final Map<Bench.Dataset, List<Bench.Measurement>> results = new LinkedHashMap<>();
  private ParserThroughput.Result parser;
  private double sparkStartSeconds = Double.NaN;

  Report(Machine machine) {
    this.machine = machine;
  }

  void add(Bench.Dataset data, List<Bench.Measurement> measurements) {
    results.put(data, measurements);
  }

  void parser(ParserThroughput.Result result) {
    this.parser = result;
  }

  void sparkStartSeconds(double seconds) {
    this.sparkStartSeconds = seconds;
  }

  public Map<Bench.Dataset, List<Bench.Measurement>> results() {
    return results;
  }

  static double median(List<Double> values) {
    List<Double> v = new ArrayList<>(values);
    v.sort(Double::compare);
    int n = v.size();
    return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
  }

  private static Bench.Measurement find(List<Bench.Measurement> ms, BenchPath p) {
    return ms.stream().filter(m -> m.path() == p).findFirst().orElse(null);
  }

  /** time(base) / time(path): how many times faster the path is than {@code base}; NaN if either is missing. */
  static double speedup(List<Bench.Measurement> ms, BenchPath path, BenchPath base) {
    Bench.Measurement a = find(ms, path);
    Bench.Measurement b = find(ms, base);
    if (a == null || b == null || path.oneRow() != base.oneRow()) {
      return Double.NaN;
    }
    return b.median() / a.median();
  }

  private static String ratio(double r) {
    return Double.isNaN(r) ? "-" : String.format(Locale.ROOT, "%.2fx", r);
  }

  private static String mb(long bytes) {
    return bytes < 0 ? "-" : String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
  }

  // ------------------------------------------------------------------ printed tables

  void printSize(Bench.Dataset data, PrintWriter out) {
    out.println();
    out.printf(Locale.ROOT, "== %s: %,d rows, %.1f MB of CSV in %d parts%n", data.size().label(), data.rows(),
        data.csvBytes() / 1048576.0, data.parts());
    out.printf("%-24s %9s %9s %9s %12s %9s %8s %11s %11s %12s %12s%n", "path", "median s", "min s", "max s", "rows/s",
        "MB/s", "CPU s", "peak heap", "retained", "vs default", "vs tuned");
    for (Bench.Measurement m : results.get(data)) {
      double med = m.median();
      boolean one = m.path().oneRow();
      out.printf(Locale.ROOT, "%-24s %9.3f %9.3f %9.3f %12s %9s %8.2f %11s %11s %12s %12s%n", m.path().label(), med,
          m.min(), m.max(), one ? "-" : String.format(Locale.ROOT, "%,.0f", m.rows() / med),
          one ? "-" : String.format(Locale.ROOT, "%.1f", m.csvBytes() / 1048576.0 / med), m.cpuSeconds(),
          mb(m.peakHeapBytes()), mb(m.retainedBytes()),
          ratio(speedup(results.get(data), m.path(), one ? BenchPath.ONE_ROW_JDBC : BenchPath.JDBC_DEFAULT)),
          ratio(speedup(results.get(data), m.path(), BenchPath.JDBC_TUNED)));
    }
  }

  // ------------------------------------------------------------------ goals

  /** The goals, each met, missed or not measured (null), with the numbers. */
  public List<Goal> goals() {
    List<Goal> goals = new ArrayList<>();
    List<String> big = List.of("300mb", "1gb");
    goals.add(bySize("read phase (tdr-local-read) at least 10x faster than jdbc-default at 300 MB and 1 GB", big,
        ms -> speedup(ms, BenchPath.TDR_LOCAL_READ, BenchPath.JDBC_DEFAULT), 10));
    goals.add(bySize("end to end (tdr-local) at least 2x faster than jdbc-default at 300 MB and 1 GB", big,
        ms -> speedup(ms, BenchPath.TDR_LOCAL, BenchPath.JDBC_DEFAULT), 2));
    goals.add(bySize("end to end (tdr-local) faster than jdbc-tuned at 300 MB and 1 GB", big,
        ms -> speedup(ms, BenchPath.TDR_LOCAL, BenchPath.JDBC_TUNED), 1));
    if (parser == null) {
      goals.add(new Goal("typed parsing at least 60% of univocity's raw parsing", null, "not measured"));
    } else {
      goals.add(new Goal("typed parsing at least 60% of univocity's raw parsing", parser.ratio() >= 0.6,
          String.format(Locale.ROOT, "typed %.0f MB/s vs raw %.0f MB/s on %d cores: %.0f%%", parser.typedMbPerSecond(),
              parser.rawMbPerSecond(), machine.cores(), 100 * parser.ratio())));
    }
    goals.add(memoryGoal());
    goals.add(bySize("tdr-spark-collect at least 3x faster than spark-jdbc (unpartitioned), both collected", null,
        ms -> speedup(ms, BenchPath.TDR_SPARK_COLLECT, BenchPath.SPARK_JDBC), 3));
    goals.add(bySize("tdr-spark-count at least 3x faster than spark-jdbc (unpartitioned, collected)", null,
        ms -> speedup(ms, BenchPath.TDR_SPARK_COUNT, BenchPath.SPARK_JDBC), 3));
    return goals;
  }

  private Goal bySize(String text, List<String> sizes, java.util.function.ToDoubleFunction<List<Bench.Measurement>> f,
      double target) {
    List<String> evidence = new ArrayList<>();
    Boolean met = null;
    for (Map.Entry<Bench.Dataset, List<Bench.Measurement>> e : results.entrySet()) {
      String label = e.getKey().size().label();
      if (sizes != null && !sizes.contains(label)) {
        continue;
      }
      double r = f.applyAsDouble(e.getValue());
      if (Double.isNaN(r)) {
        continue;
      }
      evidence.add(label + ": " + ratio(r));
      met = (met == null || met) && r >= target;
    }
    return new Goal(text, met, evidence.isEmpty() ? "not measured (sizes or paths not run)" : String.join(", ", evidence));
  }

  private Goal memoryGoal() {
    String text = "peak heap of tdr-local at most 2x its DataFrame, and below jdbc-default's";
    List<String> evidence = new ArrayList<>();
    Boolean met = null;
    for (Map.Entry<Bench.Dataset, List<Bench.Measurement>> e : results.entrySet()) {
      Bench.Measurement tdr = find(e.getValue(), BenchPath.TDR_LOCAL);
      Bench.Measurement jdbc = find(e.getValue(), BenchPath.JDBC_DEFAULT);
      if (tdr == null || tdr.peakHeapBytes() < 0 || tdr.retainedBytes() <= 0) {
        continue;
      }
      double factor = (double) tdr.peakHeapBytes() / tdr.retainedBytes();
      boolean ok = factor <= 2;
      String s = String.format(Locale.ROOT, "%s: peak %s = %.2fx the DataFrame (%s)", e.getKey().size().label(),
          mb(tdr.peakHeapBytes()), factor, mb(tdr.retainedBytes()));
      if (jdbc != null && jdbc.peakHeapBytes() >= 0) {
        ok &= tdr.peakHeapBytes() < jdbc.peakHeapBytes();
        s += ", jdbc-default " + mb(jdbc.peakHeapBytes());
      }
      evidence.add(s);
      met = (met == null || met) && ok;
    }
    return new Goal(text, met, evidence.isEmpty() ? "not measured (run with memory probes)" : String.join("; ", evidence));
  }

  void printGoals(PrintWriter out) {
    out.println();
    out.println("== Goals (printed, never asserted)");
    for (Goal g : goals()) {
      out.printf("%-8s %s%n         %s%n", g.met() == null ? "n/a" : g.met() ? "MET" : "MISSED", g.text(), g.evidence());
    }
    if (parser != null) {
      out.printf(Locale.ROOT, "Parser: univocity raw %.0f MB/s, TDR typed %.0f MB/s (%.0f%%)%n", parser.rawMbPerSecond(),
          parser.typedMbPerSecond(), 100 * parser.ratio());
    }
    if (!Double.isNaN(sparkStartSeconds)) {
      out.printf(Locale.ROOT, "Spark local session start (not in the Spark paths' times): %.1f s%n", sparkStartSeconds);
    }
    out.println("Machine: " + machine.describe());
  }

  // ------------------------------------------------------------------ files

  void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("results.csv"), csv(), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("report.md"), markdown(), StandardCharsets.UTF_8);
    Chart.write(this, dir.resolve("chart.png"));
  }

  /** results.csv: {@code size,path,median_s,min_s,max_s,rows,csv_bytes,peak_heap_bytes}. */
  String csv() {
    StringBuilder sb = new StringBuilder("size,path,median_s,min_s,max_s,rows,csv_bytes,peak_heap_bytes\n");
    for (List<Bench.Measurement> ms : results.values()) {
      for (Bench.Measurement m : ms) {
        sb.append(String.format(Locale.ROOT, "%s,%s,%.4f,%.4f,%.4f,%d,%d,%d%n", m.size().label(), m.path().label(),
            m.median(), m.min(), m.max(), m.rows(), m.csvBytes(), m.peakHeapBytes()));
      }
    }
    return sb.toString();
  }

  String markdown() {
    StringWriter w = new StringWriter();
    PrintWriter out = new PrintWriter(w);
    out.println("# TDR benchmark results");
    out.println();
    out.println("Machine: " + machine.describe() + ".");
    out.println();
    out.println("![speed-up against jdbc-default](chart.png)");
    for (Map.Entry<Bench.Dataset, List<Bench.Measurement>> e : results.entrySet()) {
      Bench.Dataset d = e.getKey();
      out.println();
      out.printf(Locale.ROOT, "## %s: %,d rows, %.1f MB of CSV in %d parts%n%n", d.size().label(), d.rows(),
          d.csvBytes() / 1048576.0, d.parts());
      out.println("| path | median s | min s | max s | rows/s | MB/s | CPU s | peak heap | retained | vs jdbc-default | vs jdbc-tuned |");
      out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
      for (Bench.Measurement m : e.getValue()) {
        boolean one = m.path().oneRow();
        out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %s | %s | %.2f | %s | %s | %s | %s |%n", m.path().label(),
            m.median(), m.min(), m.max(), one ? "-" : String.format(Locale.ROOT, "%,.0f", m.rows() / m.median()),
            one ? "-" : String.format(Locale.ROOT, "%.1f", m.csvBytes() / 1048576.0 / m.median()), m.cpuSeconds(),
            mb(m.peakHeapBytes()), mb(m.retainedBytes()),
            ratio(speedup(e.getValue(), m.path(), one ? BenchPath.ONE_ROW_JDBC : BenchPath.JDBC_DEFAULT)),
            ratio(speedup(e.getValue(), m.path(), BenchPath.JDBC_TUNED)));
      }
    }
    out.println();
    out.println("## Goals");
    out.println();
    out.println("| goal | verdict | numbers |");
    out.println("|---|---|---|");
    for (Goal g : goals()) {
      out.printf("| %s | %s | %s |%n", g.text(), g.met() == null ? "not measured" : g.met() ? "met" : "**missed**",
          g.evidence());
    }
    if (parser != null) {
      out.println();
      out.printf(Locale.ROOT, "Parser throughput on the same bytes, %d threads: univocity raw %.0f MB/s, TDR typed"
          + " %.0f MB/s (%.0f%%).%n", machine.cores(), parser.rawMbPerSecond(), parser.typedMbPerSecond(),
          100 * parser.ratio());
    }
    if (!Double.isNaN(sparkStartSeconds)) {
      out.printf(Locale.ROOT, "%nStarting the local Spark session took %.1f s (not included in the Spark paths).%n",
          sparkStartSeconds);
    }
    out.flush();
    return w.toString();
  }

  Machine machine() {
    return machine;
  }
}
