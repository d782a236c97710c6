package dev.tdr.core;

/** The database rejected or failed a query run over plain JDBC (the JDBC route, {@code --via jdbc}). */
public class QueryFailedException extends DatabaseException {
  private static final long serialVersionUID = 1L;

  public QueryFailedException(String sqlState, String message, String statement, Throwable cause) {
    super("query failed", sqlState, message, statement, cause);
  }
}
