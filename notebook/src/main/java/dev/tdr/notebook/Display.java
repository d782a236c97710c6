package dev.tdr.notebook;

import dev.tdr.query.ResultWriter;
import dev.tdr.notebook.profile.Profile;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dflib.DataFrame;
import org.dflib.Series;

/**
 * MIME bundles for what TDR shows in a notebook; kernel-neutral (the kernel adapters only copy
 * the bundle into their kernel's display type).
 *
 * <p>A DataFrame becomes {@code text/plain} (aligned head), {@code text/html} (a table with each
 * column's type under its name, NULL marked apart from the empty string, and "showing N of M
 * rows") and {@code application/vnd.dataresource+json} (the Table Schema shape nteract's data
 * explorer and JupyterLab render: {@code {"schema":{"fields":[..],"primaryKey":["index"]},
 * "data":[..]}}, cut at {@link DisplayOptions#dataResourceRows()} with {@code "sampled": true} in
 * its metadata when cut).
 */
public final class Display {
  private static final String TABLE_STYLE = """
      <style>
      .tdr-df{font-family:-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;font-size:13px}
      .tdr-df table{border-collapse:collapse;margin:0}
      .tdr-df th,.tdr-df td{border:1px solid #e2e4e8;padding:3px 8px;text-align:left;vertical-align:top;white-space:pre}
      .tdr-df thead th{background:#f6f7f9;font-weight:600}
      .tdr-df thead th .t{display:block;font-weight:400;color:#7a808a;font-size:11px}
      .tdr-df tbody th{color:#7a808a;font-weight:400;text-align:right}
      .tdr-df td.n{text-align:right;font-variant-numeric:tabular-nums}
      .tdr-df .null{color:#b0b4ba;font-style:italic}
      .tdr-df .empty{color:#b0b4ba}
      .tdr-df .foot{color:#7a808a;font-size:12px;margin-top:4px}
      .tdr-df h4{margin:0 0 4px 0;font-size:14px}
      .tdr-df p.d{margin:0 0 6px 0;color:#444}
      </style>
      """;

  /** The types TDR displays; the kernel adapters register a renderer for each. */
  public static final List<Class<?>> TYPES = List.of(DataFrame.class, CellResult.class, Profile.class,
      Catalog.TableInfo.class, DisplayBundle.class);

  private Display() {}

  /**
   * The bundle for {@code value}: a DataFrame, a {@link CellResult} (its DataFrame and timing), a
   * {@link Profile}, a {@link Catalog.TableInfo}, a {@link DisplayBundle} (as is); anything else
   * is its {@code toString()} as text.
   */
  public static DisplayBundle of(Object value, DisplayOptions options) {
    if (value instanceof DisplayBundle b) {
      return b;
    }
    if (value instanceof DataFrame df) {
      return dataFrame(df, options);
    }
    if (value instanceof CellResult r) {
      return dataFrame(r.df(), options, r.timing());
    }
    if (value instanceof Profile p) {
      return profile(p);
    }
    if (value instanceof Catalog.TableInfo t) {
      return table(t, options);
    }
    return DisplayBundle.text(String.valueOf(value));
  }

  public static DisplayBundle of(Object value) {
    return of(value, DisplayOptions.defaults());
  }

  /** text/plain, text/html and application/vnd.dataresource+json for a DataFrame. */
  public static DisplayBundle dataFrame(DataFrame df, DisplayOptions o) {
    return dataFrame(df, o, null);
  }

  /** As {@link #dataFrame(DataFrame, DisplayOptions)}, with {@code note} (may be null) under the table. */
  public static DisplayBundle dataFrame(DataFrame df, DisplayOptions o, String note) {
    Map<String, Object> data = new LinkedHashMap<>();
    Map<String, Object> meta = new LinkedHashMap<>();
    data.put(DisplayBundle.TEXT, note == null ? text(df, o) : text(df, o) + note + "\n");
    ValueKind[] kinds = kinds(df);
    data.put(DisplayBundle.HTML, html(df, kinds, o, "", note));
    int shown = Math.min(df.height(), o.dataResourceRows());
    data.put(DisplayBundle.DATA_RESOURCE, dataResource(df, kinds, shown));
    Map<String, Object> drMeta = new LinkedHashMap<>();
    drMeta.put("rows", df.height());
    drMeta.put("shown", shown);
    drMeta.put("sampled", shown < df.height());
    meta.put(DisplayBundle.DATA_RESOURCE, drMeta);
    return new DisplayBundle(data, meta);
  }

  /** The aligned head of {@code df}, with the row count. */
  public static String text(DataFrame df, DisplayOptions o) {
    StringWriter w = new StringWriter();
    ResultWriter.table(df, w, o.rows(), o.maxCellChars());
    return w.toString();
  }

  /** An HTML table of the head of {@code df}, with column types and "showing N of M rows". */
  public static String html(DataFrame df, DisplayOptions o, String heading) {
    return html(df, kinds(df), o, heading, null);
  }

  /** What each column holds (one pass over each column). */
  private static ValueKind[] kinds(DataFrame df) {
    ValueKind[] kinds = new ValueKind[df.width()];
    for (int c = 0; c < kinds.length; c++) {
      kinds[c] = ValueKind.of(df.getColumn(c));
    }
    return kinds;
  }

  private static String html(DataFrame df, ValueKind[] kinds, DisplayOptions o, String heading, String note) {
    String[] names = df.getColumnsIndex().toArray();
    int rows = df.height();
    int shown = Math.min(rows, o.rows());
    Series<?>[] cols = new Series<?>[names.length];
    for (int c = 0; c < names.length; c++) {
      cols[c] = df.getColumn(c);
    }
    StringBuilder h = new StringBuilder(256 + shown * names.length * 24);
    h.append("<div class=\"tdr-df\">").append(TABLE_STYLE).append(heading);
    h.append("<table><thead><tr><th></th>");
    for (int c = 0; c < names.length; c++) {
      h.append("<th>").append(Html.escape(names[c])).append("<span class=\"t\">")
          .append(kinds[c].label()).append("</span></th>");
    }
    h.append("</tr></thead><tbody>");
    for (int r = 0; r < shown; r++) {
      h.append("<tr><th>").append(r).append("</th>");
      for (int c = 0; c < names.length; c++) {
        Object v = cols[c].get(r);
        String t = ResultWriter.text(v);
        if (t == null) {
          h.append("<td><span class=\"null\">NULL</span></td>");
        } else if (t.isEmpty()) {
          h.append("<td><span class=\"empty\" title=\"empty string\">''</span></td>");
        } else {
          h.append(v instanceof Number ? "<td class=\"n\">" : "<td>")
              .append(Html.escape(cut(t, o.maxCellChars()))).append("</td>");
        }
      }
      h.append("</tr>");
    }
    h.append("</tbody></table><div class=\"foot\">");
    h.append(shown < rows
        ? String.format(Locale.ROOT, "showing %,d of %,d rows", shown, rows)
        : String.format(Locale.ROOT, "%,d %s", rows, rows == 1 ? "row" : "rows"));
    h.append(String.format(Locale.ROOT, " × %d %s", names.length, names.length == 1 ? "column" : "columns"));
    if (note != null) {
      h.append(" · ").append(Html.escape(note));
    }
    h.append("</div></div>");
    return h.toString();
  }

  /** {@code t} cut to {@code max} code points (never inside a surrogate pair), "…" last when cut. */
  static String cut(String t, int max) {
    if (t.length() <= max || t.codePointCount(0, t.length()) <= max) {
      return t;
    }
    return t.substring(0, t.offsetByCodePoints(0, max - 1)) + "…";
  }

  /**
   * The Table Schema / data resource form of the first {@code rows} rows: a leading {@code index}
   * field (the row number, the primary key; named {@code tdr_index} if the frame has an {@code
   * index} column), then the frame's columns.
   */
  public static Map<String, Object> dataResource(DataFrame df, int rows) {
    return dataResource(df, kinds(df), rows);
  }

  private static Map<String, Object> dataResource(DataFrame df, ValueKind[] kinds, int rows) {
    String[] names = df.getColumnsIndex().toArray();
    String index = "index";
    for (int i = 1; List.of(names).contains(index); i++) {
      index = i == 1 ? "tdr_index" : "tdr_index_" + i;
    }
    List<Object> fields = new ArrayList<>();
    fields.add(Map.of("name", index, "type", "integer"));
    Series<?>[] cols = new Series<?>[names.length];
    for (int c = 0; c < names.length; c++) {
      cols[c] = df.getColumn(c);
      fields.add(Map.of("name", names[c], "type", kinds[c].tableSchemaType()));
    }
    List<Object> data = new ArrayList<>(rows);
    for (int r = 0; r < rows; r++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put(index, r);
      for (int c = 0; c < names.length; c++) {
        row.put(names[c], jsonValue(cols[c].get(r)));
      }
      data.add(row);
    }
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("fields", fields);
    schema.put("primaryKey", List.of(index));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("schema", schema);
    out.put("data", data);
    return out;
  }

  /**
   * A value as JSON allows it: numbers stay numbers (NaN and infinities become the Table Schema
   * strings {@code NaN}, {@code INF}, {@code -INF}), times ISO-8601 (zoned ones in UTC), bytes
   * hex.
   */
  static Object jsonValue(Object v) {
    if (v == null || v instanceof String || v instanceof Boolean || v instanceof Integer
        || v instanceof Long || v instanceof Short || v instanceof BigDecimal || v instanceof BigInteger) {
      return v;
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d)) {
        return "NaN";
      }
      if (Double.isInfinite(d)) {
        return d > 0 ? "INF" : "-INF";
      }
      return v;
    }
    if (v instanceof OffsetDateTime t) {
      return t.withOffsetSameInstant(ZoneOffset.UTC).toString();
    }
    if (v instanceof OffsetTime t) {
      return t.withOffsetSameInstant(ZoneOffset.UTC).toString();
    }
    if (v instanceof Temporal) {
      return v.toString();
    }
    if (v instanceof byte[] b) {
      return HexFormat.of().formatHex(b);
    }
    return v.toString();
  }

  /** text/plain, text/html and the profile's JSON ({@link DisplayBundle#PROFILE_JSON}) for a profile. */
  public static DisplayBundle profile(Profile p) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put(DisplayBundle.TEXT, p.toText());
    data.put(DisplayBundle.HTML, p.toHtml());
    data.put(DisplayBundle.PROFILE_JSON, p.toMap());
    return new DisplayBundle(data, Map.of());
  }

  /** A described table: its name, type and description above its columns. */
  public static DisplayBundle table(Catalog.TableInfo t, DisplayOptions o) {
    DataFrame columns = t.columnsFrame();
    DisplayOptions all = o.withRows(Math.max(o.rows(), columns.height()));
    String heading = "<h4>" + Html.escape(t.qualifiedName()) + " <span class=\"t\" style=\"color:#7a808a;font-weight:400\">"
        + Html.escape(t.type().toLowerCase(Locale.ROOT)) + "</span></h4>"
        + (t.description() == null ? "" : "<p class=\"d\">" + Html.escape(t.description()) + "</p>");
    String text = t.qualifiedName() + " (" + t.type().toLowerCase(Locale.ROOT) + ")\n"
        + (t.description() == null ? "" : t.description() + "\n") + "\n" + text(columns, all);
    return DisplayBundle.html(text, html(columns, all, heading));
  }
}
