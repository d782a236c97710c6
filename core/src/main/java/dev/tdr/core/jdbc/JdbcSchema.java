package dev.tdr.core.jdbc;

import dev.tdr.core.Column;
import dev.tdr.core.ColumnNames;
import dev.tdr.core.ColumnType;
import dev.tdr.core.Schema;
import dev.tdr.core.SchemaException;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place a result's schema is read from JDBC metadata (the UNLOAD route's describe, the
 * JDBC route's reader, the Spark connector's table): names made unique as every reader names
 * them, TDR's column types, and the labels as the database reported them.
 */
public final class JdbcSchema {
  private JdbcSchema() {}

  /** A described result: its schema, and the database's labels before duplicates were renamed. */
  public record Described(Schema schema, List<String> labels) {}

  /** The schema and labels of {@code md}; a {@link SchemaException} names a column TDR cannot map. */
  public static Described of(ResultSetMetaData md) throws SQLException {
    List<String> labels = new ArrayList<>();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      labels.add(md.getColumnLabel(i));
    }
    List<String> names = ColumnNames.unique(labels);
    List<Column> columns = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      columns.add(column(names.get(i), md.getColumnTypeName(i + 1), md.getPrecision(i + 1), md.getScale(i + 1)));
    }
    return new Described(new Schema(columns), List.copyOf(labels));
  }

  /** A column of {@code databaseType}, or a {@link SchemaException} naming it and the fix. */
  public static Column column(String name, String databaseType, int precision, int scale) {
    ColumnType type = ColumnType.fromDatabaseName(databaseType);
    if (type == null) {
      throw new SchemaException("column '" + name + "' has type '" + databaseType
          + "', which TDR cannot map to a Java type; cast it in the query, e.g. " + name + "::varchar");
    }
    return new Column(name, type, Math.max(0, precision), Math.max(0, scale), databaseType);
  }
}
