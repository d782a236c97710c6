package dev.tdr.core;

/**
 * The root of every error TDR raises. Subtypes say what failed so a caller can act on it:
 * {@link ConfigException}, {@link UnloadFailedException}, {@link SchemaException}, {@link
 * ManifestException}, {@link PartReadException}, {@link CsvParseException}, {@link
 * ResultTooLargeException}. Messages never contain secrets.
 */
public class TdrException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TdrException(String message) {
    super(message);
  }

  public TdrException(String message, Throwable cause) {
    super(message, cause);
  }
}
