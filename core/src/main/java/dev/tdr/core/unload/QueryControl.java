package dev.tdr.core.unload;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Lets another thread cancel a running query: the statement on the server really stops. */
public final class QueryControl {
  /** Every control alive in this JVM, for {@link #cancelAll()} (a command line's signal handler). */
  private static final java.util.Set<QueryControl> LIVE =
      java.util.Collections.synchronizedSet(java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>()));

  /** Set by {@link #cancelAll()}: every control made afterwards starts cancelled. */
  private static volatile boolean stopping;

  private volatile Statement statement;
  private volatile boolean cancelled;

  public QueryControl() {
    cancelled = stopping;
    LIVE.add(this);
  }

  /**
   * Cancels every query of this JVM that has a control: running statements stop on the server,
   * reads stop, and each query's files are deleted by the thread that runs it. Every control made
   * afterwards starts cancelled, so a command between two of its statements (a describe, then its
   * UNLOAD) starts no new one. Returns how many controls were cancelled. For processes that are
   * about to exit (SIGINT, SIGTERM).
   */
  public static int cancelAll() {
    stopping = true;
    List<QueryControl> all;
    synchronized (LIVE) {
      all = new java.util.ArrayList<>(LIVE);
    }
    int n = 0;
    for (QueryControl c : all) {
      if (!c.cancelled) {
        c.cancel();
        n++;
      }
    }
    return n;
  }

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

  /** Undoes {@link #cancelAll()}'s effect on controls made later: for tests, which go on after it. */
  static void stopStopping() {
    stopping = false;
  }

  public boolean cancelled() {
    return cancelled;
  }

  /**
   * Registers the statement about to run (null when none), so {@link #cancel()} can stop it; if
   * this control is cancelled already, the statement must not start: throws the error a
   * cancelled statement raises (SQLSTATE 57014).
   */
  public void running(Statement s) throws SQLException {
    this.statement = s;
    if (cancelled && s != null) {
      this.statement = null;
      throw new SQLException("ERROR: canceling statement due to user request", "57014");
    }
  }
}
