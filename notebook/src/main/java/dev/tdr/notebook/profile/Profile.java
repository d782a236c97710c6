package dev.tdr.notebook.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.dflib.DataFrame;

/**
 * A data profile of a DataFrame (in the spirit of pandas-profiling): a {@link TableSummary}, a
 * {@link ColumnProfile} per column (counts, top values, numeric/string/temporal/boolean
 * statistics, histograms) and {@link Alert alerts}, shown as HTML, text or JSON.
 *
 * <p>Alert rules ({@code rows} is the frame's height, {@code count} a column's non-null values,
 * {@code distinct} its distinct non-null values):
 *
 * <ul>
 *   <li>{@link AlertType#CONSTANT}: distinct == 1 and rows &gt; 1 (nulls besides the one value
 *       do not matter);
 *   <li>{@link AlertType#MOSTLY_MISSING}: missing / rows &gt;= {@link
 *       ProfileOptions#mostlyMissingRatio()} and count &gt; 0;
 *   <li>{@link AlertType#ALL_MISSING}: count == 0 and rows &gt; 0;
 *   <li>{@link AlertType#UNIQUE}: distinct == count == rows and rows &gt; 1;
 *   <li>{@link AlertType#HIGH_CARDINALITY}: a string ({@code varchar}) column, not UNIQUE, count
 *       &gt; 10 and distinct / count &gt; {@link ProfileOptions#highCardinalityRatio()};
 *   <li>{@link AlertType#SKEWED}: a numeric column with |skewness| &gt; {@link
 *       ProfileOptions#skewThreshold()} (NaN skewness, under 3 finite values, never alerts);
 *   <li>{@link AlertType#ALL_ZEROS}: a numeric column with zeros == count &gt; 0;
 *   <li>{@link AlertType#DUPLICATE_ROWS} (table level, column null): duplicateRows &gt; 0.
 * </ul>
 *
 * <p>{@link #alerts()} lists the table-level alert first, then each column's alerts in column
 * order, within a column in {@link AlertType} order.
 *
 * <p>JSON ({@link #toJson()}, {@link #toMap()}): NaN and ±Infinity statistics are written as the
 * strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}; everything else is a JSON number,
 * string, boolean or null. A Profile is immutable.
 */
public final class Profile {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ProfileOptions options;
  private final TableSummary table;
  private final List<ColumnProfile> columns;
  private final List<Alert> alerts;

  private Profile(ProfileOptions options, TableSummary table, List<ColumnProfile> columns, List<Alert> alerts) {
    this.options = options;
    this.table = table;
    this.columns = List.copyOf(columns);
    this.alerts = List.copyOf(alerts);
  }

  /** The profile with {@link ProfileOptions#defaults()}. */
  public static Profile of(DataFrame df) {
    return of(df, ProfileOptions.defaults());
  }

  public static Profile of(DataFrame df, ProfileOptions o) {
    Objects.requireNonNull(df, "df");
    Objects.requireNonNull(o, "options");
    String[] names = df.getColumnsIndex().toArray();
    List<ColumnProfile> cols = new ArrayList<>(names.length);
    long memory = 0;
    long missing = 0;
    for (int i = 0; i < names.length; i++) {
      ColumnProfile c = ColumnProfiler.profile(names[i], df.getColumn(i), o);
      cols.add(c);
      memory += c.memoryBytes();
      missing += c.missing();
    }
    long rows = df.height();
    long dups = Duplicates.count(df);
    long cells = rows * names.length;
    TableSummary t = new TableSummary(rows, names.length, memory, dups, missing,
        cells == 0 ? 0 : (double) missing / cells);
    List<Alert> alerts = new ArrayList<>();
    if (dups > 0) {
      alerts.add(new Alert(null, AlertType.DUPLICATE_ROWS, "The frame has " + NumberFormats.count(dups) + " ("
          + NumberFormats.pct((double) dups / rows) + ") duplicate rows"));
    }
    for (ColumnProfile c : cols) {
      alerts.addAll(c.alerts());
    }
    return new Profile(o, t, cols, alerts);
  }

  public ProfileOptions options() {
    return options;
  }

  public TableSummary table() {
    return table;
  }

  public List<ColumnProfile> columns() {
    return columns;
  }

  /** The first column with that name. */
  public Optional<ColumnProfile> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** All alerts: the table-level one first, then the columns' in column order. */
  public List<Alert> alerts() {
    return alerts;
  }

  /**
   * A self-contained HTML fragment: a {@code <div class="tdr-profile">} with its own {@code
   * <style>} (scoped to {@code .tdr-profile}), inline SVG charts, no JavaScript, no external
   * resources.
   */
  public String toHtml() {
    return HtmlReport.render(this);
  }

  /** A plain-text report (no ANSI colors), aligned for a monospace font. */
  public String toText() {
    return TextReport.render(this);
  }

  /** {@link #toMap()} as JSON. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(toMap());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The profile as plain Maps, Lists, Strings, Numbers, Booleans and nulls: {@code {"table":{..},
   * "alerts":[..], "columns":[..], "options":{..}}} (see {@code MapReport} for every key).
   */
  public Map<String, Object> toMap() {
    return MapReport.render(this);
  }

  @Override
  public String toString() {
    return toText();
  }
}
