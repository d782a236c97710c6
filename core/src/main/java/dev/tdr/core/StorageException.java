package dev.tdr.core;

/**
 * An S3 operation other than reading a part failed (after the SDK's retries): listing a prefix,
 * writing a marker, deleting a run's files. Reading a part is a {@link PartReadException}.
 */
public class StorageException extends TdrException {
  private static final long serialVersionUID = 1L;
  private final String uri;

  /** {@code what}: the operation, e.g. "cannot list", "cannot delete". */
  public StorageException(String what, String uri, String message, Throwable cause) {
    super(what + " " + uri + ": " + message, cause);
    this.uri = uri;
  }

  /** The {@code s3://} URI of the object or prefix. */
  public String uri() {
    return uri;
  }
}
