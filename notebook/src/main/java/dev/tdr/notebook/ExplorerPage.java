package dev.tdr.notebook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A result's {@code application/vnd.dataresource+json} as the nteract data explorer on a page of
 * its own ({@code tdr explore}): the same script the notebook extension uses, the data inline.
 * The explorer's current state (its {@code dx} metadata) is kept in {@code window.tdrExplorerMetadata}.
 */
public final class ExplorerPage {
  /** Where the explorer's script is, on the class path (also the notebook extension's folder). */
  public static final String SCRIPT_RESOURCE = "dev/tdr/notebook/nbextension/tdr-explorer/tdr-explorer.js";

  private static final ObjectMapper JSON = new ObjectMapper();

  private ExplorerPage() {}

  /** The explorer's script (about 1.2 MB). */
  public static byte[] script() {
    try (InputStream in = ExplorerPage.class.getClassLoader().getResourceAsStream(SCRIPT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(SCRIPT_RESOURCE + " is missing from the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The page for {@code bundle} (from {@link Display#dataFrame}), headed by {@code query};
   * {@code scriptUrl} is where the page loads the explorer's script from.
   */
  public static String html(DisplayBundle bundle, String query, String ran, String scriptUrl) {
    Object data = bundle.data().get(DisplayBundle.DATA_RESOURCE);
    Object meta = bundle.metadata().getOrDefault(DisplayBundle.DATA_RESOURCE, Map.of());
    @SuppressWarnings("unchecked")
    Map<String, Object> m = meta instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    String note = Boolean.TRUE.equals(m.get("sampled"))
        ? "showing the first " + m.get("shown") + " of " + m.get("rows") + " rows" : m.get("rows") + " rows";
    return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>TDR explore: "
        + Html.escape(oneLine(query, 60)) + "</title>\n<style>body{font-family:sans-serif;margin:16px}"
        + " header pre{background:#f5f5f5;padding:8px;white-space:pre-wrap;margin:0 0 4px}"
        + " header p{color:#555;margin:0 0 12px} #tdr-explorer{min-height:660px}</style></head><body>\n"
        + "<header class=\"tdr-query\"><pre>" + Html.escape(query) + "</pre><p class=\"tdr-rows\">"
        + Html.escape(note + ", ran " + ran) + "</p></header>\n"
        + "<div id=\"tdr-explorer\"></div>\n"
        + "<script type=\"application/json\" id=\"tdr-data\">" + scriptSafe(json(data)) + "</script>\n"
        + "<script type=\"application/json\" id=\"tdr-metadata\">" + scriptSafe(json(meta)) + "</script>\n"
        + "<script src=\"" + Html.escape(scriptUrl) + "\"></script>\n"
        + "<script>\n"
        + "window.tdrExplorerMetadata = JSON.parse(document.getElementById('tdr-metadata').textContent);\n"
        + "TdrExplorer.render(document.getElementById('tdr-explorer'),\n"
        + "  JSON.parse(document.getElementById('tdr-data').textContent), window.tdrExplorerMetadata,\n"
        + "  function (m) { window.tdrExplorerMetadata = m; });\n"
        + "</script>\n</body></html>\n";
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the result as JSON", e);
    }
  }

  /** JSON that cannot end its script element: every {@code <} written as {@code \u003c}. */
  static String scriptSafe(String json) {
    return json.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
  }

  private static String oneLine(String s, int max) {
    String t = s.strip().replaceAll("\\s+", " ");
    return t.length() > max ? t.substring(0, max - 1) + "…" : t;
  }
}
