package dev.tdr.testkit.s3;

import dev.tdr.testkit.S3Operation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

/** Armed S3 faults: the next N requests matching an operation and key pattern fail or stall. */
public final class S3Faults {

  /** What happens to a response body after some bytes of it. */
  public enum BodyFault {
    /** The connection drops: the client gets a truncated body. */
    CUT,
    /** Nothing comes for the stall, then the rest. */
    STALL
  }

  /**
   * What a matching request suffers: an HTTP error status (0 for none) after an optional stall,
   * or a fault {@code afterBytes} into its response body.
   */
  public record Action(int status, Duration stall, BodyFault bodyFault, long afterBytes, Hold hold) {
    public Action(int status, Duration stall) {
      this(status, stall, null, -1, null);
    }

    public Action(int status, Duration stall, BodyFault bodyFault, long afterBytes) {
      this(status, stall, bodyFault, afterBytes, null);
    }
  }

  /**
   * A request held before it is served until {@link #release()}: the client sees a request that
   * does not answer (nothing is sent), as from a stuck server or a lost network.
   */
  public static final class Hold {
    /** Longest a request is held if nobody releases it (a forgotten hold must not hang a server for ever). */
    static final Duration LIMIT = Duration.ofMinutes(10);
    private final java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
    private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);
    private volatile String key;

    /** Waits until a request is held; false if none came within {@code timeout}. */
    public boolean awaitHeld(Duration timeout) throws InterruptedException {
      return held.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** The key of the held request (null before one is held). */
    public String key() {
      return key;
    }

    /** Lets the held request (and any later one) go on. */
    public void release() {
      released.countDown();
    }

    void hold(String key) {
      this.key = key;
      held.countDown();
      try {
        released.await(LIMIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** One request the store served (or refused), for tests that count what reached S3. */
  public record Seen(S3Operation op, String key) {}

  /** The most recent requests kept in {@link #seen()}. */
  private static final int SEEN_LIMIT = 100_000;
  private final java.util.ArrayDeque<Seen> seen = new java.util.ArrayDeque<>();
  private final List<Hold> holds = new ArrayList<>();

  /** Records a request (the oldest are forgotten beyond {@value #SEEN_LIMIT}). */
  public synchronized void saw(S3Operation op, String key) {
    if (seen.size() == SEEN_LIMIT) {
      seen.removeFirst();
    }
    seen.addLast(new Seen(op, key == null ? "" : key));
  }

  /** The requests seen so far, oldest first (at most {@value #SEEN_LIMIT}). */
  public synchronized List<Seen> seen() {
    return List.copyOf(seen);
  }

  /** Arms a hold of the next request of {@code op} on a key matching {@code keyRegex}. */
  public synchronized Hold hold(S3Operation op, String keyRegex) {
    Hold h = new Hold();
    holds.add(h);
    add(op, keyRegex, 1, new Action(0, null, null, -1, h));
    return h;
  }

  private static final class Rule {
    final S3Operation op;
    final Pattern key;
    int remaining;
    final Action action;

    Rule(S3Operation op, Pattern key, int remaining, Action action) {
      this.op = op;
      this.key = key;
      this.remaining = remaining;
      this.action = action;
    }
  }

  private final List<Rule> rules = new ArrayList<>();

  /** Arms a rule: {@code times} requests of {@code op} on keys matching {@code keyRegex}. */
  public synchronized void add(S3Operation op, String keyRegex, int times, Action action) {
    if (times <= 0) {
      throw new IllegalArgumentException("times must be > 0: " + times);
    }
    rules.add(new Rule(op, Pattern.compile(keyRegex), times, action));
  }

  /** The action for this request, consuming one use of the first matching rule, or null. */
  public synchronized Action take(S3Operation op, String key) {
    for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
      Rule r = it.next();
      if ((r.op == S3Operation.ANY || r.op == op) && r.key.matcher(key == null ? "" : key).find()) {
        if (--r.remaining == 0) {
          it.remove();
        }
        return r.action;
      }
    }
    return null;
  }

  public synchronized void clear() {
    rules.clear();
    holds.forEach(Hold::release);
    holds.clear();
  }

  /** How many more requests the armed rules will hit. */
  public synchronized int armed() {
    return rules.stream().mapToInt(r -> r.remaining).sum();
  }
}
