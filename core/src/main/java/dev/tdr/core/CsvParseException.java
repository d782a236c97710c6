package dev.tdr.core;

/** A part file holds something that is not what the UNLOAD wrote: names the part, line and column. */
public class CsvParseException extends TdrException {
  private static final long serialVersionUID = 1L;
  private final String uri;
  private final long line;
  private final int column;

  /**
   * @param uri the part's {@code s3://} URI
   * @param line 1-based line number in the part (0 if unknown)
   * @param column 1-based column number (0 if unknown)
   */
  public CsvParseException(String uri, long line, int column, String message, Throwable cause) {
    super(uri + (line > 0 ? ", line " + line : "") + (column > 0 ? ", column " + column : "")
        + ": " + message, cause);
    this.uri = uri;
    this.line = line;
    this.column = column;
  }

  public String uri() {
    return uri;
  }

  public long line() {
    return line;
  }

  public int column() {
    return column;
  }
}
