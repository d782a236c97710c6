package dev.tdr.notebook;

/**
 * How much of a DataFrame a display shows.
 *
 * @param rows rows in the text and HTML tables (the head of the frame)
 * @param dataResourceRows rows in {@code application/vnd.dataresource+json}; when the frame has
 *     more, the rows are cut there and the metadata says {@code "sampled": true}
 * @param maxCellChars longest cell text before it is cut with an ellipsis
 */
public record DisplayOptions(int rows, int dataResourceRows, int maxCellChars) {
  public DisplayOptions {
    if (rows < 0 || dataResourceRows < 0) {
      throw new IllegalArgumentException("display rows must be >= 0, got " + rows + " and " + dataResourceRows);
    }
    if (maxCellChars < 4) {
      throw new IllegalArgumentException("maxCellChars must be >= 4, got " + maxCellChars);
    }
  }

  /**
   * 20 rows of table, 1,000 rows of data resource (enough to explore, small enough that saved
   * notebooks stay small), cells cut at 200 characters.
   */
  public static DisplayOptions defaults() {
    return new DisplayOptions(20, 1_000, 200);
  }

  public DisplayOptions withRows(int n) {
    return new DisplayOptions(n, dataResourceRows, maxCellChars);
  }

  public DisplayOptions withDataResourceRows(int n) {
    return new DisplayOptions(rows, n, maxCellChars);
  }
}
