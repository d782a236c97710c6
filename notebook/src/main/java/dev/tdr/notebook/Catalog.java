package dev.tdr.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tdr.core.ConfigException;
import dev.tdr.core.EditDistance;
import dev.tdr.core.TdrConfig;
import dev.tdr.core.TdrException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
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

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  /** The catalog queries give up after this long (SVV_ALL_COLUMNS also lists external tables). */
  static final int QUERY_TIMEOUT_SECONDS = 120;
  private static final Pattern WORD_SPLIT = Pattern.compile("[^\\p{L}\\p{N}]+");

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
    return new Catalog(() -> dev.tdr.core.jdbc.Connections.open(config), config.catalog());
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
      tables = load();
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
    String q = Objects.requireNonNull(query, "query").strip();
    if (q.isEmpty()) {
      throw new TdrException("the search is empty: give keywords (search(\"watch time\")) or a /regular expression/");
    }
    List<Hit> hits = new ArrayList<>();
    if (q.length() >= 2 && q.startsWith("/") && q.endsWith("/")) {
      Pattern p;
      try {
        p = Pattern.compile(q.substring(1, q.length() - 1), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
      } catch (PatternSyntaxException e) {
        throw new TdrException("bad regular expression " + q + ": " + e.getDescription() + " near index " + e.getIndex());
      }
      for (TableInfo t : tables()) {
        add(hits, t, null, regexScore(p, t.name(), t.description()));
        for (ColumnInfo c : t.columns()) {
          add(hits, t, c, regexScore(p, c.name(), c.description()));
        }
      }
    } else {
      List<String> words = List.of(q.toLowerCase(Locale.ROOT).split("\\s+"));
      for (TableInfo t : tables()) {
        add(hits, t, null, keywordScore(words, t.name(), null, t.description()));
        for (ColumnInfo c : t.columns()) {
          add(hits, t, c, keywordScore(words, c.name(), t.name(), c.description()));
        }
      }
    }
    hits.sort(Comparator.comparingInt(Hit::score).reversed()
        .thenComparing(h -> h.column() == null ? 0 : 1)
        .thenComparing(Hit::schema).thenComparing(Hit::table)
        .thenComparing(h -> h.column() == null ? "" : h.column()));
    return hits;
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

  private static void add(List<Hit> hits, TableInfo t, ColumnInfo c, int score) {
    if (score <= 0) {
      return;
    }
    hits.add(c == null
        ? new Hit("table", t.schema(), t.name(), null, t.type(), t.description(), score)
        : new Hit("column", t.schema(), t.name(), c.name(), c.type(), c.description(), score));
  }

  private static int regexScore(Pattern p, String name, String description) {
    if (p.matcher(name).find()) {
      return 2;
    }
    return description != null && p.matcher(description).find() ? 1 : 0;
  }

  /** Sum over the keywords of each one's best score; 0 if a keyword matches nothing. */
  static int keywordScore(List<String> words, String name, String parentName, String description) {
    int total = 0;
    for (String w : words) {
      int best = nameScore(w, name);
      if (parentName != null) {
        best = Math.max(best, nameScore(w, parentName) / 2);
      }
      if (description != null) {
        best = Math.max(best, descriptionScore(w, description));
      }
      if (best == 0) {
        return 0;
      }
      total += best;
    }
    return total;
  }

  static int nameScore(String word, String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.equals(word)) {
      return 100;
    }
    for (String part : WORD_SPLIT.split(n)) {
      if (part.equals(word)) {
        return 70;
      }
    }
    if (n.startsWith(word)) {
      return 60;
    }
    return n.contains(word) ? 40 : 0;
  }

  static int descriptionScore(String word, String description) {
    String d = description.toLowerCase(Locale.ROOT);
    if (!d.contains(word)) {
      return 0;
    }
    Matcher m = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(word) + "(?![\\p{L}\\p{N}])").matcher(d);
    return m.find() ? 12 : 6;
  }

  private List<TableInfo> load() {
    Descriptions descriptions = Descriptions.read(descriptionsFile);
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

  /** The team's descriptions file, read into table and column maps. */
  record Descriptions(Map<String, String> tables, Map<String, String> columns) {
    static final Descriptions NONE = new Descriptions(Map.of(), Map.of());

    static Descriptions read(Path file) {
      if (file == null) {
        return NONE;
      }
      JsonNode root;
      try {
        root = YAML.readTree(Files.readString(file));
      } catch (IOException e) {
        throw new ConfigException("cannot read the catalog descriptions file " + file + ": " + e.getMessage(), e);
      }
      if (root == null || root.isMissingNode() || root.isNull()) {
        return NONE;
      }
      if (!root.isObject()) {
        throw new ConfigException("the catalog descriptions file " + file
            + " must be a mapping of table names (schema.table or table) to descriptions");
      }
      Map<String, String> tables = new HashMap<>();
      Map<String, String> columns = new HashMap<>();
      for (Map.Entry<String, JsonNode> e : root.properties()) {
        String table = e.getKey().toLowerCase(Locale.ROOT);
        JsonNode v = e.getValue();
        if (v.isValueNode() && !v.isNull()) {
          tables.put(table, v.asText());
        } else if (v.isObject()) {
          for (Map.Entry<String, JsonNode> f : v.properties()) {
            if (!f.getKey().equals("description") && !f.getKey().equals("columns")) {
              throw new ConfigException("in the catalog descriptions file " + file + ", table " + e.getKey()
                  + " has an unknown key '" + f.getKey() + "': use description and columns");
            }
          }
          if (v.has("description")) {
            tables.put(table, text(v.get("description"), file, e.getKey() + ".description"));
          }
          JsonNode cols = v.get("columns");
          if (cols != null && !cols.isNull()) {
            if (!cols.isObject()) {
              throw new ConfigException("in the catalog descriptions file " + file + ", " + e.getKey()
                  + ".columns must be a mapping of column names to descriptions");
            }
            for (Map.Entry<String, JsonNode> c : cols.properties()) {
              columns.put(table + "." + c.getKey().toLowerCase(Locale.ROOT),
                  text(c.getValue(), file, e.getKey() + ".columns." + c.getKey()));
            }
          }
        } else {
          throw new ConfigException("in the catalog descriptions file " + file + ", " + e.getKey()
              + " must be a description or a mapping with description and columns");
        }
      }
      return new Descriptions(tables, columns);
    }

    /** A description's text; an empty or nested value is an error naming its key. */
    private static String text(JsonNode v, Path file, String key) {
      if (v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()) {
        throw new ConfigException("in the catalog descriptions file " + file + ", " + key
            + " has no description text: write one after the colon, or remove the key");
      }
      return v.asText();
    }

    String table(String schema, String table, String remark) {
      String q = (schema + "." + table).toLowerCase(Locale.ROOT);
      String d = tables.getOrDefault(q, tables.get(table.toLowerCase(Locale.ROOT)));
      return d != null ? d : remark;
    }

    String column(String schema, String table, String column, String remark) {
      String q = (schema + "." + table + "." + column).toLowerCase(Locale.ROOT);
      String d = columns.getOrDefault(q, columns.get((table + "." + column).toLowerCase(Locale.ROOT)));
      return d != null ? d : remark;
    }
  }
}
