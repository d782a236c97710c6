package dev.tdr.testkit.wire;

import java.io.IOException;

/** Executes statements the front does not pass through (UNLOAD), on the session's own backend. */
public interface StatementInterceptor {

  /** True if {@code sql} (one statement) is handled by {@link #execute}. */
  boolean intercepts(String sql);

  /**
   * Executes one intercepted statement while owning the backend. On success sends the client
   * the statement's notices and CommandComplete; on failure makes the backend raise the error
   * (so transaction state follows, as on Redshift) and relays it. Never sends Sync.
   *
   * @return true on success
   */
  boolean execute(String sql, SessionIo io) throws IOException;
}
