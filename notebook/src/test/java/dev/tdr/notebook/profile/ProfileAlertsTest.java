package dev.tdr.notebook.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdr.notebook.ValueKind;
import java.util.ArrayList;
import java.util.List;
import org.dflib.DataFrame;
import org.dflib.Series;
import org.junit.jupiter.api.Test;

class ProfileAlertsTest {

  private static List<AlertType> types(ColumnProfile c) {
    return c.alerts().stream().map(Alert::type).toList();
  }

  private static ColumnProfile col(Profile p, String name) {
    return p.column(name).orElseThrow();
  }

  @Test
  void columnAlerts() {
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      many.add("s" + i);
    }
    many.add("s0"); // 12 values, 11 distinct: 11/12 > 0.5 and not unique
    Series<Object> nulls = Series.of(new Object[12]);
    DataFrame df = DataFrame.byColumn("empty", "const", "id", "sparse", "names", "zeros", "skewed", "plain")
        .of(nulls,
            Series.ofIterable(java.util.Collections.nCopies(12, "x")),
            Series.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12),
            Series.of(1, null, null, null, null, null, null, 2, 3, 4, 5, 6), // 6/12 missing = 0.5
            Series.ofIterable(many),
            Series.of(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null),
            Series.of(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1000),
            Series.of(1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3));
    Profile p = Profile.of(df);

    assertThat(col(p, "empty").kind()).isEqualTo(ValueKind.NULL);
    assertThat(types(col(p, "empty"))).containsExactly(AlertType.ALL_MISSING);
    assertThat(col(p, "empty").numeric()).isNull();
    assertThat(types(col(p, "const"))).containsExactly(AlertType.CONSTANT);
    assertThat(col(p, "const").alerts().get(0).message()).contains("\"x\"");
    assertThat(types(col(p, "id"))).containsExactly(AlertType.UNIQUE);
    assertThat(types(col(p, "sparse"))).containsExactly(AlertType.MOSTLY_MISSING);
    assertThat(types(col(p, "names"))).containsExactly(AlertType.HIGH_CARDINALITY);
    assertThat(types(col(p, "zeros"))).containsExactly(AlertType.CONSTANT, AlertType.ALL_ZEROS);
    assertThat(types(col(p, "skewed"))).containsExactly(AlertType.SKEWED);
    assertThat(col(p, "skewed").numeric().skewness()).isGreaterThan(2);
    assertThat(types(col(p, "plain"))).isEmpty();

    // all alerts in column order; no duplicate rows here (id differs)
    assertThat(p.alerts()).extracting(Alert::column)
        .containsExactly("empty", "const", "id", "sparse", "names", "zeros", "zeros", "skewed");
    assertThat(p.table().duplicateRows()).isZero();
  }

  @Test
  void rulesAtTheirEdges() {
    // one row: neither CONSTANT nor UNIQUE
    Profile one = Profile.of(DataFrame.byColumn("a").of(Series.of("x")));
    assertThat(one.alerts()).isEmpty();
    // unique values but a null: not UNIQUE
    Profile withNull = Profile.of(DataFrame.byColumn("a").of(Series.of(1, 2, null)));
    assertThat(types(withNull.columns().get(0))).doesNotContain(AlertType.UNIQUE);
    // 10 distinct strings of 10: UNIQUE, and count <= 10 means no HIGH_CARDINALITY anyway
    Profile ten = Profile.of(DataFrame.byColumn("a").of(Series.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j")));
    assertThat(types(ten.columns().get(0))).containsExactly(AlertType.UNIQUE);
    // 1/3 missing < 0.5
    Profile third = Profile.of(DataFrame.byColumn("a").of(Series.of(1, null, 2)));
    assertThat(third.alerts()).isEmpty();
    // a custom mostlyMissingRatio
    Profile strict = Profile.of(DataFrame.byColumn("a").of(Series.of(1, null, 2)),
        new ProfileOptions(5, 20, 0.5, 0.3, 2));
    assertThat(types(strict.columns().get(0))).containsExactly(AlertType.MOSTLY_MISSING);
  }

  @Test
  void duplicateRowsIncludingNullsAndBytes() {
    DataFrame df = DataFrame.foldByRow("a", "b", "c").of(
        1, "x", new byte[] {1, 2},
        1, "x", new byte[] {1, 2}, // duplicate of row 0 (byte[] by content)
        null, null, null,
        null, null, null, // duplicate of row 2: null equals null
        2, "x", new byte[] {1, 2},
        1, "y", new byte[] {1, 2},
        1, "x", new byte[] {1, 3},
        null, null, null); // duplicate of row 2 again
    Profile p = Profile.of(df);
    assertThat(p.table().duplicateRows()).isEqualTo(3);
    assertThat(p.alerts().get(0).type()).isEqualTo(AlertType.DUPLICATE_ROWS);
    assertThat(p.alerts().get(0).column()).isNull();
    assertThat(p.alerts().get(0).message()).contains("3 (37.5%)"); // 3 of 8
  }

  @Test
  void duplicateRowsCompareNumbersByValue() {
    DataFrame df = DataFrame.byColumn("a").of(Series.of(new java.math.BigDecimal("1.0"), new java.math.BigDecimal("1.00"),
        new java.math.BigDecimal("2")));
    assertThat(Profile.of(df).table().duplicateRows()).isEqualTo(1);
    DataFrame none = DataFrame.byColumn("a", "b").of(Series.of(1, 2, 3), Series.of("a", "a", "a"));
    assertThat(Profile.of(none).table().duplicateRows()).isZero();
    assertThat(Profile.of(none).alerts()).extracting(Alert::type).doesNotContain(AlertType.DUPLICATE_ROWS);
  }

  @Test
  void duplicateRowsOfAGrid() {
    // (x, y) for x, y in 0..299, then every 7th row again: 90,000 distinct rows + 12,858 repeats
    List<Object> cells = new ArrayList<>();
    for (int x = 0; x < 300; x++) {
      for (int y = 0; y < 300; y++) {
        cells.add(x);
        cells.add((long) y);
      }
    }
    int repeats = 0;
    for (int i = 0; i < 90_000; i += 7) {
      cells.add(cells.get(2 * i));
      cells.add(cells.get(2 * i + 1));
      repeats++;
    }
    assertThat(repeats).isEqualTo(12_858); // ceil(90000 / 7)
    DataFrame df = DataFrame.foldByRow("x", "y").of(cells.toArray());
    assertThat(Profile.of(df).table().duplicateRows()).isEqualTo(12_858);
  }

  @Test
  void emptyFramesDoNotThrow() {
    Profile noRows = Profile.of(DataFrame.empty("a", "b"));
    assertThat(noRows.table()).isEqualTo(new TableSummary(0, 2, 0, 0, 0, 0));
    assertThat(noRows.columns()).hasSize(2);
    assertThat(noRows.columns().get(0).kind()).isEqualTo(ValueKind.NULL);
    assertThat(noRows.alerts()).isEmpty();
    assertThat(noRows.toHtml()).contains("tdr-profile");
    assertThat(noRows.toText()).contains("0 rows");
    assertThat(noRows.toJson()).contains("\"rows\":0");

    Profile noColumns = Profile.of(DataFrame.empty());
    assertThat(noColumns.table().columns()).isZero();
    assertThat(noColumns.columns()).isEmpty();
    assertThat(noColumns.toHtml()).contains("tdr-profile");
    assertThat(noColumns.toText()).contains("0 columns");
    assertThat(noColumns.toMap()).containsKeys("table", "alerts", "columns", "options");
  }

  @Test
  void optionsAreValidated() {
    assertThat(ProfileOptions.defaults()).isEqualTo(new ProfileOptions(5, 20, 0.5, 0.5, 2));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ProfileOptions(5, 0, 0.5, 0.5, 2))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ProfileOptions(-1, 20, 0.5, 0.5, 2))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
