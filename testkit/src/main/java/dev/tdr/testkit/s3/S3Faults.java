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
  public record Action(int status, Duration stall, BodyFault bodyFault, long afterBytes) {
    public Action(int status, Duration stall) {
      this(status, stall, null, -1);
    }
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
  }

  /** How many more requests the armed rules will hit. */
  public synchronized int armed() {
    return rules.stream().mapToInt(r -> r.remaining).sum();
  }
}
