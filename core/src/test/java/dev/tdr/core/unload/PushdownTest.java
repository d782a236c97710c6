package dev.tdr.core.unload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdr.core.Column;
import dev.tdr.core.ColumnType;
import dev.tdr.core.sql.Predicate;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SELECT the engine writes for a pushdown, and the predicates' own rules. */
class PushdownTest {
  private static Column col(String name, ColumnType type) {
    return new Column(name, type, 0, 0, type.name().toLowerCase());
  }

  private static final Column ID = col("id", ColumnType.INTEGER);
  private static final Column LABEL = col("label", ColumnType.VARCHAR);
  private static final Column CODE = col("code", ColumnType.CHAR);
  private static final Column DOC = col("doc", ColumnType.SUPER);

  @Test
  void nothingPushedIsTheQueryAsWritten() {
    assertThat(Pushdown.NONE.sql("select 1 ; -- done")).isEqualTo("select 1");
    assertThat(Pushdown.NONE.isNone()).isTrue();
  }

  @Test
  void columnsFiltersAndLimitWrapTheQuery() {
    Pushdown p = Pushdown.NONE.select(List.of("id", "Odd \"x\""))
        .where(Predicate.compare(ID, Predicate.Op.GE, 10))
        .where(Predicate.startsWith(LABEL, "it's"))
        .limit(5);
    assertThat(p.sql("select * from t;")).isEqualTo("SELECT \"id\", \"Odd \"\"x\"\"\" FROM (\nselect * from t\n) AS tdr_src"
        + " WHERE \"id\" >= 10 AND LEFT(\"label\", 4) = 'it''s' LIMIT 5");
  }

  @Test
  void noColumnsReadsOneConstantPerRow() {
    assertThat(new Pushdown(List.of(), List.of(), null).sql("select a from t"))
        .isEqualTo("SELECT 1 AS tdr_row FROM (\nselect a from t\n) AS tdr_src");
  }

  @Test
  void allColumnsWithAFilterKeepsStar() {
    assertThat(Pushdown.NONE.where(Predicate.isNull(ID, "id", true)).sql("select a from t"))
        .isEqualTo("SELECT * FROM (\nselect a from t\n) AS tdr_src WHERE \"id\" IS NOT NULL");
  }

  @Test
  void predicatesThatCannotBeExactAreNull() {
    assertThat(Predicate.compare(CODE, Predicate.Op.GT, "a")).isNull();
    assertThat(Predicate.compare(CODE, Predicate.Op.EQ, "a").sql()).isEqualTo("\"code\" = 'a'");
    assertThat(Predicate.compare(DOC, Predicate.Op.EQ, "x")).isNull();
    assertThat(Predicate.compare(ID, null, Predicate.Op.EQ, 1)).isNull();
    assertThat(Predicate.compare(ID, Predicate.Op.EQ, 1.5)).isNull();
    assertThat(Predicate.compare(col("r", ColumnType.DOUBLE), Predicate.Op.EQ, Double.NaN)).isNull();
    assertThat(Predicate.in(ID, "id", java.util.Arrays.asList(1, null))).isNull();
    assertThat(Predicate.text(CODE, "code", Predicate.Match.CONTAINS, "a")).isNull();
    assertThat(Predicate.and(Predicate.compare(ID, Predicate.Op.EQ, 1), null)).isNull();
    assertThat(Predicate.not(null)).isNull();
    assertThatThrownBy(() -> Pushdown.NONE.where(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("cannot be pushed");
  }

  @Test
  void literalsAreTyped() {
    assertThat(Predicate.in(col("d", ColumnType.DATE), "d", List.of(LocalDate.of(2024, 2, 29))).sql())
        .isEqualTo("\"d\" IN (CAST('2024-02-29' AS DATE))");
    assertThat(Predicate.in(ID, "id", List.of()).sql()).isEqualTo("FALSE");
    assertThat(Predicate.or(Predicate.compare(col("a", ColumnType.DECIMAL), Predicate.Op.LT, new BigDecimal("1.50")),
        Predicate.not(Predicate.text(LABEL, "label", Predicate.Match.ENDS, "日本"))).sql())
        .isEqualTo("(\"a\" < 1.50 OR (NOT RIGHT(\"label\", 2) = '日本'))");
  }
}
