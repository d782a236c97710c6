package dev.tdr.notebook;

import dev.tdr.core.EditDistance;
import dev.tdr.core.TdrConfig;
import dev.tdr.core.TdrException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.dflib.DataFrame;

/**
 * The warehouse's tables and columns, from Redshift's {@code SVV_TABLES} and {@code
 * SVV_ALL_COLUMNS} (types, and remarks from {@code COMMENT ON}), merged with a team's
 * descriptions file, searchable by keywords or a regular expression.
 *
 * <p>The descriptions file is YAML: keys are {@code schema.table} (or a bare table name, for that
 * table in every schema); a value is the table's description, or a mapping with {@code
 * description} and {@code columns} (column name to description). A description there replaces the
 * remark from the database; a table or column without one keeps its remark.
 *
 * <pre>{@code
 * public.events:
 *   description: One row per playback event, from the player's heartbeat.
 *   columns:
 *     app_id: The app that played (see ott_apps).
 * ott_apps: Apps on connected TVs, one row per app and platform.
 * }</pre>
 *
 * <p>The catalog is read once and kept ({@link #maxAge()}, 15 minutes by default) until {@link
 * #refresh()}.
 *
 * <p>Search: {@code search("watch time")} finds the tables and columns whose names or descriptions
 * hold every keyword (case-insensitive), ranked: a name equal to a keyword scores 100, a name with
 * the keyword as a whole word ({@code _}-separated) 70, a name starting with it 60, holding it 40;
 * a column whose table's name matches scores half that; a description holding it as a word 12,
 * as part of a word 6. So names rank above descriptions. {@code search("/^ott_.*app/")} (slashes
 * around) is a regular expression (case-insensitive, {@code find}) matched against names (score
 * 2) and descriptions (score 1).
 *
 * <p>The reading is {@code CatalogLoader}'s, the descriptions file {@code CatalogDescriptions}'s and
 * the search ranking {@code CatalogRanking}'s.
 */
public final class Catalog {
  /** Opens a JDBC connection to the warehouse. */
  @FunctionalInterface
  public interface ConnectionSource {
    Connection open() throws SQLException;
  }

  /** A column of a table. */
  public record ColumnInfo(String schema, String table, String name, int position, String type,
      boolean nullable, String description) {}

  /** A table or view with its columns. */
  public record TableInfo(String schema, String name, String type, String description, List<ColumnInfo> columns) {
    public String qualifiedName() {
      return schema + "." + name;
    }

    /** The columns as a DataFrame: {@code column, type, nullable, description}. */
    public DataFrame columnsFrame() {
      List<Object> values = new ArrayList<>();
      for (ColumnInfo c : columns) {
        values.add(c.name());
        values.add(c.type());
        values.add(c.nullable());
        values.add(c.description());
      }
      return DataFrame.foldByRow("column", "type", "nullable", "description").of(values.toArray());
    }
  }

  private final ConnectionSource source;
  private final Path descriptionsFile;
  private final Clock clock;
  private Duration maxAge = Duration.ofMinutes(15);
  private List<TableInfo> tables;
  private Instant loadedAt;

  public Catalog(ConnectionSource source, Path descriptionsFile) {
    this(source, descriptionsFile, Clock.systemUTC());
  }

  Catalog(ConnectionSource source, Path descriptionsFile, Clock clock) {
    this.source = Objects.requireNonNull(source, "source");
    this.descriptionsFile = descriptionsFile;
    this.clock = clock;
  }

  /** A catalog over the warehouse of {@code config}, with its descriptions file ({@code TDR_CATALOG}, may be unset). */
  public static Catalog of(TdrConfig config) {
    return new Catalog(() -> dev.tdr.core.jdbc.Connections.open(config), CatalogSettings.descriptions(config));
  }

  public Duration maxAge() {
    return maxAge;
  }

  /** How long the catalog is kept before it is read again. */
  public synchronized Catalog maxAge(Duration age) {
    this.maxAge = Objects.requireNonNull(age);
    return this;
  }

  public Path descriptionsFile() {
    return descriptionsFile;
  }

  /** Forgets the cached catalog; the next call reads the database and the descriptions again. */
  public synchronized void refresh() {
    tables = null;
  }

  /** Every table and view (not the system schemas), with columns and merged descriptions. */
  public synchronized List<TableInfo> tables() {
    if (tables == null || loadedAt.plus(maxAge).isBefore(clock.instant())) {
      tables = CatalogLoader.load(source, descriptionsFile);
      loadedAt = clock.instant();
    }
    return tables;
  }

  /** The tables as a DataFrame: {@code schema, table, type, columns, description}. */
  public DataFrame tablesFrame() {
    List<Object> v = new ArrayList<>();
    for (TableInfo t : tables()) {
      v.add(t.schema());
      v.add(t.name());
      v.add(t.type());
      v.add(t.columns().size());
      v.add(t.description());
    }
    return DataFrame.foldByRow("schema", "table", "type", "columns", "description").of(v.toArray());
  }

  /**
   * The table named {@code name} ({@code schema.table}, or a table name found in one schema only).
   *
   * @throws TdrException if there is no such table (naming the closest ones) or the name is in
   *     several schemas
   */
  public TableInfo describe(String name) {
    String n = Objects.requireNonNull(name, "name").strip();
    List<TableInfo> all = tables();
    List<TableInfo> found = new ArrayList<>();
    for (TableInfo t : all) {
      if (n.contains(".") ? t.qualifiedName().equalsIgnoreCase(n) : t.name().equalsIgnoreCase(n)) {
        found.add(t);
      }
    }
    if (found.size() == 1) {
      return found.get(0);
    }
    if (found.size() > 1) {
      throw new TdrException("table '" + n + "' is in several schemas: "
          + String.join(", ", found.stream().map(TableInfo::qualifiedName).toList()) + "; say which, as schema.table");
    }
    List<String> closest = all.stream().map(t -> n.contains(".") ? t.qualifiedName() : t.name())
        .distinct()
        .sorted(Comparator.comparingInt((String s) -> EditDistance.between(s.toLowerCase(Locale.ROOT), n.toLowerCase(Locale.ROOT)))
            .thenComparing(Comparator.naturalOrder()))
        .limit(3).toList();
    throw new TdrException("no table '" + n + "' in the catalog"
        + (closest.isEmpty() ? " (it has no tables)" : "; closest: " + String.join(", ", closest))
        + "; try search(\"" + n + "\"), or refresh() if it was created since the catalog was read");
  }

  /** One search result: a table ({@code column} null) or a column. */
  public record Hit(String kind, String schema, String table, String column, String type, String description, int score) {}

  /** Tables and columns matching {@code query} (keywords, or {@code /regex/}), best first. */
  public List<Hit> search(String query) {
    CatalogRanking ranking = CatalogRanking.of(query);
    return ranking.rank(tables());
  }

  /** {@link #search(String)} as a DataFrame: {@code kind, schema, table, column, type, description, score}. */
  public DataFrame searchFrame(String query) {
    List<Object> v = new ArrayList<>();
    for (Hit h : search(query)) {
      v.add(h.kind());
      v.add(h.schema());
      v.add(h.table());
      v.add(h.column());
      v.add(h.type());
      v.add(h.description());
      v.add(h.score());
    }
    return DataFrame.foldByRow("kind", "schema", "table", "column", "type", "description", "score").of(v.toArray());
  }
}
