package dev.tdr.core;

/** An UNLOAD manifest that is missing when rows were unloaded, or that disagrees with what was read. */
public class ManifestException extends TdrException {
  private static final long serialVersionUID = 1L;

  public ManifestException(String message) {
    super(message);
  }

  public ManifestException(String message, Throwable cause) {
    super(message, cause);
  }
}
