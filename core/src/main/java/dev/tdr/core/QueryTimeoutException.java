package dev.tdr.core;

import dev.tdr.core.unload.QueryControl;
import java.sql.SQLException;
import java.time.Duration;

/** A query that ran longer than its timeout ({@link TdrConfig#queryTimeout()}) and was cancelled on the server. */
public final class QueryTimeoutException extends TdrException {
  private static final long serialVersionUID = 1L;
  private final transient Duration timeout;

  public QueryTimeoutException(Duration timeout, String source, Throwable cause) {
    super("the query ran longer than " + TdrConfig.formatDuration(timeout) + " (" + source
        + ") and was cancelled on the server; raise the timeout, or unset it to wait as long as the query takes", cause);
    this.timeout = timeout;
  }

  public Duration timeout() {
    return timeout;
  }

  /**
   * {@code e} as a timeout if it is the cancel that {@code config}'s timeout made (SQLSTATE
   * 57014 while nobody cancelled through {@code control}), else null.
   */
  public static QueryTimeoutException of(SQLException e, TdrConfig config, QueryControl control) {
    if (config.queryTimeout() == null || !"57014".equals(e.getSQLState()) || (control != null && control.cancelled())
        || String.valueOf(e.getMessage()).contains("statement timeout")) {
      return null;
    }
    return new QueryTimeoutException(config.queryTimeout(), config.queryTimeoutSource(), e);
  }
}
