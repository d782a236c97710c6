package dev.tdr.core.sql;

/** SQL text that cannot be tokenized, e.g. an unterminated literal. */
public final class SqlSyntaxException extends IllegalArgumentException {
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
