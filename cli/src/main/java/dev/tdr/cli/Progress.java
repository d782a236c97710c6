package dev.tdr.cli;

import dev.tdr.core.TdrListener;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** A one-line progress display on stderr: the UNLOAD's time, then parts and bytes read. */
final class Progress implements TdrListener {
  private final PrintWriter err;
  private final long start = System.nanoTime();
  private volatile boolean done;
  private int lastLength;
  private Thread ticker;

  /** Nothing is shown before this much time has passed (a quick statement shows no progress at all). */
  private final long quietNanos;

  Progress(PrintWriter err) {
    this(err, Duration.ZERO);
  }

  /** Progress on {@code err} that stays silent for the first {@code quiet} of a statement. */
  Progress(PrintWriter err, Duration quiet) {
    this.err = err;
    this.quietNanos = quiet.toNanos();
  }

  /**
   * Runs a command's query along {@code via}, with progress on {@code err} while it runs when
   * {@code show} says so (null: when stderr is a terminal).
   */
  static dev.tdr.query.Routes.Outcome run(dev.tdr.core.TdrConfig config, dev.tdr.Route via, dev.tdr.RenderedSql sql,
      Boolean show, PrintWriter err) {
    Progress bar = (show != null ? show : stderrIsTerminal()) ? new Progress(err) : null;
    try (dev.tdr.Tdr tdr = dev.tdr.Tdr.connect(config)) {
      return dev.tdr.query.Routes.run(tdr, config, via, sql, bar != null ? bar : TdrListener.NONE,
          new dev.tdr.core.unload.QueryControl(), false);
    } finally {
      if (bar != null) {
        bar.finish();
      }
    }
  }

  /** True if stderr is a terminal (Linux: /proc/self/fd/2 is a tty), or the console is. */
  static boolean stderrIsTerminal() {
    try {
      Path fd = Path.of("/proc/self/fd/2");
      if (Files.isSymbolicLink(fd)) {
        String target = Files.readSymbolicLink(fd).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      }
    } catch (Exception ignored) {
      // not Linux: fall back to the console check
    }
    return System.console() != null;
  }

  @Override
  public void unloadStarted(String prefix) {
    ticker = new Thread(() -> {
      while (!done) {
        show(String.format("UNLOAD running... %.1fs", seconds()));
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "tdr-progress");
    ticker.setDaemon(true);
    ticker.start();
  }

  @Override
  public void unloadFinished(long rows, int parts, long bytes, Duration elapsed) {
    stopTicker();
    show(String.format("UNLOAD done: %,d rows, %d parts, %s in %.1fs", rows, parts, mb(bytes), elapsed.toNanos() / 1e9));
  }

  @Override
  public void partRead(int done, int total, long bytesDone, long bytesTotal) {
    int width = 30;
    int filled = total == 0 ? width : (int) ((long) width * done / total);
    show(String.format("reading [%s%s] %d/%d parts, %s of %s", "#".repeat(filled), ".".repeat(width - filled),
        done, total, mb(bytesDone), mb(bytesTotal)));
  }

  @Override
  public void rowsFetched(long rows, Duration elapsed) {
    show(String.format("fetching over JDBC... %,d rows in %.1fs", rows, elapsed.toNanos() / 1e9));
  }

  @Override
  public void readFinished(long rows, Duration elapsed) {
    finish();
  }

  /** Clears the line. */
  synchronized void finish() {
    stopTicker();
    if (lastLength > 0) {
      err.print("\r" + " ".repeat(lastLength) + "\r");
      err.flush();
      lastLength = 0;
    }
  }

  private void stopTicker() {
    done = true;
    if (ticker != null) {
      ticker.interrupt();
    }
  }

  private synchronized void show(String line) {
    if (System.nanoTime() - start < quietNanos) {
      return;
    }
    String padded = line.length() < lastLength ? line + " ".repeat(lastLength - line.length()) : line;
    err.print("\r" + padded);
    err.flush();
    lastLength = line.length();
  }

  private double seconds() {
    return (System.nanoTime() - start) / 1e9;
  }

  private static String mb(long bytes) {
    return String.format("%.1f MB", bytes / 1048576.0);
  }
}
