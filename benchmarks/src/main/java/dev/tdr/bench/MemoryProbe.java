package dev.tdr.bench;

import dev.tdr.core.TdrConfig;

/**
 * Runs one path once in a fresh JVM and prints its memory figures, for {@link Bench}: {@code
 * peak_heap_bytes} (the peak heap in use above the idle baseline while the path ran) and {@code
 * retained_bytes} (what its result holds once the garbage is collected). Settings come from the
 * {@code TDR_*} environment, which the parent sets to its emulator.
 *
 * <p>Usage: {@code MemoryProbe PATH TABLE ROWS}
 */
public final class MemoryProbe {
  private MemoryProbe() {}

  public static void main(String[] args) throws Exception {
    BenchPath path = BenchPath.of(args[0]);
    String table = args[1];
    long rows = Long.parseLong(args[2]);
    TdrConfig config = TdrConfig.fromEnvironment();
    try (PathRunner runner = new PathRunner(config)) {
      runner.prepare(path, table);
      long got;
      long peak;
      long baseline;
      try (HeapTracker heap = new HeapTracker()) {
        baseline = heap.baseline();
        got = runner.run(path, table, rows);
        peak = heap.peakAboveBaseline();
      }
      long retained = Math.max(0, HeapTracker.settledHeap() - baseline);
      if (path.oneRow() ? got != 1 : got != rows) {
        throw new IllegalStateException(path.label() + " returned " + got + " rows, expected " + rows);
      }
      // runner (and the result it keeps in runner.last) is still open here, so retained counts it
      System.out.println("peak_heap_bytes=" + peak + " retained_bytes=" + retained + " rows=" + got);
      System.out.flush();
    }
    System.exit(0);
  }
}
