package dev.tdr.core;

/** A result column TDR cannot map: the message names the column and its type. */
public class SchemaException extends TdrException {
  private static final long serialVersionUID = 1L;

  public SchemaException(String message) {
    super(message);
  }

  public SchemaException(String message, Throwable cause) {
    super(message, cause);
  }
}
