package dev.tdr.snippets;

import dev.tdr.core.TdrException;

/** A snippet library that cannot be loaded, or a template that cannot be rendered. */
public class SnippetException extends TdrException {
  private static final long serialVersionUID = 1L;

  public SnippetException(String message) {
    super(message);
  }

  public SnippetException(String message, Throwable cause) {
    super(message, cause);
  }
}
