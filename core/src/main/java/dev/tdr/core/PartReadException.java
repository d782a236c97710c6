package dev.tdr.core;

/** A part file could not be read from S3 (after retries). */
public class PartReadException extends TdrException {
  private static final long serialVersionUID = 1L;
  private final String uri;

  public PartReadException(String uri, String message, Throwable cause) {
    super("cannot read " + uri + ": " + message, cause);
    this.uri = uri;
  }

  /** The {@code s3://} URI of the part. */
  public String uri() {
    return uri;
  }
}
