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
    super(Secrets.scrub(message));
  }

  /** The message is scrubbed, and so is the cause chain (a stand-in replaces a cause whose message holds a secret). */
  public TdrException(String message, Throwable cause) {
    super(Secrets.scrub(message), Secrets.scrub(cause));
  }
}
