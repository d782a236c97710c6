package dev.tdr.core.csv;

import com.univocity.parsers.common.ParsingContext;
import com.univocity.parsers.common.TextParsingException;
import com.univocity.parsers.csv.CsvParser;
import dev.tdr.core.Column;
import dev.tdr.core.ColumnType;
import dev.tdr.core.CsvParseException;
import dev.tdr.core.Schema;
import java.io.Reader;

/**
 * The general parser: univocity-parsers, then {@link TypedText}'s conversion of each field, into
 * a {@link RowSink}. The part reader uses it for dialects the byte decoder does not read ({@link
 * CsvDialect#byteDecodable()}), and the byte decoder's tests use it as their independent oracle.
 * Any value that is not what UNLOAD writes for its column raises a {@link CsvParseException}
 * naming the part, line and column.
 *
 * <p>Not thread-safe: use one parser per thread.
 */
public final class PartParser {
  private final CsvDialect dialect;
  private final Schema schema;
  private final ColumnType[] types;
  private final CsvParser parser;

  public PartParser(CsvDialect dialect, Schema schema) {
    this.dialect = dialect;
    this.schema = schema;
    this.types = schema.columns().stream().map(Column::type).toArray(ColumnType[]::new);
    this.parser = new CsvParser(dialect.parserSettings(schema.size()));
  }

  private String uri;
  private long firstLine;
  private long maxRows;
  private long rows;

  /**
   * Parses all rows of {@code in}; returns how many. {@code uri} and {@code firstLine} (1-based
   * line number of the first line of {@code in} within the part) are used in error messages.
   * {@code maxRows} stops with an error if more rows arrive (the manifest's record count).
   */
  public long parse(Reader in, String uri, long firstLine, long maxRows, RowSink sink) {
    begin(in, uri, firstLine, maxRows);
    try {
      while (next(sink)) {
        // each call delivers one row to the sink
      }
      return rows;
    } finally {
      end();
    }
  }

  /** Starts parsing {@code in} row by row with {@link #next}; see {@link #parse} for the rest. */
  public void begin(Reader in, String uri, long firstLine, long maxRows) {
    this.uri = uri;
    this.firstLine = firstLine;
    this.maxRows = maxRows;
    this.rows = 0;
    parser.beginParsing(in);
  }

  /** Parses the next row into {@code sink}; false at the end of the input. */
  public boolean next(RowSink sink) {
    String[] row = nextRow(uri, firstLine);
    if (row == null) {
      return false;
    }
    if (row.length != types.length) {
      if (types.length == 1 && row.length == 0) {
        row = new String[] {""};
      } else {
        throw new CsvParseException(uri, line(firstLine), 0,
            "expected " + types.length + " fields, found " + row.length, null);
      }
    }
    if (++rows > maxRows) {
      throw new CsvParseException(uri, line(firstLine), 0,
          "more rows than the manifest's record_count (" + maxRows + ")", null);
    }
    for (int c = 0; c < types.length; c++) {
      convert(c, row[c], sink, uri, firstLine);
    }
    sink.endRow();
    return true;
  }

  /** The line the parser is on (within the part), for messages. */
  public long line() {
    return line(firstLine);
  }

  /** Rows delivered since {@link #begin}. */
  public long rows() {
    return rows;
  }

  /** Stops parsing and releases the input. */
  public void end() {
    parser.stopParsing();
  }

  private String[] nextRow(String uri, long firstLine) {
    try {
      return parser.parseNext();
    } catch (TextParsingException e) {
      throw new CsvParseException(uri, firstLine + Math.max(0, e.getLineIndex()),
          e.getColumnIndex() + 1, "malformed CSV: " + firstLineOf(e.getMessage()), null);
    }
  }

  private long line(long firstLine) {
    ParsingContext ctx = parser.getContext();
    return ctx == null ? 0 : firstLine + Math.max(0, ctx.currentLine() - 1);
  }

  private static String firstLineOf(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private void convert(int c, String v, RowSink sink, String uri, long firstLine) {
    if (dialect.isNull(v, types[c] == ColumnType.SUPER)) {
      sink.nullValue(c);
      return;
    }
    try {
      TypedText.convert(types[c], c, v, sink);
    } catch (IllegalArgumentException e) {
      throw new CsvParseException(uri, line(firstLine), c + 1, TypedText.notAValue(schema.column(c), v, e), null);
    }
  }
}
