package dev.tdr.core;

/**
 * The query was cancelled by its caller ({@code QueryControl.cancel()}, Ctrl-C, a notebook's
 * interrupt) on any route: the statement was cancelled on the server, or never started, or the
 * reading of its parts stopped. Never a partial result. A timeout is a {@link
 * QueryTimeoutException}, not this.
 */
public class QueryCancelledException extends TdrException {
  private static final long serialVersionUID = 1L;

  /** {@code when}: e.g. "before it started", "while its parts were read". */
  public QueryCancelledException(String when, Throwable cause) {
    super("the query was cancelled " + when, cause);
  }
}
