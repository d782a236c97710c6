package dev.tdr.core.sql;

/**
 * SQL text that cannot be tokenized, e.g. an unterminated literal. A {@link dev.tdr.core.TdrException}
 * (it was an {@code IllegalArgumentException} before: a caller that caught that for a bad query
 * now catches {@code TdrException}, as for every other error TDR raises).
 */
public final class SqlSyntaxException extends dev.tdr.core.TdrException {
  private static final long serialVersionUID = 1L;
  private final int offset;

  /** A syntax error at {@code offset} in the source text. */
  public SqlSyntaxException(String message, int offset) {
    super(message);
    this.offset = offset;
  }

  /** Offset in the source text where the problem begins. */
  public int offset() {
    return offset;
  }
}
