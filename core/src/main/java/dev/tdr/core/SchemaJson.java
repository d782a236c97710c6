package dev.tdr.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A {@link Schema} as JSON text, to pass it exactly where only strings travel (Spark options). */
public final class SchemaJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SchemaJson() {}

  public static String write(Schema schema) {
    ArrayNode a = JSON.createArrayNode();
    for (Column c : schema.columns()) {
      ObjectNode o = a.addObject();
      o.put("name", c.name());
      o.put("type", c.type().name());
      o.put("precision", c.precision());
      o.put("scale", c.scale());
      o.put("databaseType", c.databaseType());
    }
    return a.toString();
  }

  public static Schema read(String json) {
    try {
      List<Column> cols = new ArrayList<>();
      for (JsonNode o : JSON.readTree(json)) {
        cols.add(new Column(o.get("name").asText(), ColumnType.valueOf(o.get("type").asText()),
            o.get("precision").asInt(), o.get("scale").asInt(), o.get("databaseType").asText()));
      }
      return new Schema(cols);
    } catch (IOException | RuntimeException e) {
      throw new ConfigException("not a TDR schema: " + e.getMessage(), e);
    }
  }
}
