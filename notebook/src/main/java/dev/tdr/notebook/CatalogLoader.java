package dev.tdr.notebook;

import dev.tdr.core.jdbc.SvvCatalog;
import dev.tdr.notebook.Catalog.ColumnInfo;
import dev.tdr.notebook.Catalog.ConnectionSource;
import dev.tdr.notebook.Catalog.TableInfo;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The warehouse's tables and columns ({@link SvvCatalog}, the one reader of the SVV views) with the team's descriptions file merged in. */
final class CatalogLoader {
  private CatalogLoader() {}

  /** Every table and view (not the system schemas) of the warehouse behind {@code source}, with columns and merged descriptions. */
  static List<TableInfo> load(ConnectionSource source, Path descriptionsFile) {
    CatalogDescriptions descriptions = CatalogDescriptions.read(descriptionsFile);
    List<SvvCatalog.Table> tables;
    try (Connection conn = source.open()) {
      tables = SvvCatalog.tables(conn);
    } catch (SQLException e) {
      throw new dev.tdr.core.TdrException("cannot read the catalog (SVV_TABLES, SVV_ALL_COLUMNS): " + e.getMessage()
          + (e.getSQLState() == null ? "" : " [SQLSTATE " + e.getSQLState() + "]"), e);
    }
    List<TableInfo> out = new ArrayList<>(tables.size());
    for (SvvCatalog.Table t : tables) {
      List<ColumnInfo> cols = new ArrayList<>(t.columns().size());
      for (SvvCatalog.Column c : t.columns()) {
        cols.add(new ColumnInfo(c.schema(), c.table(), c.name(), c.position(), c.type(), c.nullable(),
            descriptions.column(c.schema(), c.table(), c.name(), c.remarks())));
      }
      out.add(new TableInfo(t.schema(), t.name(), t.type(), descriptions.table(t.schema(), t.name(), t.remarks()),
          List.copyOf(cols)));
    }
    return List.copyOf(out);
  }
}
