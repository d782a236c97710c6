package dev.tdr.testkit.unload;

import dev.tdr.testkit.PartDamage;
import java.time.Duration;
import java.util.ArrayDeque;

/** Faults armed for coming UNLOADs; each is consumed by one UNLOAD. */
public final class UnloadFaults {
  /** A failure with a chosen SQLSTATE. */
  public record Failure(String sqlState, String message) {}

  private final ArrayDeque<Failure> failures = new ArrayDeque<>();
  private final ArrayDeque<Duration> delays = new ArrayDeque<>();
  private final ArrayDeque<PartDamage> damages = new ArrayDeque<>();
  private final ArrayDeque<Pause> pauses = new ArrayDeque<>();

  /**
   * Holds an UNLOAD between two of its steps on the backend (after its query was parsed, before it
   * runs), when the backend waits for the front's next message: for tests of what happens then.
   */
  public static final class Pause {
    private final java.util.concurrent.CountDownLatch reached = new java.util.concurrent.CountDownLatch(1);
    private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);

    /** Waits until the UNLOAD is held; false if it was not within {@code timeout}. */
    public boolean awaitReached(Duration timeout) throws InterruptedException {
      return reached.await(timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** Lets the UNLOAD go on. */
    public void release() {
      released.countDown();
    }

    void hold() {
      reached.countDown();
      try {
        released.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  public synchronized void addFailure(Failure f) {
    failures.add(f);
  }

  public synchronized void addDelay(Duration d) {
    delays.add(d);
  }

  public synchronized void addDamage(PartDamage d) {
    damages.add(d);
  }

  public synchronized void addPause(Pause p) {
    pauses.add(p);
  }

  synchronized Pause takePause() {
    return pauses.poll();
  }

  synchronized Failure takeFailure() {
    return failures.poll();
  }

  synchronized Duration takeDelay() {
    return delays.poll();
  }

  synchronized PartDamage takeDamage() {
    return damages.poll();
  }

  public synchronized void clear() {
    failures.clear();
    delays.clear();
    damages.clear();
    pauses.forEach(Pause::release);
    pauses.clear();
  }
}
