package dev.tdr.core;

import java.util.Locale;
import java.util.Map;

/**
 * Redshift column types and the Java values TDR gives them.
 *
 * <table>
 *   <tr><th>type</th><th>Java value</th></tr>
 *   <tr><td>SMALLINT, INTEGER</td><td>int</td></tr>
 *   <tr><td>BIGINT</td><td>long</td></tr>
 *   <tr><td>DECIMAL(p,s)</td><td>BigDecimal (scale s)</td></tr>
 *   <tr><td>REAL / DOUBLE</td><td>float / double</td></tr>
 *   <tr><td>BOOLEAN</td><td>boolean</td></tr>
 *   <tr><td>CHAR, VARCHAR, SUPER</td><td>String (SUPER: its JSON text)</td></tr>
 *   <tr><td>DATE</td><td>LocalDate</td></tr>
 *   <tr><td>TIMESTAMP</td><td>LocalDateTime</td></tr>
 *   <tr><td>TIMESTAMPTZ</td><td>OffsetDateTime in UTC</td></tr>
 *   <tr><td>TIME / TIMETZ</td><td>LocalTime / OffsetTime in UTC</td></tr>
 *   <tr><td>VARBYTE, GEOMETRY</td><td>byte[] (GEOMETRY: EWKB)</td></tr>
 * </table>
 */
public enum ColumnType {
  SMALLINT, INTEGER, BIGINT, DECIMAL, REAL, DOUBLE, BOOLEAN, CHAR, VARCHAR, DATE, TIMESTAMP,
  TIMESTAMPTZ, TIME, TIMETZ, VARBYTE, SUPER, GEOMETRY;

  private static final Map<String, ColumnType> BY_NAME = Map.ofEntries(
      Map.entry("int2", SMALLINT), Map.entry("smallint", SMALLINT),
      Map.entry("int4", INTEGER), Map.entry("integer", INTEGER), Map.entry("int", INTEGER),
      Map.entry("int8", BIGINT), Map.entry("bigint", BIGINT),
      Map.entry("numeric", DECIMAL), Map.entry("decimal", DECIMAL),
      Map.entry("float4", REAL), Map.entry("real", REAL),
      Map.entry("float8", DOUBLE), Map.entry("double precision", DOUBLE), Map.entry("float", DOUBLE),
      Map.entry("bool", BOOLEAN), Map.entry("boolean", BOOLEAN),
      Map.entry("bpchar", CHAR), Map.entry("char", CHAR), Map.entry("character", CHAR),
      Map.entry("nchar", CHAR),
      Map.entry("varchar", VARCHAR), Map.entry("character varying", VARCHAR),
      Map.entry("nvarchar", VARCHAR), Map.entry("text", VARCHAR), Map.entry("name", VARCHAR),
      Map.entry("\"char\"", VARCHAR),
      Map.entry("date", DATE),
      Map.entry("timestamp", TIMESTAMP), Map.entry("timestamp without time zone", TIMESTAMP),
      Map.entry("timestamptz", TIMESTAMPTZ), Map.entry("timestamp with time zone", TIMESTAMPTZ),
      Map.entry("time", TIME), Map.entry("time without time zone", TIME),
      Map.entry("timetz", TIMETZ), Map.entry("time with time zone", TIMETZ),
      Map.entry("varbyte", VARBYTE), Map.entry("varbinary", VARBYTE),
      Map.entry("binary varying", VARBYTE), Map.entry("bytea", VARBYTE),
      Map.entry("super", SUPER), Map.entry("json", SUPER), Map.entry("jsonb", SUPER),
      Map.entry("geometry", GEOMETRY));

  /**
   * The type for a database type name as JDBC metadata reports it ({@code int4}, {@code
   * varchar}, {@code super}, ...), or null if TDR cannot map it.
   */
  public static ColumnType fromDatabaseName(String typeName) {
    if (typeName == null) {
      return null;
    }
    String n = typeName.strip().toLowerCase(Locale.ROOT);
    int dot = n.lastIndexOf('.');
    if (dot >= 0 && !n.startsWith("\"")) {
      n = n.substring(dot + 1);
    }
    if (n.startsWith("\"") && n.endsWith("\"") && !n.equals("\"char\"")) {
      n = n.substring(1, n.length() - 1);
    }
    return BY_NAME.get(n);
  }

  /** True for the types whose values are Java primitives (int, long, float, double, boolean). */
  public boolean primitive() {
    return switch (this) {
      case SMALLINT, INTEGER, BIGINT, REAL, DOUBLE, BOOLEAN -> true;
      default -> false;
    };
  }
}
