package dev.tdr.core.jdbc;

import dev.tdr.core.TdrException;
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

/**
 * The warehouse's schemas, tables and columns as Redshift's system views list them ({@code
 * SVV_ALL_SCHEMAS}, {@code SVV_TABLES}, {@code SVV_ALL_COLUMNS}, with their {@code COMMENT ON}
 * remarks), this database only, system schemas left out. The one reader of those views: the
 * notebook and CLI catalog and Spark's {@code redshift} catalog are built on it.
 */
public final class SvvCatalog {
  /** The catalog queries give up after this long (SVV_ALL_COLUMNS also lists external tables). */
  public static final int QUERY_TIMEOUT_SECONDS = 120;

  private static final String SYSTEM = "('pg_catalog', 'information_schema', 'pg_internal', 'tdr_redshift')";

  private SvvCatalog() {}

  /** A column: its position (from 1), type as Redshift names it ({@code numeric(12,2)}), remarks or null. */
  public record Column(String schema, String table, String name, int position, String type, boolean nullable,
      String remarks) {}

  /** A table or view ({@code type}: BASE TABLE, VIEW, ...) with its columns and remarks (or null). */
  public record Table(String schema, String name, String type, String remarks, List<Column> columns) {}

  /** The schemas of this database, system schemas left out, in name order. */
  public static List<String> schemas(Connection conn) {
    List<String> out = new ArrayList<>();
    try (Statement st = conn.createStatement()) {
      st.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
      try (ResultSet rs = st.executeQuery("SELECT schema_name FROM svv_all_schemas WHERE database_name = current_database()"
          + " AND schema_name NOT IN " + SYSTEM + " AND LEFT(schema_name, 3) <> 'pg_' ORDER BY schema_name")) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      throw failed("SVV_ALL_SCHEMAS", e);
    }
    return List.copyOf(out);
  }

  /** Every table and view of this database (system schemas left out) with its columns. */
  public static List<Table> tables(Connection conn) {
    Map<String, Table> byName = new LinkedHashMap<>();
    Map<String, List<Column>> columns = new HashMap<>();
    try (Statement st = conn.createStatement()) {
      st.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
      // SVV_* list every database the user reaches (other databases, datashares): keep this one
      try (ResultSet rs = st.executeQuery("SELECT table_schema, table_name, table_type, remarks FROM svv_tables"
          + " WHERE table_catalog = current_database() AND table_schema NOT IN " + SYSTEM
          + " ORDER BY table_schema, table_name")) {
        while (rs.next()) {
          String schema = rs.getString(1);
          String table = rs.getString(2);
          String key = schema + "." + table;
          byName.put(key, new Table(schema, table, rs.getString(3), blankToNull(rs.getString(4)), List.of()));
          columns.put(key, new ArrayList<>());
        }
      }
      try (ResultSet rs = st.executeQuery("SELECT schema_name, table_name, column_name, ordinal_position, data_type,"
          + " character_maximum_length, numeric_precision, numeric_scale, is_nullable, remarks FROM svv_all_columns"
          + " WHERE database_name = current_database() AND schema_name NOT IN " + SYSTEM
          + " ORDER BY schema_name, table_name, ordinal_position")) {
        while (rs.next()) {
          String schema = rs.getString(1);
          String table = rs.getString(2);
          List<Column> cols = columns.get(schema + "." + table);
          if (cols == null) {
            continue;
          }
          cols.add(new Column(schema, table, rs.getString(3), rs.getInt(4),
              typeName(rs.getString(5), intOrNull(rs, 6), intOrNull(rs, 7), intOrNull(rs, 8)),
              !"NO".equalsIgnoreCase(rs.getString(9)), blankToNull(rs.getString(10))));
        }
      }
    } catch (SQLException e) {
      throw failed("SVV_TABLES, SVV_ALL_COLUMNS", e);
    }
    List<Table> out = new ArrayList<>(byName.size());
    for (Map.Entry<String, Table> e : byName.entrySet()) {
      Table t = e.getValue();
      out.add(new Table(t.schema(), t.name(), t.type(), t.remarks(), List.copyOf(columns.get(e.getKey()))));
    }
    return List.copyOf(out);
  }

  private static TdrException failed(String views, SQLException e) {
    return new TdrException("cannot read the catalog (" + views + "): " + e.getMessage()
        + (e.getSQLState() == null ? "" : " [SQLSTATE " + e.getSQLState() + "]"), e);
  }

  private static Integer intOrNull(ResultSet rs, int column) throws SQLException {
    int v = rs.getInt(column);
    return rs.wasNull() ? null : v;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /** {@code character varying(256)}, {@code numeric(12,2)}, or the bare type. */
  public static String typeName(String type, Integer length, Integer precision, Integer scale) {
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
