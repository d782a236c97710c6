package dev.tdr.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdr.testkit.RedshiftEmulator;
import dev.tdr.testkit.RedshiftEmulatorExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark end to end on a tiny size against the emulator: every path returns every row,
 * the files have the documented shape, memory probes run in fresh JVMs. (Speed is never asserted.)
 */
@ExtendWith(RedshiftEmulatorExtension.class)
class BenchIT {

  @Test
  void everyPathOnATinySizeWritesTheResults(RedshiftEmulator emu, @TempDir Path out) throws Exception {
    List<BenchPath> paths = List.of(BenchPath.values());
    Bench.Options options = new Bench.Options(List.of(DataSize.parse("1mb")), 1, paths, out, false, emu.environment());
    StringWriter printed = new StringWriter();
    Report report = Bench.run(options, new PrintWriter(printed, true), new PrintWriter(new StringWriter(), true));

    List<Bench.Measurement> ms = report.results().values().iterator().next();
    assertThat(ms).extracting(m -> m.path()).containsExactlyElementsOf(paths);
    Bench.Dataset data = report.results().keySet().iterator().next();
    assertThat(data.rows()).isBetween(5_000L, 10_000L); // about 1 MB of CSV at ~130 bytes a row
    assertThat(data.csvBytes()).isBetween(700_000L, 1_400_000L);
    for (Bench.Measurement m : ms) {
      assertThat(m.skipped()).as(m.path().label()).isNull(); // CI runs as root: the Python peers get installed
      assertThat(m.rows()).as(m.path().label()).isEqualTo(m.path().oneRow() ? 1 : data.rows());
      assertThat(m.seconds()).hasSize(1);
      assertThat(Double.isNaN(m.gcSeconds())).as(m.path().label()).isEqualTo(m.path().process());
    }

    List<String> csv = Files.readAllLines(out.resolve("results.csv"));
    assertThat(csv.get(0)).isEqualTo("size,path,median_s,min_s,max_s,rows,csv_bytes,peak_heap_bytes,retained_bytes,cpu_s,gc_s");
    assertThat(csv.subList(1, csv.size())).hasSize(paths.size())
        .allSatisfy(line -> assertThat(line).startsWith("1mb,")
            .matches("1mb,[a-z-]+,[0-9.]+,[0-9.]+,[0-9.]+,\\d+,\\d+,-1,-1,-?[0-9.]+,-?[0-9.]+"));
    assertThat(csv).anySatisfy(l -> assertThat(l).startsWith("1mb,tdr-local-cold,"))
        .anySatisfy(l -> assertThat(l).startsWith("1mb,pandas-read-sql,"))
        .anySatisfy(l -> assertThat(l).startsWith("1mb,seed-python,"));
    assertThat(csv).anySatisfy(l -> assertThat(l).startsWith("1mb,jdbc-default,"))
        .anySatisfy(l -> assertThat(l).startsWith("1mb,one-row-tdr-local,"));
    assertThat(Files.readString(out.resolve("report.md"))).contains("# TDR benchmark results", "| tdr-local-read |",
        "## Goals", "Parser throughput");
    byte[] png = Files.readAllBytes(out.resolve("chart.png"));
    assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    assertThat(printed.toString()).contains("== 1mb:", "vs JDBC", "== Goals (printed, never asserted)",
        "typed parsing at least 150%", "tdr-local-cold at least 2x faster than jdbc-default-cold");
  }

  @Test
  void memoryProbesRunEachPathInAFreshJvm(RedshiftEmulator emu, @TempDir Path out) throws Exception {
    Bench.Options options = new Bench.Options(List.of(DataSize.parse("1mb")), 1,
        List.of(BenchPath.JDBC_DEFAULT, BenchPath.TDR_LOCAL), out, true, emu.environment());
    Report report = Bench.run(options, new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true));
    for (Bench.Measurement m : report.results().values().iterator().next()) {
      assertThat(m.peakHeapBytes()).as(m.path().label()).isPositive();
      assertThat(m.retainedBytes()).as(m.path().label()).isPositive();
    }
    assertThat(Files.readAllLines(out.resolve("results.csv")).get(1)).matches(".*,\\d+,\\d+,[0-9.]+,[0-9.]+");
  }

  @Test
  void pathsAndSizesParseWithClearErrors() {
    assertThat(BenchPath.parseList("all")).hasSize(BenchPath.values().length).contains(BenchPath.TDR_SPARK_AGG_READ);
    assertThat(BenchPath.parseList("jdbc-default, tdr-local")).containsExactly(BenchPath.JDBC_DEFAULT, BenchPath.TDR_LOCAL);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> BenchPath.parseList("jdbc"))
        .hasMessageContaining("unknown path 'jdbc'").hasMessageContaining("jdbc-default");
    assertThat(Map.of("a", DataSize.parse("300MB").bytes())).containsEntry("a", 300L << 20);
  }
}
