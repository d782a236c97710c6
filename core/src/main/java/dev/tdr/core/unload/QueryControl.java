package dev.tdr.core.unload;

import java.sql.SQLException;
import java.sql.Statement;

/** Lets another thread cancel a running query: the statement on the server really stops. */
public final class QueryControl {
  private volatile Statement statement;
  private volatile boolean cancelled;

  /** Cancels the running statement, if any, and everything after it. */
  public void cancel() {
    cancelled = true;
    Statement s = statement;
    if (s != null) {
      try {
        s.cancel();
      } catch (SQLException ignored) {
        // the statement may have just finished; the flag stops what follows
      }
    }
  }

  public boolean cancelled() {
    return cancelled;
  }

  /** Registers the statement now running (null when none), so {@link #cancel()} can stop it. */
  public void running(Statement s) {
    this.statement = s;
    if (cancelled && s != null) {
      cancel();
    }
  }
}
