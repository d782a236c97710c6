package dev.tdr.cli;

import dev.tdr.core.unload.QueryControl;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.LoggerFactory;

/**
 * What SIGINT (Ctrl-C) and SIGTERM do to the command line.
 *
 * <p>Servers ({@code tdr emulator}) turn them into a clean stop with status 0 ({@link
 * #onTerminate}). Every command that runs queries ({@link #cancelQueries}) cancels them instead:
 * each running statement is cancelled on the server, reads stop, Spark jobs are cancelled, child
 * processes are stopped, and the thread that ran each query deletes its temporary files on the way
 * out; the command then says so in one line on stderr and exits 130 (SIGINT) or 143 (SIGTERM). If
 * that takes longer than {@link #GRACE_SECONDS}, or a second signal comes, the process exits at
 * once with the same status and says that {@code tdr cleanup} deletes what is left.
 */
final class Signals {
  /** How long a cancelled command may take to clean up before the process exits anyway. */
  static final int GRACE_SECONDS = 20;

  private static final AtomicReference<String> RECEIVED = new AtomicReference<>();
  private static volatile Runnable afterCancel = () -> { };

  private Signals() {}

  /** Turns SIGINT and SIGTERM into {@code action}, for servers that stop cleanly with status 0. */
  static void onTerminate(Runnable action) {
    for (String name : new String[] {"INT", "TERM"}) {
      handle(name, action);
    }
  }

  /**
   * Makes {@code signals} ("INT", "TERM") cancel every query of this process; {@code then} runs
   * after the cancel, on the signal's thread (an interactive shell exits from there).
   */
  static void cancelQueries(Runnable then, String... signals) {
    afterCancel = then == null ? () -> { } : then;
    for (String name : signals) {
      handle(name, () -> received(name));
    }
  }

  /** The signal that stopped this command ("INT" or "TERM"), or null. */
  static String received() {
    return RECEIVED.get();
  }

  /** The exit status for {@code signal}: 128 + its number. */
  static int status(String signal) {
    return "TERM".equals(signal) ? 143 : 130;
  }

  /**
   * If a signal stopped this command, says so on {@code err} in one line and returns its exit
   * status; otherwise returns {@code status} as is.
   */
  static int report(String command, int status, PrintWriter err) {
    String s = RECEIVED.get();
    if (s == null) {
      return status;
    }
    err.println("tdr " + command + ": stopped by SIG" + s + "; a query still running was cancelled on the server"
        + " and its temporary files deleted");
    err.flush();
    return status(s);
  }

  private static void received(String name) {
    if (!RECEIVED.compareAndSet(null, name)) {
      System.err.println("tdr: stopped by a second signal without cleaning up; `tdr cleanup` deletes"
          + " temporary files left behind");
      Runtime.getRuntime().halt(status(RECEIVED.get()));
    }
    Thread watchdog = new Thread(() -> {
      try {
        Thread.sleep(GRACE_SECONDS * 1000L);
      } catch (InterruptedException e) {
        return;
      }
      System.err.println("tdr: still stopping after " + GRACE_SECONDS + " s; exiting now. `tdr cleanup`"
          + " deletes temporary files left behind");
      Runtime.getRuntime().halt(status(name));
    }, "tdr-signal-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    QueryControl.cancelAll();
    cancelSparkJobs();
    ProcessHandle.current().descendants().forEach(ProcessHandle::destroy);
    afterCancel.run();
  }

  private static void cancelSparkJobs() {
    try {
      Class.forName("org.apache.spark.sql.SparkSession", false, Signals.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return; // no Spark on the class path: no jobs
    }
    try {
      dev.tdr.query.SparkRoute.cancelJobs();
    } catch (RuntimeException | LinkageError e) {
      LoggerFactory.getLogger(Signals.class).debug("cannot cancel Spark jobs: {}", e.toString());
    }
  }

  private static void handle(String name, Runnable action) {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal(name), s -> action.run());
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      // Not available on this platform: the JVM's default handling (exit) stays.
      LoggerFactory.getLogger(Signals.class).debug("cannot handle SIG{}: {}", name, e.toString());
    }
  }
}
