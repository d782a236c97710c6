package dev.tdr.testkit.unload;

/** An UNLOAD failure, raised to the client as an ErrorResponse with this SQLSTATE. */
public final class UnloadError extends Exception {
  private static final long serialVersionUID = 1L;

  /** Redshift reports S3 and most UNLOAD failures as internal errors. */
  public static final String INTERNAL = "XX000";
  public static final String SYNTAX = "42601";
  public static final String NOT_SUPPORTED = "0A000";
  public static final String INVALID_PARAMETER = "22023";
  public static final String CANCELED = "57014";

  private final String sqlState;
  private final String detail;

  public UnloadError(String sqlState, String message) {
    this(sqlState, message, null);
  }

  public UnloadError(String sqlState, String message, String detail) {
    super(message);
    this.sqlState = sqlState;
    this.detail = detail;
  }

  public String sqlState() {
    return sqlState;
  }

  public String detail() {
    return detail;
  }
}
