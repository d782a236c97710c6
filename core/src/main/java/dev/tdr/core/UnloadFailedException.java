package dev.tdr.core;

/** The database rejected or failed the UNLOAD (or the query behind it), on the UNLOAD route. */
public class UnloadFailedException extends DatabaseException {
  private static final long serialVersionUID = 1L;

  /**
   * @param sqlState the SQLSTATE the database reported (may be null)
   * @param message the database's message
   * @param statement the statement that failed; secrets are removed here
   */
  public UnloadFailedException(String sqlState, String message, String statement, Throwable cause) {
    this("UNLOAD failed", sqlState, message, statement, cause);
  }

  /** A failure described as {@code what} (e.g. "query failed" when the query itself was rejected). */
  public UnloadFailedException(String what, String sqlState, String message, String statement, Throwable cause) {
    super(what, sqlState, message, statement, cause);
  }
}
