package dev.tdr.core;

/** A wrong or missing setting; the message names the setting and the fix. */
public class ConfigException extends TdrException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
