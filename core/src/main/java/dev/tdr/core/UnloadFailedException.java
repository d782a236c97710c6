package dev.tdr.core;

import dev.tdr.core.sql.SqlRedaction;

/** The database rejected or failed the UNLOAD (or the query behind it). */
public class UnloadFailedException extends TdrException {
  private static final long serialVersionUID = 1L;
  private final String sqlState;
  private final String statement;
  private final String serverMessage;

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
    super(compose(what, sqlState, message, SqlRedaction.redact(statement)), cause);
    this.sqlState = sqlState;
    this.statement = SqlRedaction.redact(statement);
    this.serverMessage = Secrets.scrub(message == null ? "" : message.strip());
  }

  private static String compose(String what, String sqlState, String message, String statement) {
    return what + (sqlState == null ? "" : " [SQLSTATE " + sqlState + "]") + ": "
        + SqlRedaction.redact(message == null ? "" : message.strip()) + "\n  statement: " + statement;
  }

  /** The SQLSTATE, e.g. {@code 57014} for a cancelled statement; null if unknown. */
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
