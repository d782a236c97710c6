package dev.tdr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdr.core.TdrConfig;
import dev.tdr.core.s3.PartStore;
import dev.tdr.core.s3.S3Uri;
import dev.tdr.testkit.RedshiftEmulator;
import dev.tdr.testkit.RedshiftEmulatorExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Ctrl-C and SIGTERM as a user sends them to {@code ./tdr}, a separate process: the query stops
 * on the server, nothing is left in S3, one line on stderr, status 130 or 143. SIGKILL leaves a
 * run behind, which {@code tdr cleanup} finds and deletes.
 */
@ExtendWith(RedshiftEmulatorExtension.class)
class SignalsIT {
  /**
   * Runs for minutes in PostgreSQL, writing nothing until it ends; each case has its own bound, so
   * a statement one case left running cannot be taken for the next case's.
   */
  private static String longQuery(long bound) {
    // a set-returning function in the select list streams: nothing spills to disk while it runs
    return "select count(*) as n from (select generate_series(1, " + bound + ") as g) s";
  }
  /** Writes parts while it runs (about 1 GB in all). */
  private static final String WRITING = "select g, repeat('x', 300) as pad from generate_series(1, 3000000) g";

  @TempDir
  Path dir;

  private Process start(RedshiftEmulator emu, String... args) throws Exception {
    return TdrProcess.start(emu.environment(), dir.resolve("out.txt"), dir.resolve("err.txt"), args);
  }

  private String err() throws Exception {
    return Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8);
  }

  private static void signal(Process p, String name) throws Exception {
    TdrProcess.signal(p, name);
  }

  /** Waits (up to 2 minutes) for {@code condition}, failing with {@code what} if it never holds. */
  private static void await(String what, Process p, BooleanSupplier condition) throws Exception {
    long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (!condition.getAsBoolean()) {
      assertThat(p == null || p.isAlive()).as("the process ended before " + what).isTrue();
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(end);
      java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L); // polling a condition, with a deadline
    }
  }

  /** Statements the emulator is running whose text holds {@code fragment}. */
  private static List<String> active(RedshiftEmulator emu, String fragment) {
    return emu.runningStatements(fragment);
  }

  /** TDR's runs and markers under the emulator's temp dir (other suites' UNLOADs there are not ours). */
  private static List<String> tempObjects(RedshiftEmulator emu) {
    TdrConfig config = TdrConfig.builderFromEnvironment(emu.environment()).build();
    try (PartStore store = PartStore.create(config, 1)) {
      return store.list(S3Uri.parse(config.tempDir())).stream()
          .filter(k -> k.matches(".*/\\d{8}-\\d{6}-[0-9a-f]{8}(/.*|\\.tdr-run)")).toList();
    }
  }

  @ParameterizedTest(name = "{0} during tdr {1} --via {2}")
  @CsvSource({"INT, query, local, 130, 3000000001", "TERM, query, local, 143, 3000000002",
      "INT, query, jdbc, 130, 3000000003", "INT, query, spark, 130, 3000000004",
      "TERM, profile, local, 143, 3000000005", "INT, exec, -, 130, 3000000006"})
  void aSignalCancelsTheQueryOnTheServerAndExitsWithItsStatus(String sig, String command, String via, int status,
      long bound, RedshiftEmulator emu) throws Exception {
    String query = longQuery(bound);
    String mark = Long.toString(bound);
    List<String> before = tempObjects(emu);
    Process p = via.equals("-") ? start(emu, command, query) : start(emu, command, "--via", via, query);
    try {
      await("the query to run on the server", p, () -> !active(emu, mark).isEmpty());
      signal(p, sig);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(err()).isTrue();
      assertThat(p.exitValue()).as(err()).isEqualTo(status);
      List<String> lines = err().lines().filter(l -> !l.isBlank()).toList();
      assertThat(lines).as(err()).hasSize(1);
      assertThat(lines.get(0)).startsWith("tdr " + command + ": stopped by SIG" + sig
          + "; a query still running was cancelled on the server");
      assertThat(Files.readString(dir.resolve("out.txt"))).isEmpty();
      assertThat(active(emu, mark)).isEmpty();
      assertThat(tempObjects(emu)).as("what this case left in S3").isSubsetOf(before);
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void ctrlCWhileTheUnloadWritesDeletesWhatItWrote(RedshiftEmulator emu) throws Exception {
    Process p = start(emu, "query", WRITING);
    try {
      await("the UNLOAD to write parts", p, () -> tempObjects(emu).stream().anyMatch(k -> k.contains("_part_")));
      signal(p, "INT");
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(err()).isTrue();
      assertThat(p.exitValue()).as(err()).isEqualTo(130);
      assertThat(err()).contains("stopped by SIGINT");
      assertThat(active(emu, "repeat('x', 300)")).isEmpty();
      assertThat(tempObjects(emu)).isEmpty();
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void aKilledRunIsLeftBehindAndTdrCleanupDeletesIt(RedshiftEmulator emu) throws Exception {
    Process p = start(emu, "query", WRITING);
    try {
      await("the UNLOAD to write parts", p, () -> tempObjects(emu).stream().anyMatch(k -> k.contains("_part_")));
      signal(p, "KILL");
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      p.destroyForcibly();
    }
    // The UNLOAD goes on without its client; what it leaves is a marked run.
    await("the orphaned UNLOAD to end", null, () -> active(emu, "repeat('x', 300)").isEmpty());
    List<String> left = tempObjects(emu);
    assertThat(left).anyMatch(k -> k.endsWith(".tdr-run"));
    // files of someone else under the temp dir are never touched
    TdrConfig config = TdrConfig.builderFromEnvironment(emu.environment()).build();
    S3Uri foreign = S3Uri.parse(config.tempDir() + "20240101-000000-0000abcd/mine.csv");
    S3Uri loose = S3Uri.parse(config.tempDir() + "notes.txt");
    try (PartStore store = PartStore.create(config, 1)) {
      store.put(foreign, "not TDR's".getBytes(StandardCharsets.UTF_8));
      store.put(loose, "not TDR's".getBytes(StandardCharsets.UTF_8));
    }
    CliRun cli = new CliRun();
    Map<String, String> env = emu.environment();
    assertThat(cli.run(env, "cleanup", "--dry-run")).isZero();
    assertThat(cli.out.toString()).contains("recent  ").contains("would delete 0 runs; left 1 recent");
    assertThat(cli.run(env, "cleanup", "--older-than", "0", "--dry-run")).isZero();
    assertThat(cli.out.toString()).contains("would delete 1 run;").contains("1 not TDR's");
    assertThat(tempObjects(emu)).containsAll(left);
    assertThat(cli.run(env, "cleanup", "--older-than", "0s")).as(cli.err.toString()).isZero();
    assertThat(cli.out.toString()).contains("deleted 1 run (").contains("skip    " + config.tempDir() + "20240101-000000-0000abcd/");
    assertThat(tempObjects(emu)).containsExactly(foreign.key()); // and notes.txt, which is not a run
    try (PartStore store = PartStore.create(config, 1)) {
      assertThat(store.readIfExists(loose)).isPresent();
      store.delete(foreign);
      store.delete(loose);
    }
    assertThat(cli.run(env, "cleanup", "--older-than", "soon")).isEqualTo(2);
    assertThat(cli.err.toString()).contains("--older-than='soon' is not a duration");
  }

  @Test
  void keptRunsAreOnlyDeletedWhenAskedFor(RedshiftEmulator emu) throws Exception {
    CliRun cli = new CliRun();
    Map<String, String> env = emu.environment();
    assertThat(cli.run(env, "query", "--keep-files", "select 1 as one")).as(cli.err.toString()).isZero();
    assertThat(tempObjects(emu)).anyMatch(k -> k.endsWith(".tdr-run"));
    assertThat(cli.run(env, "cleanup", "--older-than", "0")).isZero();
    assertThat(cli.out.toString()).contains("kept    ").contains("deleted 0 runs");
    Map<String, String> s3Only = new java.util.HashMap<>(env);
    s3Only.remove("TDR_URL"); // cleanup needs no cluster
    assertThat(cli.run(s3Only, "cleanup", "--older-than", "0", "--include-kept")).as(cli.err.toString()).isZero();
    assertThat(cli.out.toString()).contains("deleted 1 run (");
    assertThat(tempObjects(emu)).isEmpty();
  }
}
