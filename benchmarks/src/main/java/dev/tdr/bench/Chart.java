package dev.tdr.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * chart.png: for each path, how many times faster than jdbc-default run the same way it is (in the
 * benchmark's JVM, or as a fresh process: jdbc-default-cold), one bar per data size, log scale, a
 * line at 1x. The one-row paths are left out: their times are overhead, not throughput.
 */
final class Chart {
  private static final Color[] COLORS = {new Color(0x4C72B0), new Color(0xDD8452), new Color(0x55A868),
      new Color(0xC44E52), new Color(0x8172B3)};

  private Chart() {}

  static void write(Report report, Path file) throws IOException {
    System.setProperty("java.awt.headless", "true");
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    double lo = 1;
    double hi = 1;
    for (Map.Entry<Bench.Dataset, List<Bench.Measurement>> e : report.results().entrySet()) {
      for (Bench.Measurement m : e.getValue()) {
        if (m.path().oneRow()) {
          continue;
        }
        double r = Report.speedup(e.getValue(), m.path(), Report.baseline(m.path()));
        if (!Double.isNaN(r)) {
          data.addValue(r, e.getKey().size().label(), m.path().label());
          lo = Math.min(lo, r);
          hi = Math.max(hi, r);
        }
      }
    }
    LogAxis axis = new LogAxis("times faster than JDBC run the same way (log scale)");
    axis.setBase(2);
    axis.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1));
    axis.setMinorTickCount(0);
    axis.setRange(lo / 1.6, hi * 1.6);
    axis.setNumberFormatOverride(new java.text.DecimalFormat("0.###'x'"));
    CategoryAxis paths = new CategoryAxis("path");
    paths.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    BarRenderer bars = new BarRenderer();
    bars.setBarPainter(new StandardBarPainter());
    bars.setShadowVisible(false);
    bars.setItemMargin(0.05);
    for (int i = 0; i < COLORS.length; i++) {
      bars.setSeriesPaint(i, COLORS[i]);
    }
    bars.setDefaultItemLabelGenerator(new org.jfree.chart.labels.StandardCategoryItemLabelGenerator("{2}",
        new java.text.DecimalFormat("0.0")));
    bars.setDefaultItemLabelsVisible(true);
    bars.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
    CategoryPlot plot = new CategoryPlot(data, paths, axis, bars);
    plot.setOrientation(PlotOrientation.VERTICAL);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(new Color(0xDDDDDD));
    ValueMarker one = new ValueMarker(1.0, Color.DARK_GRAY, new BasicStroke(1.2f));
    plot.addRangeMarker(one);
    JFreeChart chart = new JFreeChart("Time to rows in memory, against row-by-row JDBC (" + report.machine().cores()
        + " cores)", new Font(Font.SANS_SERIF, Font.BOLD, 15), plot, true);
    chart.addSubtitle(new org.jfree.chart.title.TextTitle("in-JVM paths against jdbc-default; fresh-process paths"
        + " (tdr-local-cold, jdbc-default-cold, pandas-read-sql, seed-python) against jdbc-default-cold",
        new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
    chart.setBackgroundPaint(Color.WHITE);
    ChartUtils.saveChartAsPNG(file.toFile(), chart, 1200, 640);
  }
}
