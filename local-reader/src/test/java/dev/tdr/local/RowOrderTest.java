package dev.tdr.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdr.core.Column;
import dev.tdr.core.ColumnType;
import dev.tdr.core.Schema;
import dev.tdr.core.csv.RowSink;
import dev.tdr.core.read.Columns;
import dev.tdr.core.unload.SortKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowOrderTest {
  private static final Schema SCHEMA = new Schema(List.of(
      new Column("s", ColumnType.VARCHAR, 0, 0, "varchar"),
      new Column("d", ColumnType.DOUBLE, 0, 0, "float8")));

  private static Columns store(Object[][] rows) {
    Columns st = new Columns(SCHEMA, rows.length);
    for (int r = 0; r < rows.length; r++) {
      RowSink sink = st.rowSink(r, rows.length);
      if (rows[r][0] == null) {
        sink.nullValue(0);
      } else {
        sink.stringValue(0, (String) rows[r][0]);
      }
      if (rows[r][1] == null) {
        sink.nullValue(1);
      } else {
        sink.doubleValue(1, (Double) rows[r][1]);
      }
      sink.endRow();
    }
    return st;
  }

  @Test
  void stringsSortByUtf8BytesNotUtf16() {
    // U+FF21 (fullwidth A) is above U+D83D in UTF-16 units but below U+1F600 in code points
    Object[][] rows = {{"😀", 1.0}, {"Ａ", 2.0}, {"a", 3.0}, {"B", 4.0}, {null, 5.0}};
    Columns st = store(rows);
    assertThat(RowOrder.permutation(st, SCHEMA, 5, List.of(new SortKey(0, false, false))))
        .containsExactly(3, 2, 1, 0, 4);
    assertThat(RowOrder.permutation(st, SCHEMA, 5, List.of(new SortKey(0, true, true))))
        .containsExactly(4, 0, 1, 2, 3);
    byte[] a = "Ａ".getBytes(StandardCharsets.UTF_8);
    byte[] b = "😀".getBytes(StandardCharsets.UTF_8);
    assertThat(java.util.Arrays.compareUnsigned(a, b)).isNegative();
  }

  @Test
  void numbersSortLikeRedshift() {
    Object[][] rows = {{"x", Double.NaN}, {"x", 1.0}, {"x", null}, {"x", Double.NEGATIVE_INFINITY}, {"x", -0.0}, {"x", 0.0}};
    Columns st = store(rows);
    int[] asc = RowOrder.permutation(st, SCHEMA, 6, List.of(new SortKey(1, false, false)));
    assertThat(asc).containsExactly(3, 4, 5, 1, 0, 2); // -inf, -0.0 = 0.0 (stable), 1, NaN, NULL last
    int[] descNullsLast = RowOrder.permutation(st, SCHEMA, 6, List.of(new SortKey(1, true, false)));
    assertThat(descNullsLast).containsExactly(0, 1, 4, 5, 3, 2);
  }

  @Test
  void stableForTiesAndMultipleKeys() {
    Object[][] rows = new Object[100][];
    for (int i = 0; i < 100; i++) {
      rows[i] = new Object[] {i % 2 == 0 ? "even" : "odd", (double) (i % 3)};
    }
    int[] p = RowOrder.permutation(store(rows), SCHEMA, 100,
        List.of(new SortKey(0, false, false), new SortKey(1, true, false)));
    assertThat(p[0]).isEqualTo(2);   // "even", 2.0, first such row
    assertThat(p[99]).isEqualTo(99); // "odd", 0.0, last such row
    for (int i = 1; i < 100; i++) {
      String s0 = (String) rows[p[i - 1]][0];
      String s1 = (String) rows[p[i]][0];
      assertThat(s0.compareTo(s1)).isLessThanOrEqualTo(0);
    }
  }

  @Test
  void memoryEstimateRefusesWhatCannotFit() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> MemoryEstimate.check(SCHEMA, 2_000_000_000L, 900L << 30, false))
        .isInstanceOf(dev.tdr.core.ResultTooLargeException.class)
        .hasMessageContaining("Spark").hasMessageContaining("TDR_LOCAL_THRESHOLD").hasMessageContaining("-Xmx");
  }
}
