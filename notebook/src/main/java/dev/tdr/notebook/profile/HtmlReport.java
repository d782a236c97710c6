package dev.tdr.notebook.profile;

import static dev.tdr.notebook.Html.escape;

import dev.tdr.notebook.ValueKind;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Profile#toHtml()}: a {@code <div class="tdr-profile">} with a scoped {@code <style>}, a
 * summary table, the alerts, and a card per column with inline SVG charts (valid XML: escaped
 * text, '.' decimals). No JavaScript, no external resources.
 */
final class HtmlReport {
  private static final String STYLE = """
      <style>
      .tdr-profile{font-family:-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;font-size:13px;color:#1f2328;line-height:1.4}
      .tdr-profile *{box-sizing:border-box}
      .tdr-profile h3{font-size:15px;font-weight:600;margin:0 0 8px 0}
      .tdr-profile h4{font-size:14px;font-weight:600;margin:0;overflow-wrap:anywhere}
      .tdr-profile .tp-top{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start;margin-bottom:14px}
      .tdr-profile table{border-collapse:collapse;margin:0}
      .tdr-profile .tp-summary th,.tdr-profile .tp-summary td{border:1px solid #e2e4e8;padding:3px 10px;text-align:left;white-space:nowrap}
      .tdr-profile .tp-summary th{background:#f6f7f9;font-weight:400;color:#5a606a}
      .tdr-profile .tp-summary td{text-align:right;font-variant-numeric:tabular-nums}
      .tdr-profile .tp-muted{color:#7a808a}
      .tdr-profile .tp-alerts{list-style:none;margin:0;padding:0}
      .tdr-profile .tp-alerts li{margin:0 0 4px 0}
      .tdr-profile .tp-badge{display:inline-block;font-size:10px;font-weight:600;letter-spacing:.03em;padding:1px 6px;border-radius:3px;margin-right:6px;background:#eef0f3;color:#444;text-transform:lowercase}
      .tdr-profile .tp-a-constant .tp-badge{background:#fff4d6;color:#7a5a00}
      .tdr-profile .tp-a-mostly-missing .tp-badge{background:#fde8e8;color:#9b2c2c}
      .tdr-profile .tp-a-all-missing .tp-badge{background:#f9d2d2;color:#822727}
      .tdr-profile .tp-a-unique .tp-badge{background:#e3f1fd;color:#1d5a8c}
      .tdr-profile .tp-a-high-cardinality .tp-badge{background:#ede7fb;color:#553c9a}
      .tdr-profile .tp-a-skewed .tp-badge{background:#e6f6ee;color:#276749}
      .tdr-profile .tp-a-all-zeros .tp-badge{background:#f0f0f0;color:#4a4a4a}
      .tdr-profile .tp-a-duplicate-rows .tp-badge{background:#feebdc;color:#9c4221}
      .tdr-profile .tp-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(max(290px,calc((100% - 24px) / 3)),1fr));gap:12px}
      .tdr-profile .tp-col{border:1px solid #e2e4e8;border-radius:6px;padding:10px 12px;background:#fff;min-width:0}
      .tdr-profile .tp-kind{color:#7a808a;font-weight:400;font-size:11px;margin-left:6px}
      .tdr-profile .tp-counts{color:#5a606a;font-size:12px;margin:2px 0 8px 0}
      .tdr-profile .tp-stats{font-size:12px;margin-bottom:6px}
      .tdr-profile .tp-stats th{color:#7a808a;font-weight:400;text-align:left;padding:1px 6px 1px 0;white-space:nowrap}
      .tdr-profile .tp-stats td{text-align:right;padding:1px 14px 1px 0;font-variant-numeric:tabular-nums;white-space:nowrap;max-width:150px;overflow:hidden;text-overflow:ellipsis}
      .tdr-profile .tp-label{color:#7a808a;font-size:11px;margin:8px 0 2px 0;text-transform:uppercase;letter-spacing:.04em}
      .tdr-profile .tp-col .tp-alerts{margin-top:8px}
      .tdr-profile svg{display:block;max-width:100%;height:auto}
      </style>
      """;
  private static final int W = 280;
  private static final String BAR = "#5b8def";
  private static final String MUTED = "#7a808a";
  private static final String FAINT = "#c9cdd3";

  private HtmlReport() {}

  static String render(Profile p) {
    StringBuilder b = new StringBuilder(4096);
    b.append("<div class=\"tdr-profile\">\n").append(STYLE);
    TableSummary t = p.table();
    b.append("<div class=\"tp-top\">\n<div>\n<h3>Data profile</h3>\n<table class=\"tp-summary\">\n");
    row(b, "Rows", NumberFormats.count(t.rows()));
    row(b, "Columns", NumberFormats.count(t.columns()));
    row(b, "Memory (estimate)", NumberFormats.bytes(t.memoryBytes()));
    row(b, "Duplicate rows", NumberFormats.count(t.duplicateRows()) + " (" + NumberFormats.pct(StatRows.ratio(t.duplicateRows(), t.rows())) + ")");
    row(b, "Missing cells", NumberFormats.count(t.missingCells()) + " (" + NumberFormats.pct(t.missingCellsRatio()) + ")");
    b.append("</table>\n</div>\n<div>\n<h3>Alerts <span class=\"tp-muted\">").append(p.alerts().size())
        .append("</span></h3>\n");
    if (p.alerts().isEmpty()) {
      b.append("<div class=\"tp-muted\">None</div>\n");
    } else {
      alerts(b, p.alerts());
    }
    b.append("</div>\n</div>\n<div class=\"tp-grid\">\n");
    for (ColumnProfile c : p.columns()) {
      column(b, c);
    }
    b.append("</div>\n</div>\n");
    return b.toString();
  }

  private static void row(StringBuilder b, String th, String td) {
    b.append("<tr><th>").append(escape(th)).append("</th><td>").append(escape(td)).append("</td></tr>\n");
  }

  private static void alerts(StringBuilder b, List<Alert> alerts) {
    b.append("<ul class=\"tp-alerts\">\n");
    for (Alert a : alerts) {
      b.append("<li class=\"tp-alert ").append(a.type().cssClass()).append("\"><span class=\"tp-badge\">")
          .append(escape(a.type().name().replace('_', ' '))).append("</span>")
          .append(escape(Labels.clean(a.message()))).append("</li>\n");
    }
    b.append("</ul>\n");
  }


  private static void column(StringBuilder b, ColumnProfile c) {
    b.append("<section class=\"tp-col\">\n<h4>").append(escape(Labels.clean(c.name())))
        .append("<span class=\"tp-kind\">").append(escape(c.kind().label())).append("</span></h4>\n");
    b.append("<div class=\"tp-counts\">").append(NumberFormats.count(c.count())).append(" values · ")
        .append(NumberFormats.count(c.missing())).append(" missing (").append(NumberFormats.pct(c.missingRatio())).append(") · ")
        .append(NumberFormats.count(c.distinct())).append(" distinct (").append(NumberFormats.pct(c.distinctRatio()))
        .append(")</div>\n");

    List<String[]> kv = new ArrayList<>();
    kv.addAll(StatRows.of(c, 24));
    NumericStats n = c.numeric();
    TemporalStats tm = c.temporal();
    if (!kv.isEmpty()) {
      boolean wide = tm != null; // timestamps need the whole width
      int per = wide ? 1 : 2;
      b.append("<table class=\"tp-stats\">\n");
      for (int i = 0; i < kv.size(); i += per) {
        b.append("<tr>");
        for (int j = i; j < Math.min(kv.size(), i + per); j++) {
          b.append("<th>").append(escape(kv.get(j)[0])).append("</th><td title=\"")
              .append(escape(Labels.clean(kv.get(j)[1]))).append("\">").append(escape(Labels.clean(kv.get(j)[1])))
              .append("</td>");
        }
        b.append("</tr>\n");
      }
      b.append("</table>\n");
    }

    Histogram h = n != null ? n.histogram() : tm != null ? tm.histogram() : null;
    if (h != null && !h.bins().isEmpty()) {
      String unit = n != null ? null : tm.histogramUnit();
      String lo = n != null ? NumberFormats.stat(c, false) : tm.min();
      String hi = n != null ? NumberFormats.stat(c, true) : tm.max();
      b.append("<div class=\"tp-label\">Histogram</div>\n");
      histogram(b, h, unit, lo, hi);
    }
    if (!c.topValues().isEmpty()) {
      b.append("<div class=\"tp-label\">Top values</div>\n");
      topValues(b, c);
    }
    if (!c.alerts().isEmpty()) {
      alerts(b, c.alerts());
    }
    b.append("</section>\n");
  }

  /** An SVG bar chart of the bins, with the min and max under its ends. */
  static void histogram(StringBuilder b, Histogram h, String unit, String lo, String hi) {
    int height = 84;
    double top = 4;
    double base = 66;
    List<Histogram.Bin> bins = h.bins();
    long max = Math.max(1, h.maxCount());
    double bw = (double) W / bins.size();
    double gap = bw >= 4 ? 1 : 0;
    b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W).append("\" height=\"").append(height)
        .append("\" viewBox=\"0 0 ").append(W).append(' ').append(height).append("\" role=\"img\">");
    b.append("<title>").append(escape("Histogram, " + bins.size() + (bins.size() == 1 ? " bin" : " bins")))
        .append("</title>");
    for (int i = 0; i < bins.size(); i++) {
      Histogram.Bin bin = bins.get(i);
      double bh = bin.count() == 0 ? 0 : Math.max(1, (base - top) * bin.count() / max);
      b.append("<rect x=\"").append(NumberFormats.svg(i * bw + gap / 2)).append("\" y=\"").append(NumberFormats.svg(base - bh))
          .append("\" width=\"").append(NumberFormats.svg(Math.max(0.5, bw - gap))).append("\" height=\"")
          .append(NumberFormats.svg(bh)).append("\" fill=\"").append(BAR).append("\"><title>")
          .append(escape(edge(bin.lower(), unit) + " – " + edge(bin.upper(), unit) + ": " + NumberFormats.count(bin.count())))
          .append("</title></rect>");
    }
    b.append("<line x1=\"0\" y1=\"").append(NumberFormats.svg(base + 0.5)).append("\" x2=\"").append(W).append("\" y2=\"")
        .append(NumberFormats.svg(base + 0.5)).append("\" stroke=\"").append(FAINT).append("\" stroke-width=\"1\"/>");
    String[] ends = axisLabels(lo, hi);
    b.append("<text x=\"0\" y=\"80\" font-size=\"10\" fill=\"").append(MUTED).append("\">")
        .append(escape(ends[0])).append("</text>");
    b.append("<text x=\"").append(W).append("\" y=\"80\" font-size=\"10\" text-anchor=\"end\" fill=\"").append(MUTED)
        .append("\">").append(escape(ends[1])).append("</text>");
    b.append("</svg>\n");
  }

  /** About how wide a character of the axis labels is (10px sans-serif; wide characters count twice). */
  static final double AXIS_CHAR_PX = 6.2;
  /** The least space between the two axis labels. */
  static final double AXIS_GAP_PX = 12;

  /**
   * The min and max under a histogram, cut so that both fit under the chart with a gap between
   * them (the left one starts at 0, the right one ends at the chart's width): long dates and
   * timestamps at both ends no longer run into each other.
   */
  static String[] axisLabels(String lo, String hi) {
    String l = Labels.label(lo == null ? "" : lo, 24);
    String h = Labels.label(hi == null ? "" : hi, 24);
    int fit = (int) Math.floor((W - AXIS_GAP_PX) / AXIS_CHAR_PX); // columns for both labels together
    if (Labels.width(l) + Labels.width(h) > fit) {
      int half = fit / 2;
      l = Labels.label(l, half);
      h = Labels.label(h, half);
    }
    return new String[] {l, h};
  }

  /** A bin edge as text: a number, or a date/time for temporal units. */
  private static String edge(double d, String unit) {
    if (unit == null || !Double.isFinite(d)) {
      return NumberFormats.num(d);
    }
    try {
      switch (unit) {
        case "epochDay":
          return LocalDate.ofEpochDay((long) Math.floor(d)).toString();
        case "epochSecond": {
          long sec = (long) Math.floor(d);
          return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(LocalDateTime.ofEpochSecond(sec, 0, ZoneOffset.UTC));
        }
        case "secondOfDay":
          return LocalTime.ofSecondOfDay(Math.floorMod((long) Math.floor(d), 86400L)).toString();
        default:
          return NumberFormats.num(d);
      }
    } catch (RuntimeException e) {
      return NumberFormats.num(d);
    }
  }

  /** An SVG horizontal bar chart of the top values (and the rest). */
  static void topValues(StringBuilder b, ColumnProfile c) {
    List<ValueCount> top = c.topValues();
    long shown = top.stream().mapToLong(ValueCount::count).sum();
    long rest = c.count() - shown;
    long total = c.rows();
    boolean string = c.kind() == ValueKind.STRING;
    List<String> labels = new ArrayList<>();
    List<String> tips = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    int chars = 4;
    for (ValueCount v : top) {
      String value = v.value();
      boolean blank = string && value.isBlank();
      String label = !blank ? Labels.label(value, 24) : value.isEmpty() ? "(empty)" : "(blank)";
      labels.add(label);
      counts.add(v.count());
      tips.add((string ? "\"" + Labels.label(value, 200) + "\"" : Labels.label(value, 200)) + ": "
          + NumberFormats.count(v.count()) + " (" + NumberFormats.pct(StatRows.ratio(v.count(), total)) + ")");
      chars = Math.max(chars, Labels.width(label));
    }
    if (rest > 0) {
      long others = c.distinct() - top.size();
      String label = "other (" + NumberFormats.count(others) + ")";
      labels.add(label);
      counts.add(rest);
      tips.add(NumberFormats.count(others) + (others == 1 ? " other value: " : " other values: ") + NumberFormats.count(rest)
          + " (" + NumberFormats.pct(StatRows.ratio(rest, total)) + ")");
      chars = Math.max(chars, Labels.width(label));
    }
    int rh = 18;
    int height = labels.size() * rh + 2;
    double labelW = Math.min(150, chars * 6.3); // about 6.3px a character at 11px
    double barX = labelW + 6;
    double barW = W - barX - 52; // room for the count
    long max = 1;
    for (ValueCount v : top) {
      max = Math.max(max, v.count());
    }
    b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W).append("\" height=\"").append(height)
        .append("\" viewBox=\"0 0 ").append(W).append(' ').append(height).append("\" role=\"img\">");
    b.append("<title>Top values</title>");
    for (int i = 0; i < labels.size(); i++) {
      boolean value = i < top.size();
      boolean special = !value || string && top.get(i).value().isBlank();
      long n = counts.get(i);
      double y = i * rh + 1;
      double w = Math.max(1, Math.min(barW, barW * n / max));
      b.append("<g><title>").append(escape(tips.get(i))).append("</title>");
      b.append("<text x=\"").append(NumberFormats.svg(labelW)).append("\" y=\"").append(NumberFormats.svg(y + 12.5))
          .append("\" font-size=\"11\" text-anchor=\"end\" fill=\"").append(special ? MUTED : "#1f2328").append('"')
          .append(special ? " font-style=\"italic\"" : "").append('>').append(escape(labels.get(i))).append("</text>");
      b.append("<rect x=\"").append(NumberFormats.svg(barX)).append("\" y=\"").append(NumberFormats.svg(y + 3)).append("\" width=\"")
          .append(NumberFormats.svg(w)).append("\" height=\"12\" fill=\"").append(value ? BAR : FAINT).append("\"/>");
      b.append("<text x=\"").append(NumberFormats.svg(barX + w + 4)).append("\" y=\"").append(NumberFormats.svg(y + 12.5))
          .append("\" font-size=\"10\" fill=\"").append(MUTED).append("\">").append(escape(NumberFormats.count(n)))
          .append("</text></g>");
    }
    b.append("</svg>\n");
  }
}
