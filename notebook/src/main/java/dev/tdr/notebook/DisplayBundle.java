package dev.tdr.notebook;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Jupyter MIME bundle: the same result in several representations, keyed by MIME type, plus
 * per-type metadata; the front end shows the richest one it can. Values are Strings or, for JSON
 * types, plain Maps and Lists (so any kernel's JSON writer can send them).
 */
public record DisplayBundle(Map<String, Object> data, Map<String, Object> metadata) {
  public static final String TEXT = "text/plain";
  public static final String HTML = "text/html";
  public static final String DATA_RESOURCE = "application/vnd.dataresource+json";
  /**
   * The profile's JSON, under a type of its own: front ends that know {@code application/json}
   * (JupyterLab) would prefer their JSON viewer to the HTML report.
   */
  public static final String PROFILE_JSON = "application/vnd.tdr.profile+json";

  public DisplayBundle {
    data = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data));
    metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /** Only text/plain. */
  public static DisplayBundle text(String text) {
    return new DisplayBundle(Map.of(TEXT, text), Map.of());
  }

  /** text/plain and text/html. */
  public static DisplayBundle html(String text, String html) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put(TEXT, text);
    d.put(HTML, html);
    return new DisplayBundle(d, Map.of());
  }

  public String textPlain() {
    return (String) data.get(TEXT);
  }

  public String textHtml() {
    return (String) data.get(HTML);
  }
}
