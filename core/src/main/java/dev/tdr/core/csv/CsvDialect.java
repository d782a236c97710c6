package dev.tdr.core.csv;

import com.univocity.parsers.csv.CsvParserSettings;
import dev.tdr.core.sql.SqlLiterals;
import java.io.Serializable;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The one place that decides how parts are written and read, so writer and reader never
 * disagree: UNLOAD gets {@code FORMAT CSV DELIMITER ',' NULL AS '<marker>'}, the parser gets the
 * matching univocity settings.
 *
 * <p>Redshift writes an empty string as an empty field, and NULL as the {@code NULL AS} text
 * (except in SUPER columns, where NULL stays an empty field and an empty value cannot occur). The
 * marker is made of random hex per run, so no real value can be mistaken for it.
 */
public final class CsvDialect implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char QUOTE = '"';
  private static final char RECORD_SEPARATOR = '\n';

  private final char delimiter;
  private final String nullMarker;

  private CsvDialect(char delimiter, String nullMarker) {
    this.delimiter = delimiter;
    this.nullMarker = nullMarker;
  }

  /** The dialect of a new UNLOAD, with a fresh NULL marker. */
  public static CsvDialect forNewUnload() {
    byte[] b = new byte[8];
    RANDOM.nextBytes(b);
    return new CsvDialect(',', "NULL-tdr-" + HexFormat.of().formatHex(b));
  }

  /**
   * The dialect of an existing {@code FORMAT CSV} UNLOAD made by someone else: comma-delimited,
   * NULL written as an empty field (so NULL and the empty string are the same), or as {@code
   * nullAs} if that UNLOAD used {@code NULL AS}.
   */
  public static CsvDialect existingCsv(String nullAs) {
    return new CsvDialect(',', nullAs);
  }

  /** With a known marker, e.g. one carried to Spark executors. */
  public static CsvDialect of(char delimiter, String nullMarker) {
    return new CsvDialect(delimiter, nullMarker);
  }

  public char delimiter() {
    return delimiter;
  }

  /** The quote character of quoted fields; inside them it is doubled. */
  public char quote() {
    return QUOTE;
  }

  /** The character that ends a record (outside quotes). */
  public char recordSeparator() {
    return RECORD_SEPARATOR;
  }

  /**
   * True if the byte decoder reads this dialect: a one-byte (ASCII) delimiter that is not the
   * quote, the record separator or CR. Other dialects go through the general parser.
   */
  public boolean byteDecodable() {
    return delimiter > 0 && delimiter < 0x80 && delimiter != QUOTE && delimiter != RECORD_SEPARATOR
        && delimiter != '\r';
  }

  /** The text that stands for NULL, or null if NULL is an empty field. */
  public String nullMarker() {
    return nullMarker;
  }

  /** The UNLOAD options for this dialect. */
  public String unloadOptions() {
    return "FORMAT CSV DELIMITER " + SqlLiterals.quote(String.valueOf(delimiter))
        + (nullMarker == null ? "" : " NULL AS " + SqlLiterals.quote(nullMarker));
  }

  /** True if the parsed field {@code value} means NULL ({@code superColumn}: a SUPER column). */
  public boolean isNull(String value, boolean superColumn) {
    if (value == null) {
      return true;
    }
    if (nullMarker == null || superColumn) {
      return value.isEmpty() || value.equals(nullMarker);
    }
    return value.equals(nullMarker);
  }

  /** univocity settings that read exactly what UNLOAD wrote with this dialect. */
  public CsvParserSettings parserSettings(int columns) {
    CsvParserSettings s = new CsvParserSettings();
    s.getFormat().setDelimiter(delimiter);
    s.getFormat().setQuote(QUOTE);
    s.getFormat().setQuoteEscape(QUOTE);
    s.getFormat().setCharToEscapeQuoteEscaping(QUOTE);
    s.getFormat().setLineSeparator(String.valueOf(RECORD_SEPARATOR));
    s.getFormat().setNormalizedNewline(RECORD_SEPARATOR);
    s.getFormat().setComment('\0');
    s.setNormalizeLineEndingsWithinQuotes(false);
    s.setLineSeparatorDetectionEnabled(false);
    s.setHeaderExtractionEnabled(false);
    s.setIgnoreLeadingWhitespaces(false);
    s.setIgnoreTrailingWhitespaces(false);
    s.setIgnoreLeadingWhitespacesInQuotes(false);
    s.setIgnoreTrailingWhitespacesInQuotes(false);
    s.setKeepQuotes(false);
    s.setSkipEmptyLines(false);
    s.setNullValue("");
    s.setEmptyValue("");
    s.setMaxCharsPerColumn(-1);
    s.setMaxColumns(Math.max(columns + 8, 512));
    s.setReadInputOnSeparateThread(false);
    s.setAutoClosingEnabled(false);
    s.setErrorContentLength(0);
    s.setUnescapedQuoteHandling(com.univocity.parsers.csv.UnescapedQuoteHandling.RAISE_ERROR);
    return s;
  }

  @Override
  public String toString() {
    return "CsvDialect[delimiter=" + delimiter + ", null=" + (nullMarker == null ? "empty field" : nullMarker) + "]";
  }
}
