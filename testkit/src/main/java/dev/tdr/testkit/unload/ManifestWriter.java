package dev.tdr.testkit.unload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an UNLOAD manifest in Redshift's shape: {@code entries[].url} and {@code
 * entries[].meta.content_length}; with VERBOSE also {@code record_count} per entry, the {@code
 * schema}, the totals in {@code meta} and the {@code author}. One entry per line.
 */
final class ManifestWriter {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One manifest entry. */
  record Entry(String url, long contentLength, long recordCount) {}

  /** One schema element: column name and its manifest {@code type} object. */
  record Element(String name, Map<String, Object> type) {}

  private ManifestWriter() {}

  static String write(List<Entry> entries, List<Element> schema, boolean verbose) {
    try {
      StringBuilder sb = new StringBuilder("{\n  \"entries\": [\n");
      long bytes = 0;
      long records = 0;
      for (int i = 0; i < entries.size(); i++) {
        Entry e = entries.get(i);
        bytes += e.contentLength();
        records += e.recordCount();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("content_length", e.contentLength());
        if (verbose) {
          meta.put("record_count", e.recordCount());
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("url", e.url());
        entry.put("meta", meta);
        sb.append("    ").append(JSON.writeValueAsString(entry));
        sb.append(i < entries.size() - 1 ? ",\n" : "\n");
      }
      sb.append("  ]");
      if (verbose) {
        sb.append(",\n  \"schema\": {\n    \"elements\": [\n");
        for (int i = 0; i < schema.size(); i++) {
          Element el = schema.get(i);
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("name", el.name());
          m.put("type", el.type());
          sb.append("      ").append(JSON.writeValueAsString(m));
          sb.append(i < schema.size() - 1 ? ",\n" : "\n");
        }
        sb.append("    ]\n  },\n");
        sb.append("  \"meta\": {\n    \"content_length\": ").append(bytes)
            .append(",\n    \"record_count\": ").append(records).append("\n  },\n");
        sb.append("  \"author\": {\n    \"name\": \"Amazon Redshift\",\n    \"version\": \"1.0.0\"\n  }");
      }
      return sb.append("\n}\n").toString();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
