package dev.tdr.notebook.profile;

import dev.tdr.notebook.ValueKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The alerts a column's statistics raise: constant, mostly or all missing, unique, high cardinality, skewed, all zeros. */
final class ColumnAlerts {
  private ColumnAlerts() {}

  /** The alerts of column {@code name}, from its counts and statistics, with the thresholds of {@code o}. */
  static List<Alert> of(
      String name, ValueKind kind, long rows, long count, long missing, long distinct, List<ValueCount> top,
      NumericStats num, ProfileOptions o) {
    List<Alert> a = new ArrayList<>();
    String q = "\"" + name + "\"";
    if (distinct == 1 && rows > 1) {
      String value = top.isEmpty() ? "" : " \"" + Labels.label(top.get(0).value(), 60) + "\"";
      a.add(new Alert(name, AlertType.CONSTANT, q + " has a constant value" + value));
    }
    if (rows > 0 && count > 0 && (double) missing / rows >= o.mostlyMissingRatio()) {
      a.add(new Alert(name, AlertType.MOSTLY_MISSING, q + " has " + NumberFormats.count(missing) + " ("
          + NumberFormats.pct((double) missing / rows) + ") missing values"));
    }
    if (rows > 0 && count == 0) {
      a.add(new Alert(name, AlertType.ALL_MISSING, q + " has only missing values (" + NumberFormats.count(rows)
          + (rows == 1 ? " row)" : " rows)")));
    }
    boolean unique = distinct == count && count == rows && rows > 1;
    if (unique) {
      a.add(new Alert(name, AlertType.UNIQUE, q + " has unique values"));
    }
    if (kind == ValueKind.STRING && !unique && count > 10 && (double) distinct / count > o.highCardinalityRatio()) {
      a.add(new Alert(name, AlertType.HIGH_CARDINALITY, q + " has a high cardinality: " + NumberFormats.count(distinct)
          + " distinct values (" + NumberFormats.pct((double) distinct / count) + " of non-null)"));
    }
    if (num != null && Math.abs(num.skewness()) > o.skewThreshold()) {
      a.add(new Alert(name, AlertType.SKEWED, q + " is highly skewed (skewness "
          + String.format(Locale.ROOT, "%.2f", num.skewness()) + ")"));
    }
    if (num != null && count > 0 && num.zeros() == count) {
      a.add(new Alert(name, AlertType.ALL_ZEROS, q + " has only zeros"));
    }
    return a;
  }
}
