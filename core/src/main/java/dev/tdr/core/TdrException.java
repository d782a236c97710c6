package dev.tdr.core;

/**
 * The root of every error TDR raises. Subtypes say what failed so a caller can act on it:
 * {@link ConfigException}, {@link DatabaseException} ({@link UnloadFailedException} on the UNLOAD
 * route, {@link QueryFailedException} on the JDBC route), {@link QueryCancelledException}, {@link
 * QueryTimeoutException}, {@link SchemaException}, {@link ManifestException}, {@link
 * PartReadException} (reading a part), {@link StorageException} (listing, writing, deleting in S3),
 * {@link CsvParseException}, {@link ResultTooLargeException}, {@link
 * dev.tdr.core.sql.SqlSyntaxException}. Messages never contain secrets.
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
