package dev.tdr.testkit.wire;

import java.util.List;

/** Where the front records the statements it ran (Redshift's STL_QUERY). */
public interface QueryLog {
  /** Records nothing. */
  QueryLog NONE = new QueryLog() {
    @Override
    public void record(int pid, String user, List<Entry> entries) {}

    @Override
    public void flush() {}
  };

  /** One statement as a client sent it (secrets not yet removed), its start and end, and whether it failed. */
  record Entry(String text, long startMillis, long endMillis, boolean aborted) {}

  /** Records {@code entries} (asynchronously: {@link #flush()} waits for them). */
  void record(int pid, String user, List<Entry> entries);

  /** Waits until everything recorded so far can be read. */
  void flush();
}
