package dev.tdr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdr.Tdr;
import dev.tdr.core.TdrConfig;
import dev.tdr.core.TdrException;
import dev.tdr.core.s3.PartStore;
import dev.tdr.core.s3.S3Uri;
import dev.tdr.query.Messages;
import dev.tdr.testkit.RedshiftEmulator;
import dev.tdr.testkit.S3Operation;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dflib.DataFrame;
import org.junit.jupiter.api.Test;

/**
 * The soak test (opt-in: {@code mvn -B -Psoak verify}, or {@code failsafe:integration-test -Dit.test=SoakIT} in this module; minutes with
 * {@code -Dtdr.soak.minutes=10}, clients with {@code -Dtdr.soak.clients=16}): clients run a mix of
 * local, JDBC and Spark queries against the emulator while S3 faults are injected, every result
 * is checked exactly, and afterwards nothing is left: no threads, connections, file handles or
 * temp prefixes beyond what the warm-up had, and the heap retained after a full GC within 10% of
 * what it was after the warm-up. Figures go to {@code target/soak.txt} (and docs/benchmarks.md).
 */
class SoakIT {
  private static final int ROWS = 200_000;

  /** Result of one query: rows, sum of ids, and whether every value was the expected one. */
  private record Checked(long rows, long idSum, boolean valuesRight) {}

  private static Checked check(DataFrame df) {
    long sum = 0;
    boolean right = true;
    for (int r = 0; r < df.height(); r++) {
      int id = ((Number) df.getColumn(0).get(r)).intValue();
      sum += id;
      right &= ("v" + id).equals(df.getColumn(1).get(r));
    }
    return new Checked(df.height(), sum, right);
  }

  private static Checked check(List<Row> rows) {
    long sum = 0;
    boolean right = true;
    for (Row row : rows) {
      int id = row.getInt(0);
      sum += id;
      right &= ("v" + id).equals(row.getString(1));
    }
    return new Checked(rows.size(), sum, right);
  }

  private static long heapAfterGc() {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  private static int fileHandles() throws Exception {
    try (var s = Files.list(Path.of("/proc/self/fd"))) {
      return (int) s.count();
    }
  }

  @Test
  void clientsFaultsAndNothingLeftBehind() throws Exception {
    long minutes = Long.getLong("tdr.soak.minutes", 10);
    int clients = Integer.getInteger("tdr.soak.clients", 16);
    try (RedshiftEmulator emu = RedshiftEmulator.start()) {
      try (Connection c = emu.backingConnection(); Statement s = c.createStatement()) {
        s.execute("create table soak_t as select g as id, 'v' || g as v from generate_series(1, " + ROWS + ") g");
      }
      TdrConfig config = TdrConfig.builderFromEnvironment(emu.environment()).maxFileSize(5L << 20).build();
      SparkSession spark = SparkSession.builder().master("local[2,4]").appName("tdr-soak")
          .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          // Spark keeps the last N jobs, stages and SQL executions for its UI (even without one): small
          // bounds, reached in the warm-up, so that the heap comparison sees TDR, not Spark's history
          .config("spark.ui.retainedJobs", "20").config("spark.ui.retainedStages", "20")
          .config("spark.ui.retainedTasks", "200").config("spark.sql.ui.retainedExecutions", "20")
          .getOrCreate();
      Map<String, String> options = new java.util.HashMap<>(Map.of("url", emu.jdbcUrl(), "user", emu.user(),
          "password", emu.password(), "tempdir", emu.tempDir(), "temporary_aws_access_key_id", emu.accessKeyId(),
          "temporary_aws_secret_access_key", emu.secretAccessKey(), "s3_endpoint", emu.s3Endpoint().toString()));
      Map<String, LongAdder> failures = new ConcurrentHashMap<>();
      LongAdder queries = new LongAdder();
      LongAdder wrong = new LongAdder();
      LongAdder faults = new LongAdder();
      AtomicLong rowsRead = new AtomicLong();
      List<String> wrongOnes = java.util.Collections.synchronizedList(new ArrayList<>());
      ExecutorService pool = Executors.newFixedThreadPool(clients + 1);
      try (Tdr tdr = Tdr.connect(config)) {
        // one query of a route, checked exactly; an error must be a clear TDR error
        java.util.function.BiConsumer<Integer, Random> one = (route, rnd) -> {
          int lo = 1 + rnd.nextInt(ROWS - 1);
          int hi = Math.min(ROWS, lo + rnd.nextInt(60_000));
          String sql = "select id, v from soak_t where id between " + lo + " and " + hi;
          long n = hi - lo + 1L;
          Checked expected = new Checked(n, (lo + (long) hi) * n / 2, true);
          String name = route == 0 ? "local" : route == 1 ? "jdbc" : "spark";
          try {
            Checked got = switch (route) {
              case 0 -> check(tdr.query(sql).toDataFrame());
              case 1 -> check(tdr.queryJdbc(sql));
              default -> check(spark.read().format("tdr-redshift").options(options).option("query", sql).load()
                  .collectAsList());
            };
            queries.increment();
            rowsRead.addAndGet(got.rows());
            if (!got.equals(expected)) {
              wrong.increment();
              wrongOnes.add(name + " " + sql + ": " + got + " instead of " + expected);
            }
          } catch (RuntimeException e) {
            queries.increment();
            boolean ours = false;
            for (Throwable t = e; t != null; t = t.getCause()) {
              ours |= t instanceof TdrException;
            }
            String message = Messages.describe(e);
            String kind = name + ": " + (ours ? message.replaceAll("s3://\\S+", "s3://...").replaceAll("\\b\\d+\\b", "N")
                .lines().findFirst().orElse("") : "NOT A TDR ERROR: " + e);
            failures.computeIfAbsent(kind.length() > 160 ? kind.substring(0, 160) : kind, k -> new LongAdder())
                .increment();
          }
        };
        // warm-up: the same clients for a tenth of the time (at least 30 s), no faults, so that
        // pools, caches and Spark's bounded histories reach their size before the baseline
        long warmEnd = System.nanoTime() + Math.max(TimeUnit.SECONDS.toNanos(30), TimeUnit.MINUTES.toNanos(minutes) / 10);
        List<Future<?>> warming = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
          int client = i;
          warming.add(pool.submit(() -> {
            Random rnd = new Random(1000 + client);
            while (System.nanoTime() < warmEnd) {
              one.accept(client % 3, rnd);
            }
          }));
        }
        for (Future<?> f : warming) {
          f.get();
        }
        assertThat(failures).as("the warm-up has no faults").isEmpty();
        assertThat(wrongOnes).isEmpty();
        queries.reset();
        rowsRead.set(0);
        long heapBefore = heapAfterGc();
        int threadsBefore = Thread.activeCount();
        int fdsBefore = fileHandles();
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
          int client = i;
          running.add(pool.submit(() -> {
            Random rnd = new Random(client);
            while (System.nanoTime() < end) {
              one.accept(client % 3, rnd);
            }
          }));
        }
        running.add(pool.submit(() -> {
          Random rnd = new Random(99);
          while (System.nanoTime() < end) {
            switch (rnd.nextInt(5)) {
              case 0 -> emu.faults().failS3(S3Operation.GET, "_part_", 1, 500);
              case 1 -> emu.faults().cutS3Body("_part_", 10_000 + rnd.nextInt(200_000), 1);
              case 2 -> emu.faults().stallS3(S3Operation.GET, "_part_", 1, Duration.ofMillis(300));
              case 3 -> emu.faults().failS3(S3Operation.GET, "manifest", 1, 503);
              default -> emu.faults().failS3(S3Operation.GET, "_part_", 12, 503); // more than the retries
            }
            faults.increment();
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500 + rnd.nextInt(1500)));
          }
        }));
        for (Future<?> f : running) {
          f.get();
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        emu.faults().clear();
        // Spark deletes a scan's files when its listener hears the query end (asynchronously), and
        // pooled threads (Spark's block manager pools, the readers) end after their keep-alive:
        // wait for both to settle, at most two minutes, and report how long it took.
        long settleStart = System.nanoTime();
        List<String> left;
        int threadsAfter;
        while (true) {
          try (PartStore store = PartStore.create(config, 1)) {
            left = store.list(S3Uri.parse(config.tempDir()));
          }
          threadsAfter = Thread.activeCount();
          if ((left.isEmpty() && threadsAfter <= threadsBefore + 4)
              || System.nanoTime() - settleStart > TimeUnit.MINUTES.toNanos(2)) {
            break;
          }
          java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
        }
        double settled = (System.nanoTime() - settleStart) / 1e9;
        long heapAfter = heapAfterGc();
        int fdsAfter = fileHandles();
        int connections = emu.openConnections();
        StringBuilder report = new StringBuilder();
        report.append(String.format("soak: %d min, %d clients (local, jdbc, spark in turn), %d queries, %,d rows checked,"
            + " %d faults injected, %d wrong results%n", minutes, clients, queries.sum(), rowsRead.get(), faults.sum(),
            wrong.sum()));
        failures.entrySet().stream().sorted(Map.Entry.comparingByKey())
            .forEach(e -> report.append(String.format("  failed %5d x %s%n", e.getValue().sum(), e.getKey())));
        report.append(String.format("after (settled in %.0f s): heap retained %,d -> %,d bytes (%+.1f%%), threads %d -> %d,"
            + " file handles %d -> %d, open connections %d, objects under the temp dir %d%n", settled, heapBefore,
            heapAfter, 100.0 * (heapAfter - heapBefore) / heapBefore, threadsBefore, threadsAfter, fdsBefore, fdsAfter,
            connections, left.size()));
        left.forEach(k -> report.append("  left: ").append(k).append('\n'));
        Map<String, Long> names = Thread.getAllStackTraces().keySet().stream()
            .collect(java.util.stream.Collectors.groupingBy(t -> t.getName().replaceAll("\\d+", "N"),
                java.util.TreeMap::new, java.util.stream.Collectors.counting()));
        report.append("  threads by name: ").append(names).append('\n');
        System.out.print(report);
        Files.writeString(Path.of("target", "soak.txt"), report);
        assertThat(wrongOnes).as(report.toString()).isEmpty();
        assertThat(failures.keySet()).as(report.toString()).noneMatch(k -> k.contains("NOT A TDR ERROR"));
        assertThat(left).as(report.toString()).isEmpty();
        assertThat(connections).as(report.toString()).isZero();
        assertThat(threadsAfter).as(report.toString()).isLessThanOrEqualTo(threadsBefore + 4);
        assertThat(fdsAfter).as(report.toString()).isLessThanOrEqualTo(fdsBefore + 16);
        assertThat((double) heapAfter).as(report.toString()).isLessThanOrEqualTo(heapBefore * 1.10);
        assertThat(queries.sum()).as(report.toString()).isGreaterThan(clients);
      } finally {
        pool.shutdownNow();
        spark.stop();
      }
    }
  }
}
