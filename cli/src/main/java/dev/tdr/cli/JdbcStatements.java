package dev.tdr.cli;

import java.io.PrintWriter;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.dflib.DataFrame;
import org.dflib.Index;
import org.dflib.Series;

/**
 * One statement over plain JDBC, as {@code tdr exec} runs every statement and {@code tdr sql} runs
 * those that are not queries: its warnings, then its rows or its update count; and the two ways
 * rows are shown (tab-separated lines, a DataFrame of the text values).
 */
final class JdbcStatements {
  private JdbcStatements() {}

  /** What to do with a statement's rows. */
  interface RowsHandler {
    void rows(ResultSet rs) throws SQLException;
  }

  /**
   * Executes {@code sql} on {@code s}: each warning (NOTICE, INFO) to {@code warnings}, a result set
   * to {@code rows}. Returns the update count, or -1 when the statement returned rows.
   */
  static int execute(Statement s, String sql, Consumer<String> warnings, RowsHandler rows) throws SQLException {
    boolean hasRows = s.execute(sql);
    for (SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) {
      warnings.accept(w.getMessage());
    }
    s.clearWarnings();
    if (hasRows) {
      try (ResultSet rs = s.getResultSet()) {
        rows.rows(rs);
      }
      return -1;
    }
    return Math.max(0, s.getUpdateCount());
  }

  /** Every row of {@code rs} as text, under its labels (duplicates numbered). */
  static DataFrame strings(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    String[] labels = new String[n];
    List<List<String>> cols = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      labels[i] = md.getColumnLabel(i + 1);
      cols.add(new ArrayList<>());
    }
    while (rs.next()) {
      for (int i = 0; i < n; i++) {
        cols.get(i).add(rs.getString(i + 1));
      }
    }
    Series<?>[] series = new Series<?>[n];
    for (int i = 0; i < n; i++) {
      series[i] = Series.of(cols.get(i).toArray(String[]::new));
    }
    return DataFrame.byColumn(Index.ofDeduplicated(labels)).of(series);
  }

  /** Writes {@code rs} as tab-separated lines, labels first (tabs, newlines and backslashes escaped); returns the rows. */
  static long printTsv(ResultSet rs, PrintWriter out) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    StringBuilder line = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      line.append(i > 1 ? "\t" : "").append(md.getColumnLabel(i));
    }
    out.println(line);
    long rows = 0;
    while (rs.next()) {
      line.setLength(0);
      for (int i = 1; i <= n; i++) {
        String v = rs.getString(i);
        line.append(i > 1 ? "\t" : "").append(v == null ? "" : v.replace("\\", "\\\\")
            .replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r"));
      }
      out.println(line);
      rows++;
    }
    return rows;
  }
}
