package dev.tdr.core;

import dev.tdr.core.sql.SqlRedaction;

/**
 * The database rejected or failed a statement: its SQLSTATE, its message and the statement, with
 * secrets removed. {@link UnloadFailedException} on the UNLOAD route, {@link QueryFailedException}
 * on the JDBC route; catch this type for either.
 */
public class DatabaseException extends TdrException {
  private static final long serialVersionUID = 1L;
  private final String sqlState;
  private final String statement;
  private final String serverMessage;

  /**
   * @param what what failed, e.g. "UNLOAD failed" or "query failed"
   * @param sqlState the SQLSTATE the database reported (may be null)
   * @param message the database's message
   * @param statement the statement that failed; secrets are removed here
   */
  protected DatabaseException(String what, String sqlState, String message, String statement, Throwable cause) {
    super(compose(what, sqlState, message, SqlRedaction.redact(statement)), cause);
    this.sqlState = sqlState;
    this.statement = SqlRedaction.redact(statement);
    this.serverMessage = Secrets.scrub(message == null ? "" : message.strip());
  }

  private static String compose(String what, String sqlState, String message, String statement) {
    return what + (sqlState == null ? "" : " [SQLSTATE " + sqlState + "]") + ": "
        + SqlRedaction.redact(message == null ? "" : message.strip()) + "\n  statement: " + statement;
  }

  /** The SQLSTATE, e.g. {@code 42P01} for a missing relation; null if unknown. */
  public String sqlState() {
    return sqlState;
  }

  /** The database's own message (secrets removed), without the statement. */
  public String serverMessage() {
    return serverMessage;
  }

  /** The failed statement with secrets replaced by {@code '***'}. */
  public String statement() {
    return statement;
  }
}
