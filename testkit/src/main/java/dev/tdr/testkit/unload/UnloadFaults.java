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

  public synchronized void addFailure(Failure f) {
    failures.add(f);
  }

  public synchronized void addDelay(Duration d) {
    delays.add(d);
  }

  public synchronized void addDamage(PartDamage d) {
    damages.add(d);
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
  }
}
