package dev.tdr.cli;

import dev.tdr.testkit.EmptyUnload;
import dev.tdr.testkit.RedshiftEmulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tdr emulator}: runs the Redshift emulator until interrupted. */
@Command(
    name = "emulator",
    mixinStandardHelpOptions = true,
    description = {
        "Starts a local Redshift (embedded PostgreSQL behind a Redshift wire front that runs UNLOAD)"
            + " and S3 endpoint, prints the connection settings as 'export NAME=value' lines once"
            + " ready, and runs until interrupted (Ctrl-C or SIGTERM).",
        "",
        "Example:",
        "  ./tdr emulator --env-file /tmp/tdr.env &",
        "  . /tmp/tdr.env && ./tdr exec 'select 1'      # or: psql -c 'select 1'"})
final class EmulatorCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--port", paramLabel = "PORT", description = "JDBC port of the Redshift front (default: a free port).")
  int port;

  @Option(names = "--s3-port", paramLabel = "PORT", description = "Port of the S3 endpoint (default: a free port).")
  int s3Port;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Keep the database and the S3 objects in DIR across restarts (default: a temporary directory, deleted on exit).")
  Path dataDir;

  @Option(names = "--env-file", paramLabel = "FILE", description = "Also write the export lines to FILE (written once the emulator is ready).")
  Path envFile;

  @Option(names = "--slices", paramLabel = "N", defaultValue = "4",
      description = "Slices that UNLOAD spreads rows over under PARALLEL ON (default: ${DEFAULT-VALUE}).")
  int slices;

  @Option(names = "--empty-unload", paramLabel = "MODE", defaultValue = "NO_FILES",
      description = "What an UNLOAD of zero rows leaves in S3: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  EmptyUnload emptyUnload;

  @Option(names = "--demo-data", paramLabel = "EVENTS", arity = "0..1", fallbackValue = "100000",
      description = "Load the demo dataset (titles, viewing_events with EVENTS rows; default 100000 when given without a number) before printing the settings.")
  Integer demoEvents;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (slices < 1 || slices > 9999) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--slices must be between 1 and 9999, got " + slices);
    }
    checkFree("--port", port);
    checkFree("--s3-port", s3Port);
    err.println("Starting the Redshift emulator...");
    RedshiftEmulator.Builder b = RedshiftEmulator.builder().port(port).s3Port(s3Port).slices(slices)
        .emptyUnload(emptyUnload);
    if (dataDir != null) {
      b.dataDir(dataDir.toAbsolutePath());
    }
    CountDownLatch stop = new CountDownLatch(1);
    try (RedshiftEmulator emu = b.start()) {
      Signals.onTerminate(stop::countDown);
      Thread hook = new Thread(() -> {
        stop.countDown();
        emu.close(); // idempotent; also runs if the JVM exits for another reason
      }, "tdr-emulator-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      if (demoEvents != null) {
        if (demoEvents < 1) {
          throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--demo-data must be at least 1, got " + demoEvents);
        }
        err.printf("Loading the demo dataset (%,d viewing events)...%n", demoEvents);
        DemoCommand.loadDataset(emu, demoEvents);
      }
      String exports = exports(emu);
      if (envFile != null) {
        writeAtomically(envFile, exports);
      }
      out.print(exports);
      out.flush();
      err.println("Redshift emulator ready: JDBC " + emu.jdbcUrl() + ", S3 " + emu.s3Endpoint()
          + ", bucket " + emu.bucket() + ". Ctrl-C to stop.");
      stop.await();
      err.println("Stopping the Redshift emulator...");
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is already exiting; the hook closes the emulator
      }
    }
    return 0;
  }

  /** A port given on the command line is free, or a usage error names it. */
  private void checkFree(String option, int p) {
    if (p <= 0) {
      return;
    }
    try (java.net.ServerSocket s = new java.net.ServerSocket()) {
      s.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), p));
    } catch (java.net.BindException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), option + " " + p
          + ": the port is in use (another emulator, or another program); choose another, or leave " + option
          + " out for a free one");
    } catch (IOException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), option + " " + p + ": " + e.getMessage());
    }
  }

  /**
   * The emulator's settings as export lines: TDR's variables, and libpq's ({@code PGHOST},
   * {@code PGPORT}, ...), so that plain {@code psql} connects after the file is sourced.
   */
  static String exports(RedshiftEmulator emu) {
    Map<String, String> env = new java.util.LinkedHashMap<>(emu.environment());
    env.put("PGHOST", "127.0.0.1");
    env.put("PGPORT", String.valueOf(emu.port()));
    env.put("PGDATABASE", emu.database());
    env.put("PGUSER", emu.user());
    env.put("PGPASSWORD", emu.password());
    env.put("PGSSLMODE", "disable");
    return exports(env);
  }

  /** {@code export NAME='value'} lines, values single-quoted for any POSIX shell. */
  static String exports(Map<String, String> env) {
    StringBuilder sb = new StringBuilder();
    env.forEach((k, v) -> sb.append("export ").append(k).append('=').append(shellQuote(v)).append('\n'));
    return sb.toString();
  }

  static String shellQuote(String v) {
    if (v.matches("[A-Za-z0-9_./:@%+=,-]+")) {
      return v;
    }
    return "'" + v.replace("'", "'\\''") + "'";
  }

  private static void writeAtomically(Path file, String text) throws IOException {
    Path abs = file.toAbsolutePath();
    if (abs.getParent() != null) {
      Files.createDirectories(abs.getParent());
    }
    Path tmp = Files.createTempFile(abs.getParent(), ".tdr-env-", ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
