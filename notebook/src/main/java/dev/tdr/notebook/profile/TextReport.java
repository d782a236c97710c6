package dev.tdr.notebook.profile;

import dev.tdr.notebook.ValueKind;
import java.util.ArrayList;
import java.util.List;

/** {@link Profile#toText()}: a plain, aligned report for terminals and text/plain. */
final class TextReport {
  private static final String SPARK = "▁▂▃▄▅▆▇█";
  private static final int LABEL = 40;
  private static final int BAR = 20;

  private TextReport() {}

  static String render(Profile p) {
    StringBuilder b = new StringBuilder();
    TableSummary t = p.table();
    b.append("Data profile: ").append(NumberFormats.count(t.rows())).append(t.rows() == 1 ? " row" : " rows")
        .append(" × ").append(t.columns()).append(t.columns() == 1 ? " column" : " columns").append('\n');
    List<String[]> summary = List.of(
        new String[] {"memory", "~" + NumberFormats.bytes(t.memoryBytes()) + " (estimate)"},
        new String[] {"duplicate rows", NumberFormats.count(t.duplicateRows()) + " (" + NumberFormats.pct(StatRows.ratio(t.duplicateRows(), t.rows())) + ")"},
        new String[] {"missing cells", NumberFormats.count(t.missingCells()) + " (" + NumberFormats.pct(t.missingCellsRatio()) + ")"});
    grid(b, summary, 1, "  ");

    if (!p.alerts().isEmpty()) {
      b.append("\nAlerts (").append(p.alerts().size()).append(")\n");
      int w = 0;
      for (Alert a : p.alerts()) {
        w = Math.max(w, a.type().name().length());
      }
      for (Alert a : p.alerts()) {
        b.append("  ").append(Labels.pad(a.type().name(), w, false)).append("  ")
            .append(Labels.clean(a.message())).append('\n');
      }
    }

    for (ColumnProfile c : p.columns()) {
      b.append('\n');
      column(b, c);
    }
    return b.toString();
  }

  private static void column(StringBuilder b, ColumnProfile c) {
    b.append(Labels.label(c.name(), 80)).append("  (").append(c.kind().label()).append(")\n");
    List<String[]> kv = new ArrayList<>();
    kv.add(new String[] {"count", NumberFormats.count(c.count())});
    kv.add(new String[] {"missing", NumberFormats.count(c.missing()) + " (" + NumberFormats.pct(c.missingRatio()) + ")"});
    kv.add(new String[] {"distinct", NumberFormats.count(c.distinct()) + " (" + NumberFormats.pct(c.distinctRatio()) + ")"});
    kv.addAll(StatRows.of(c, LABEL));
    NumericStats n = c.numeric();
    TemporalStats tm = c.temporal();
    grid(b, kv, 3, "  ");

    Histogram h = n != null ? n.histogram() : tm != null ? tm.histogram() : null;
    if (h != null && !h.bins().isEmpty()) {
      String lo = n != null ? NumberFormats.stat(c, false) : tm.min();
      String hi = n != null ? NumberFormats.stat(c, true) : tm.max();
      b.append("  histogram  ").append(spark(h)).append("  ").append(Labels.label(lo, LABEL))
          .append(" … ").append(Labels.label(hi, LABEL)).append('\n');
    }

    if (!c.topValues().isEmpty()) {
      b.append("  top values\n");
      boolean quote = c.kind() == ValueKind.STRING;
      long rows = c.rows();
      long shown = c.topValues().stream().mapToLong(ValueCount::count).sum();
      long rest = c.count() - shown;
      List<String[]> lines = new ArrayList<>();
      long max = 0;
      for (ValueCount v : c.topValues()) {
        String l = quote ? "\"" + Labels.label(v.value(), LABEL - 2) + "\"" : Labels.label(v.value(), LABEL);
        lines.add(new String[] {l, NumberFormats.count(v.count()), NumberFormats.pct(StatRows.ratio(v.count(), rows))});
        max = Math.max(max, v.count());
      }
      if (rest > 0) {
        long others = c.distinct() - c.topValues().size();
        lines.add(new String[] {"(" + NumberFormats.count(others) + (others == 1 ? " other)" : " others)"),
            NumberFormats.count(rest), NumberFormats.pct(StatRows.ratio(rest, rows))});
      }
      int lw = 0;
      int cw = 0;
      int pw = 0;
      for (String[] l : lines) {
        lw = Math.max(lw, Labels.width(l[0]));
        cw = Math.max(cw, l[1].length());
        pw = Math.max(pw, l[2].length());
      }
      for (int i = 0; i < lines.size(); i++) {
        String[] l = lines.get(i);
        b.append("    ").append(Labels.pad(l[0], lw, false)).append("  ").append(Labels.pad(l[1], cw, true))
            .append("  ").append(Labels.pad(l[2], pw, true));
        if (i < c.topValues().size()) {
          long k = c.topValues().get(i).count();
          b.append("  ").append("#".repeat((int) Math.max(1, Math.round((double) k / max * BAR))));
        }
        b.append('\n');
      }
    }
    if (!c.alerts().isEmpty()) {
      b.append("  alerts: ");
      for (int i = 0; i < c.alerts().size(); i++) {
        b.append(i == 0 ? "" : ", ").append(c.alerts().get(i).type().name());
      }
      b.append('\n');
    }
  }


  /** Label/value pairs, {@code per} to a line, each grid column aligned. */
  private static void grid(StringBuilder b, List<String[]> kv, int per, String indent) {
    int[] lw = new int[per];
    int[] vw = new int[per];
    for (int i = 0; i < kv.size(); i++) {
      lw[i % per] = Math.max(lw[i % per], Labels.width(kv.get(i)[0]));
      vw[i % per] = Math.max(vw[i % per], Labels.width(kv.get(i)[1]));
    }
    for (int i = 0; i < kv.size(); i += per) {
      StringBuilder line = new StringBuilder(indent);
      for (int j = i; j < Math.min(kv.size(), i + per); j++) {
        if (j > i) {
          line.append("    ");
        }
        line.append(Labels.pad(kv.get(j)[0], lw[j % per], false)).append("  ")
            .append(Labels.pad(Labels.clean(kv.get(j)[1]), vw[j % per], false));
      }
      b.append(line.toString().stripTrailing()).append('\n');
    }
  }

  private static String spark(Histogram h) {
    long max = h.maxCount();
    StringBuilder s = new StringBuilder();
    for (Histogram.Bin bin : h.bins()) {
      if (bin.count() == 0 || max == 0) {
        s.append(' ');
      } else {
        int level = (int) Math.ceil((double) bin.count() / max * SPARK.length()) - 1;
        s.append(SPARK.charAt(Math.max(0, Math.min(SPARK.length() - 1, level))));
      }
    }
    return s.toString();
  }
}
