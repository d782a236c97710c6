package dev.tdr.query;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import org.dflib.DataFrame;
import org.dflib.Series;

/**
 * Writes a DataFrame as CSV, an aligned table or JSON Lines. The CSV is the same for every
 * route, so results can be compared byte for byte: a header line; {@code \n} line ends; a field
 * quoted (RFC 4180, {@code "} doubled) when it holds {@code ,} {@code "} CR or LF or is the empty
 * string; NULL an empty unquoted field; DECIMAL with its full scale; REAL and DOUBLE as Java
 * prints them ({@code NaN}, {@code Infinity}); BOOLEAN {@code true}/{@code false}; DATE {@code
 * yyyy-MM-dd}; TIMESTAMP {@code yyyy-MM-dd HH:mm:ss.SSSSSS}; TIMESTAMPTZ in UTC {@code yyyy-MM-dd
 * HH:mm:ss.SSSSSSZ}; TIME {@code HH:mm:ss.SSSSSS} (TIMETZ with {@code Z}); VARBYTE lower-case
 * hex; SUPER its JSON text.
 */
public final class ResultWriter {
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd");
  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");
  private static final DateTimeFormatter TIMESTAMPTZ = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSZ");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS");
  private static final DateTimeFormatter TIMETZ = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSSZ");
  private static final ObjectMapper JSON = new ObjectMapper();

  private ResultWriter() {}

  /** The text of one value, as in the CSV (before quoting); null for NULL. */
  public static String text(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (v instanceof byte[] b) {
      return HexFormat.of().formatHex(b);
    }
    if (v instanceof LocalDate d) {
      return DATE.format(d);
    }
    if (v instanceof LocalDateTime t) {
      return TIMESTAMP.format(t);
    }
    if (v instanceof OffsetDateTime t) {
      return TIMESTAMPTZ.format(t.withOffsetSameInstant(ZoneOffset.UTC));
    }
    if (v instanceof LocalTime t) {
      return TIME.format(t);
    }
    if (v instanceof OffsetTime t) {
      return TIMETZ.format(t.withOffsetSameInstant(ZoneOffset.UTC));
    }
    return v.toString();
  }

  public static void csv(DataFrame df, Writer out) {
    try {
      String[] names = df.getColumnsIndex().toArray();
      for (int c = 0; c < names.length; c++) {
        if (c > 0) {
          out.write(',');
        }
        csvField(names[c], out);
      }
      out.write('\n');
      Series<?>[] cols = columns(df);
      for (int r = 0; r < df.height(); r++) {
        for (int c = 0; c < cols.length; c++) {
          if (c > 0) {
            out.write(',');
          }
          String t = text(cols[c].get(r));
          if (t != null) {
            csvField(t, out);
          }
        }
        out.write('\n');
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void csvField(String s, Writer out) throws IOException {
    boolean quote = s.isEmpty();
    for (int i = 0; i < s.length() && !quote; i++) {
      char ch = s.charAt(i);
      quote = ch == ',' || ch == '"' || ch == '\n' || ch == '\r';
    }
    if (!quote) {
      out.write(s);
      return;
    }
    out.write('"');
    out.write(s.replace("\"", "\"\""));
    out.write('"');
  }

  private static Series<?>[] columns(DataFrame df) {
    Series<?>[] cols = new Series<?>[df.width()];
    for (int c = 0; c < cols.length; c++) {
      cols[c] = df.getColumn(c);
    }
    return cols;
  }

  /**
   * An aligned table of at most {@code maxRows} rows, values longer than {@code maxWidth} columns
   * cut, with a row count. Widths are display widths: a CJK character or an emoji takes two columns
   * of a terminal, a combining mark none.
   */
  public static void table(DataFrame df, Writer out, int maxRows, int maxWidth) {
    try {
      String[] names = df.getColumnsIndex().toArray();
      int shown = Math.min(maxRows, df.height());
      String[][] cells = new String[shown][names.length];
      int[] width = new int[names.length];
      Series<?>[] cols = columns(df);
      String[] heads = new String[names.length];
      for (int c = 0; c < names.length; c++) {
        heads[c] = cut(names[c], maxWidth);
        width[c] = displayWidth(heads[c]);
      }
      for (int r = 0; r < shown; r++) {
        for (int c = 0; c < names.length; c++) {
          cells[r][c] = cut(cell(cols[c].get(r)), maxWidth);
          width[c] = Math.max(width[c], displayWidth(cells[r][c]));
        }
      }
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < names.length; c++) {
        line.append(c > 0 ? " | " : "").append(pad(heads[c], width[c], false));
      }
      out.write(line.toString().stripTrailing() + "\n");
      line.setLength(0);
      for (int c = 0; c < names.length; c++) {
        line.append(c > 0 ? "-+-" : "").append("-".repeat(width[c]));
      }
      out.write(line + "\n");
      for (int r = 0; r < shown; r++) {
        line.setLength(0);
        for (int c = 0; c < names.length; c++) {
          boolean right = cols[c].get(r) instanceof Number;
          line.append(c > 0 ? " | " : "").append(pad(cells[r][c], width[c], right));
        }
        out.write(line.toString().stripTrailing() + "\n");
      }
      footer(df.height(), shown, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * psql's expanded display ({@code \x}): one block per row, a column per line, values whole.
   *
   * <pre>
   * -[ RECORD 1 ]-----
   * id    | 1
   * label | it's
   * </pre>
   */
  public static void expanded(DataFrame df, Writer out, int maxRows) {
    try {
      String[] names = df.getColumnsIndex().toArray();
      int shown = Math.min(maxRows, df.height());
      Series<?>[] cols = columns(df);
      int nameWidth = 0;
      for (String n : names) {
        nameWidth = Math.max(nameWidth, displayWidth(n));
      }
      for (int r = 0; r < shown; r++) {
        String head = "-[ RECORD " + (r + 1) + " ]";
        out.write(head + "-".repeat(Math.max(1, nameWidth + 3 - head.length())) + "\n");
        for (int c = 0; c < names.length; c++) {
          out.write((pad(names[c], nameWidth, false) + " | " + cell(cols[c].get(r))).stripTrailing() + "\n");
        }
      }
      footer(df.height(), shown, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void footer(int total, int shown, Writer out) throws IOException {
    out.write(shown < total
        ? String.format("(showing %,d of %,d rows)%n", shown, total)
        : String.format("(%,d %s)%n", total, total == 1 ? "row" : "rows"));
    out.flush();
  }

  /** A value as one line of a table: NULL spelled out, control characters escaped. */
  private static String cell(Object v) {
    String t = text(v);
    return t == null ? "NULL" : t.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
  }

  /** {@code s} cut to {@code max} display columns, the last being "…" when cut. */
  private static String cut(String s, int max) {
    if (displayWidth(s) <= max) {
      return s;
    }
    StringBuilder b = new StringBuilder();
    int w = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      int cw = width(cp);
      if (w + cw > max - 1) {
        break;
      }
      b.appendCodePoint(cp);
      w += cw;
      i += Character.charCount(cp);
    }
    return b.append('…').toString();
  }

  /** The columns {@code s} takes on a terminal (wide East Asian characters and emoji: 2; combining marks: 0). */
  public static int displayWidth(String s) {
    int w = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      w += width(cp);
      i += Character.charCount(cp);
    }
    return w;
  }

  private static int width(int cp) {
    return Math.max(0, org.jline.utils.WCWidth.wcwidth(cp));
  }

  private static String pad(String s, int w, boolean right) {
    int n = w - displayWidth(s);
    if (n <= 0) {
      return s;
    }
    return right ? " ".repeat(n) + s : s + " ".repeat(n);
  }

  /**
   * JSON Lines: one object per row; numbers as numbers (NaN and infinities as strings); dates and
   * times as ISO-8601 strings ({@code 2024-01-02T03:04:05.5}, TIMESTAMPTZ in UTC with {@code Z}).
   */
  public static void jsonLines(DataFrame df, Writer out) {
    try {
      String[] names = df.getColumnsIndex().toArray();
      Series<?>[] cols = columns(df);
      List<String> superCols = List.of();
      for (int r = 0; r < df.height(); r++) {
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
          g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
          g.writeStartObject();
          for (int c = 0; c < names.length; c++) {
            g.writeFieldName(names[c]);
            writeJson(g, cols[c].get(r));
          }
          g.writeEndObject();
        }
        out.write('\n');
      }
      out.flush();
      assert superCols.isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeJson(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof Integer i) {
      g.writeNumber(i);
    } else if (v instanceof Long l) {
      g.writeNumber(l);
    } else if (v instanceof BigDecimal d) {
      g.writeNumber(d);
    } else if (v instanceof Float f) {
      if (f.isNaN() || f.isInfinite()) {
        g.writeString(f.toString());
      } else {
        g.writeNumber(f);
      }
    } else if (v instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        g.writeString(d.toString());
      } else {
        g.writeNumber(d);
      }
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof LocalDateTime t) {
      g.writeString(t.toString()); // ISO-8601, as the profile and notebooks write times
    } else if (v instanceof OffsetDateTime t) {
      g.writeString(t.withOffsetSameInstant(ZoneOffset.UTC).toString());
    } else if (v instanceof LocalTime t) {
      g.writeString(t.toString());
    } else if (v instanceof OffsetTime t) {
      g.writeString(t.withOffsetSameInstant(ZoneOffset.UTC).toString());
    } else {
      g.writeString(text(v));
    }
  }
}
