package dev.tdr.notebook.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link Profile#toMap()}: the shape of the profile's JSON.
 *
 * <pre>
 * {"table":   {"rows","columns","memoryBytes","duplicateRows","missingCells","missingCellsRatio"},
 *  "alerts":  [{"column" (null for the table),"type" (AlertType name),"message"}],
 *  "columns": [{"name","kind" (ValueKind name),"kindLabel" (e.g. "int"),"count","missing",
 *               "missingRatio","distinct","distinctRatio","memoryBytes",
 *               "topValues": [{"value","count"}],
 *               "numeric":  null | {"finiteCount","min","max","minText","maxText","mean","std",
 *                                   "p5","p25","p50","p75","p95","zeros","negatives","skewness",
 *                                   "nanCount","infiniteCount","histogram"},
 *               "strings":  null | {"minLength","maxLength","meanLength","empty","blank"},
 *               "temporal": null | {"min","max","histogramUnit","histogram" (or null)},
 *               "booleans": null | {"trues","falses"},
 *               "alerts":   [..as above..]}],
 *  "options": {"topValues","histogramBins","highCardinalityRatio","mostlyMissingRatio","skewThreshold"}}
 * histogram: [{"lower","upper","count"}]
 * </pre>
 *
 * Doubles that are NaN or infinite become the strings "NaN", "Infinity", "-Infinity".
 */
final class MapReport {
  private MapReport() {}

  static Map<String, Object> render(Profile p) {
    Map<String, Object> m = new LinkedHashMap<>();
    TableSummary t = p.table();
    Map<String, Object> table = new LinkedHashMap<>();
    table.put("rows", t.rows());
    table.put("columns", t.columns());
    table.put("memoryBytes", t.memoryBytes());
    table.put("duplicateRows", t.duplicateRows());
    table.put("missingCells", t.missingCells());
    table.put("missingCellsRatio", NumberFormats.json(t.missingCellsRatio()));
    m.put("table", table);
    m.put("alerts", alerts(p.alerts()));
    List<Object> cols = new ArrayList<>();
    for (ColumnProfile c : p.columns()) {
      cols.add(column(c));
    }
    m.put("columns", cols);
    ProfileOptions o = p.options();
    Map<String, Object> opts = new LinkedHashMap<>();
    opts.put("topValues", o.topValues());
    opts.put("histogramBins", o.histogramBins());
    opts.put("highCardinalityRatio", NumberFormats.json(o.highCardinalityRatio()));
    opts.put("mostlyMissingRatio", NumberFormats.json(o.mostlyMissingRatio()));
    opts.put("skewThreshold", NumberFormats.json(o.skewThreshold()));
    m.put("options", opts);
    return m;
  }

  private static List<Object> alerts(List<Alert> alerts) {
    List<Object> out = new ArrayList<>();
    for (Alert a : alerts) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("column", a.column());
      m.put("type", a.type().name());
      m.put("message", a.message());
      out.add(m);
    }
    return out;
  }

  private static Map<String, Object> column(ColumnProfile c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", c.name());
    m.put("kind", c.kind().name());
    m.put("kindLabel", c.kind().label());
    m.put("count", c.count());
    m.put("missing", c.missing());
    m.put("missingRatio", NumberFormats.json(c.missingRatio()));
    m.put("distinct", c.distinct());
    m.put("distinctRatio", NumberFormats.json(c.distinctRatio()));
    m.put("memoryBytes", c.memoryBytes());
    List<Object> top = new ArrayList<>();
    for (ValueCount v : c.topValues()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("value", v.value());
      e.put("count", v.count());
      top.add(e);
    }
    m.put("topValues", top);
    NumericStats n = c.numeric();
    Map<String, Object> num = null;
    if (n != null) {
      num = new LinkedHashMap<>();
      num.put("finiteCount", n.finiteCount());
      num.put("min", NumberFormats.json(n.min()));
      num.put("max", NumberFormats.json(n.max()));
      num.put("minText", n.minText());
      num.put("maxText", n.maxText());
      num.put("mean", NumberFormats.json(n.mean()));
      num.put("std", NumberFormats.json(n.std()));
      num.put("p5", NumberFormats.json(n.p5()));
      num.put("p25", NumberFormats.json(n.p25()));
      num.put("p50", NumberFormats.json(n.p50()));
      num.put("p75", NumberFormats.json(n.p75()));
      num.put("p95", NumberFormats.json(n.p95()));
      num.put("zeros", n.zeros());
      num.put("negatives", n.negatives());
      num.put("skewness", NumberFormats.json(n.skewness()));
      num.put("nanCount", n.nanCount());
      num.put("infiniteCount", n.infiniteCount());
      num.put("histogram", histogram(n.histogram()));
    }
    m.put("numeric", num);
    StringStats s = c.strings();
    Map<String, Object> str = null;
    if (s != null) {
      str = new LinkedHashMap<>();
      str.put("minLength", s.minLength());
      str.put("maxLength", s.maxLength());
      str.put("meanLength", NumberFormats.json(s.meanLength()));
      str.put("empty", s.empty());
      str.put("blank", s.blank());
    }
    m.put("strings", str);
    TemporalStats t = c.temporal();
    Map<String, Object> tm = null;
    if (t != null) {
      tm = new LinkedHashMap<>();
      tm.put("min", t.min());
      tm.put("max", t.max());
      tm.put("histogramUnit", t.histogramUnit());
      tm.put("histogram", histogram(t.histogram()));
    }
    m.put("temporal", tm);
    BooleanStats b = c.booleans();
    Map<String, Object> bm = null;
    if (b != null) {
      bm = new LinkedHashMap<>();
      bm.put("trues", b.trues());
      bm.put("falses", b.falses());
    }
    m.put("booleans", bm);
    m.put("alerts", alerts(c.alerts()));
    return m;
  }

  private static List<Object> histogram(Histogram h) {
    if (h == null) {
      return null;
    }
    List<Object> out = new ArrayList<>();
    for (Histogram.Bin b : h.bins()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("lower", NumberFormats.json(b.lower()));
      e.put("upper", NumberFormats.json(b.upper()));
      e.put("count", b.count());
      out.add(e);
    }
    return out;
  }
}
