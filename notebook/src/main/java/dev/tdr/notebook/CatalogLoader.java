package dev.tdr.notebook;

import dev.tdr.core.TdrException;
import dev.tdr.notebook.Catalog.ColumnInfo;
import dev.tdr.notebook.Catalog.ConnectionSource;
import dev.tdr.notebook.Catalog.TableInfo;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads the warehouse's tables and columns from its {@code SVV_TABLES} and {@code SVV_ALL_COLUMNS} views, with the descriptions file merged in. */
final class CatalogLoader {
  /** The catalog queries give up after this long (SVV_ALL_COLUMNS also lists external tables). */
  static final int QUERY_TIMEOUT_SECONDS = 120;

  private CatalogLoader() {}

  /** Every table and view (not the system schemas) of the warehouse behind {@code source}, with columns and merged descriptions. */
  static List<TableInfo> load(ConnectionSource source, Path descriptionsFile) {
    CatalogDescriptions descriptions = CatalogDescriptions.read(descriptionsFile);
    Map<String, TableInfo> byName = new LinkedHashMap<>();
    Map<String, List<ColumnInfo>> columns = new HashMap<>();
    try (Connection conn = source.open(); Statement st = conn.createStatement()) {
      st.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
      // SVV_* list every database the user reaches (other databases, datashares): keep this one
      try (ResultSet rs = st.executeQuery("SELECT table_schema, table_name, table_type, remarks FROM svv_tables"
          + " WHERE table_catalog = current_database()"
          + " AND table_schema NOT IN ('pg_catalog', 'information_schema', 'pg_internal')"
          + " ORDER BY table_schema, table_name")) {
        while (rs.next()) {
          String schema = rs.getString(1);
          String table = rs.getString(2);
          String key = schema + "." + table;
          byName.put(key, new TableInfo(schema, table, rs.getString(3),
              descriptions.table(schema, table, blankToNull(rs.getString(4))), List.of()));
          columns.put(key, new ArrayList<>());
        }
      }
      try (ResultSet rs = st.executeQuery("SELECT schema_name, table_name, column_name, ordinal_position, data_type,"
          + " character_maximum_length, numeric_precision, numeric_scale, is_nullable, remarks FROM svv_all_columns"
          + " WHERE database_name = current_database()"
          + " AND schema_name NOT IN ('pg_catalog', 'information_schema', 'pg_internal')"
          + " ORDER BY schema_name, table_name, ordinal_position")) {
        while (rs.next()) {
          String schema = rs.getString(1);
          String table = rs.getString(2);
          List<ColumnInfo> cols = columns.get(schema + "." + table);
          if (cols == null) {
            continue;
          }
          String column = rs.getString(3);
          cols.add(new ColumnInfo(schema, table, column, rs.getInt(4),
              typeName(rs.getString(5), intOrNull(rs, 6), intOrNull(rs, 7), intOrNull(rs, 8)),
              !"NO".equalsIgnoreCase(rs.getString(9)),
              descriptions.column(schema, table, column, blankToNull(rs.getString(10)))));
        }
      }
    } catch (SQLException e) {
      throw new TdrException("cannot read the catalog (SVV_TABLES, SVV_ALL_COLUMNS): " + e.getMessage()
          + (e.getSQLState() == null ? "" : " [SQLSTATE " + e.getSQLState() + "]"), e);
    }
    List<TableInfo> out = new ArrayList<>(byName.size());
    for (Map.Entry<String, TableInfo> e : byName.entrySet()) {
      TableInfo t = e.getValue();
      out.add(new TableInfo(t.schema(), t.name(), t.type(), t.description(), List.copyOf(columns.get(e.getKey()))));
    }
    return List.copyOf(out);
  }

  private static Integer intOrNull(ResultSet rs, int column) throws SQLException {
    int v = rs.getInt(column);
    return rs.wasNull() ? null : v;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /** {@code character varying(256)}, {@code numeric(12,2)}, or the bare type. */
  static String typeName(String type, Integer length, Integer precision, Integer scale) {
    if (type == null) {
      return null;
    }
    String t = type.toLowerCase(Locale.ROOT);
    if (length != null && (t.contains("char"))) {
      return t + "(" + length + ")";
    }
    if (precision != null && (t.equals("numeric") || t.equals("decimal"))) {
      return t + "(" + precision + "," + (scale == null ? 0 : scale) + ")";
    }
    return t;
  }
}
