package dev.tdr.testkit.unload;

import java.nio.charset.StandardCharsets;

/**
 * Writes fields and line ends as Redshift does for the UNLOAD's format: FORMAT CSV quotes a
 * field only if it holds the delimiter, a quote, CR or LF (quotes doubled); delimited text
 * writes values as they are, with ESCAPE putting a backslash before LF, CR, the delimiter and
 * backslash in character columns (and quotes too with ADDQUOTES), and ADDQUOTES quoting every
 * field.
 */
final class FieldWriter {
  private final boolean csv;
  private final byte delimiter;
  private final byte[] nullBytes;
  private final boolean escape;
  private final boolean addQuotes;

  FieldWriter(UnloadCommand cmd) {
    this.csv = cmd.format() == UnloadCommand.Format.CSV;
    this.delimiter = (byte) cmd.delimiter();
    this.nullBytes = cmd.nullAs() == null ? new byte[0] : cmd.nullAs().getBytes(StandardCharsets.UTF_8);
    this.escape = cmd.escape();
    this.addQuotes = cmd.addQuotes();
  }

  void delimiter(ByteBuf row) {
    row.add(delimiter);
  }

  void endOfLine(ByteBuf row) {
    row.add('\n');
  }

  void writeNull(ByteBuf row) {
    row.add(nullBytes);
  }

  void write(ByteBuf row, byte[] v, int off, int len, boolean character) {
    if (csv) {
      writeCsv(row, v, off, len);
    } else {
      writeText(row, v, off, len, character);
    }
  }

  private void writeCsv(ByteBuf row, byte[] v, int off, int len) {
    boolean quote = false;
    byte d = delimiter;
    for (int i = off, end = off + len; i < end; i++) {
      byte b = v[i];
      // one compare for the common case: every byte above the delimiter and the quote
      if ((b & 0xff) <= Math.max(d & 0xff, '"') && (b == d || b == '"' || b == '\n' || b == '\r')) {
        quote = true;
        break;
      }
    }
    if (!quote) {
      row.add(v, off, len);
      return;
    }
    row.add('"');
    for (int i = off; i < off + len; i++) {
      if (v[i] == '"') {
        row.add('"');
      }
      row.add(v[i]);
    }
    row.add('"');
  }

  private void writeText(ByteBuf row, byte[] v, int off, int len, boolean character) {
    if (addQuotes) {
      row.add('"');
    }
    if (escape && character) {
      for (int i = off; i < off + len; i++) {
        byte b = v[i];
        if (b == '\n' || b == '\r' || b == delimiter || b == '\\'
            || (addQuotes && (b == '"' || b == '\''))) {
          row.add('\\');
        }
        row.add(b);
      }
    } else {
      row.add(v, off, len);
    }
    if (addQuotes) {
      row.add('"');
    }
  }
}
