package dev.tdr.core;

/** A result too large for this route: the message names the setting or route to use instead. */
public class ResultTooLargeException extends TdrException {
  private static final long serialVersionUID = 1L;

  public ResultTooLargeException(String message) {
    super(message);
  }

  public ResultTooLargeException(String message, Throwable cause) {
    super(message, cause);
  }
}
