package dev.tdr.spark;

import dev.tdr.core.TdrConfig;
import dev.tdr.core.jdbc.Connections;
import dev.tdr.core.jdbc.SvvCatalog;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchNamespaceException;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.NamespaceChange;
import org.apache.spark.sql.connector.catalog.SupportsNamespaces;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableCatalog;
import org.apache.spark.sql.connector.catalog.TableChange;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * Redshift as a read-only Spark catalog: its schemas are namespaces, its tables and views are
 * tables read through the {@code tdr-redshift} connector (every pushdown applies), with the
 * warehouse's {@code COMMENT ON} remarks as table and column comments. Schemas and tables come
 * from the one reader of Redshift's SVV views ({@link SvvCatalog}), as the notebook catalog does.
 *
 * <pre>{@code
 * spark.conf.set("spark.sql.catalog.redshift", "dev.tdr.spark.TdrCatalog")
 * spark.conf.set("spark.sql.catalog.redshift.url", "jdbc:redshift://host:5439/dev")
 * ... user, password, tempdir, aws_iam_role: the connector's options
 * spark.sql("SHOW TABLES IN redshift.public")
 * spark.sql("SELECT app, count(*) FROM redshift.public.viewing_events GROUP BY app")
 * }</pre>
 */
public final class TdrCatalog implements TableCatalog, SupportsNamespaces {
  private String name;
  private Map<String, String> options;
  private TdrConfig config;

  @Override
  public void initialize(String name, CaseInsensitiveStringMap options) {
    this.name = name;
    Map<String, String> o = new HashMap<>(options.asCaseSensitiveMap());
    this.options = Map.copyOf(o);
    // the same options as spark.read.format("tdr-redshift"), checked here, naming the catalog's keys
    Map<String, String> probe = new HashMap<>(o);
    probe.put(TdrSparkOptions.DBTABLE, "catalog");
    TdrSparkOptions parsed = TdrSparkOptions.parse(probe);
    this.config = parsed.engineConfig(Credentials.forwarded(SparkSession.active(), parsed));
  }

  @Override
  public String name() {
    return name;
  }

  private Connection connect() {
    try {
      return Connections.open(config);
    } catch (SQLException e) {
      throw new dev.tdr.core.TdrException("catalog " + name + ": cannot connect to "
          + dev.tdr.core.Secrets.redactUrl(config.url()) + ": " + e.getMessage(), e);
    }
  }

  private List<String> schemas() {
    try (Connection c = connect()) {
      return SvvCatalog.schemas(c);
    } catch (SQLException e) {
      throw new dev.tdr.core.TdrException("catalog " + name + ": " + e.getMessage(), e);
    }
  }

  private List<SvvCatalog.Table> tables() {
    try (Connection c = connect()) {
      return SvvCatalog.tables(c);
    } catch (SQLException e) {
      throw new dev.tdr.core.TdrException("catalog " + name + ": " + e.getMessage(), e);
    }
  }

  // ------------------------------------------------------------------ namespaces (Redshift schemas)

  @Override
  public String[][] listNamespaces() {
    return schemas().stream().map(s -> new String[] {s}).toArray(String[][]::new);
  }

  @Override
  public String[][] listNamespaces(String[] namespace) throws NoSuchNamespaceException {
    if (namespace.length == 0) {
      return listNamespaces();
    }
    if (namespace.length == 1 && schema(namespace[0]) != null) {
      return new String[0][];
    }
    throw new NoSuchNamespaceException(namespace);
  }

  /** The schema as Redshift names it ({@code name} matched exactly, else case-insensitively), or null. */
  private String schema(String wanted) {
    List<String> all = schemas();
    return all.contains(wanted) ? wanted : all.stream().filter(s -> s.equalsIgnoreCase(wanted)).findFirst().orElse(null);
  }

  @Override
  public boolean namespaceExists(String[] namespace) {
    return namespace.length == 1 && schema(namespace[0]) != null;
  }

  @Override
  public Map<String, String> loadNamespaceMetadata(String[] namespace) throws NoSuchNamespaceException {
    if (!namespaceExists(namespace)) {
      throw new NoSuchNamespaceException(namespace);
    }
    return Map.of();
  }

  @Override
  public void createNamespace(String[] namespace, Map<String, String> metadata) {
    throw readOnly("CREATE NAMESPACE");
  }

  @Override
  public void alterNamespace(String[] namespace, NamespaceChange... changes) {
    throw readOnly("ALTER NAMESPACE");
  }

  @Override
  public boolean dropNamespace(String[] namespace, boolean cascade) {
    throw readOnly("DROP NAMESPACE");
  }

  // ------------------------------------------------------------------ tables

  @Override
  public Identifier[] listTables(String[] namespace) throws NoSuchNamespaceException {
    String schema = namespace.length == 1 ? schema(namespace[0]) : null; // one read of the schemas
    if (schema == null) {
      throw new NoSuchNamespaceException(namespace);
    }
    List<Identifier> out = new ArrayList<>();
    for (SvvCatalog.Table t : tables()) {
      if (t.schema().equals(schema)) {
        out.add(Identifier.of(new String[] {t.schema()}, t.name()));
      }
    }
    return out.toArray(Identifier[]::new);
  }

  @Override
  public Table loadTable(Identifier ident) throws NoSuchTableException {
    if (ident.namespace().length != 1) {
      throw new NoSuchTableException(ident);
    }
    SvvCatalog.Table found = null;
    for (SvvCatalog.Table t : tables()) {
      if (t.schema().equals(ident.namespace()[0]) && t.name().equals(ident.name())) {
        found = t;
        break;
      }
      if (found == null && t.schema().equalsIgnoreCase(ident.namespace()[0]) && t.name().equalsIgnoreCase(ident.name())) {
        found = t;
      }
    }
    if (found == null) {
      throw new NoSuchTableException(ident);
    }
    Map<String, String> o = new HashMap<>(options);
    o.put(TdrSparkOptions.DBTABLE, FilterSql.ident(found.schema()) + "." + FilterSql.ident(found.name()));
    TdrTable table = TdrTable.create(SparkSession.active(), TdrSparkOptions.parse(o), null);
    Map<String, String> comments = new HashMap<>();
    for (SvvCatalog.Column c : found.columns()) {
      if (c.remarks() != null) {
        comments.put(c.name(), c.remarks());
      }
    }
    return table.withComments(found.remarks(), comments);
  }

  @Override
  public Table createTable(Identifier ident, StructType schema, Transform[] partitions, Map<String, String> properties) {
    throw readOnly("CREATE TABLE");
  }

  @Override
  public Table alterTable(Identifier ident, TableChange... changes) {
    throw readOnly("ALTER TABLE");
  }

  @Override
  public boolean dropTable(Identifier ident) {
    throw readOnly("DROP TABLE");
  }

  @Override
  public void renameTable(Identifier oldIdent, Identifier newIdent) {
    throw readOnly("RENAME TABLE");
  }

  private UnsupportedOperationException readOnly(String what) {
    return new UnsupportedOperationException("catalog " + name + " is read-only (Redshift through tdr-redshift): "
        + what + " is not supported; run DDL in Redshift itself");
  }
}
