package dev.tdr.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tdr.core.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The team's descriptions file, read into table and column maps, whose descriptions replace the database's remarks. */
record CatalogDescriptions(Map<String, String> tables, Map<String, String> columns) {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final CatalogDescriptions NONE = new CatalogDescriptions(Map.of(), Map.of());

  static CatalogDescriptions read(Path file) {
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
    return new CatalogDescriptions(tables, columns);
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
