package dev.tdr.testkit.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Redshift's DECIMAL result types, as the front writes them into the statement. */
class RedshiftDecimalsTest {
  private static final Map<String, Map<String, String>> TYPES = Map.of(
      "sales", Map.of("pricepaid", "numeric(8,2)", "commission", "numeric(8,2)", "qty", "integer",
          "rate", "numeric(12,4)"),
      "public.prices", Map.of("price", "numeric(12,2)", "qty", "bigint"));

  private static final RelationColumns RELATIONS = new RelationColumns() {
    @Override
    public Optional<Set<String>> columns(String relation) {
      return Optional.ofNullable(TYPES.get(relation)).map(Map::keySet);
    }

    @Override
    public Optional<Map<String, String>> columnTypes(String relation) {
      return Optional.ofNullable(TYPES.get(relation));
    }
  };

  private static String rw(String sql) {
    return RedshiftSql.rewrite(sql, RELATIONS);
  }

  @Test
  void sumAndAvgOfADecimalKeepItsScaleWithPrecision38() {
    assertThat(rw("select avg(price) from public.prices"))
        .isEqualTo("select CAST((tdr_redshift.avg(price)) AS numeric(38,2)) from public.prices");
    assertThat(rw("select sum(p.price) as total, count(*) from public.prices p"))
        .isEqualTo("select CAST((sum(p.price)) AS numeric(38,2)) as total, count(*) from public.prices p");
    assertThat(rw("select sum(distinct rate) r from sales"))
        .isEqualTo("select CAST((sum(distinct rate)) AS numeric(38,4)) r from sales");
    assertThat(rw("select avg(pricepaid) over (partition by qty) from sales"))
        .isEqualTo("select CAST((tdr_redshift.avg(pricepaid) over (partition by qty)) AS numeric(38,2)) from sales");
  }

  @Test
  void arithmeticFollowsTheComputationsPage() {
    // the documentation's own example: DECIMAL(8,2) / DECIMAL(8,2) is DECIMAL(17,9)
    assertThat(rw("select pricepaid / commission from sales"))
        .isEqualTo("select CAST((pricepaid / commission) AS numeric(17,9)) AS \"?column?\" from sales");
    assertThat(rw("select pricepaid + commission as s from sales"))
        .isEqualTo("select CAST((pricepaid + commission) AS numeric(9,2)) as s from sales");
    assertThat(rw("select pricepaid * commission as m from sales"))
        .isEqualTo("select CAST((pricepaid * commission) AS numeric(17,4)) as m from sales");
    assertThat(rw("select sum(pricepaid * 1.5) as m from sales"))
        .isEqualTo("select CAST((sum(pricepaid * 1.5)) AS numeric(38,3)) as m from sales");
    assertThat(rw("select 1.50 + 2.125")).isEqualTo("select CAST((1.50 + 2.125) AS numeric(5,3)) AS \"?column?\"");
    assertThat(rw("select cast(1 as decimal(12,2)) * 3.0::numeric(5,1)"))
        .isEqualTo("select CAST((cast(1 as decimal(12,2)) * 3.0::numeric(5,1)) AS numeric(18,3)) AS \"?column?\"");
  }

  @Test
  void precisionStopsAt38() {
    assertThat(RedshiftDecimals.combine("*", new RedshiftDecimals.Dec(30, 10), new RedshiftDecimals.Dec(20, 5)))
        .isEqualTo(new RedshiftDecimals.Dec(38, 15));
    assertThat(RedshiftDecimals.literal("0.5")).isEqualTo(new RedshiftDecimals.Dec(1, 1));
    assertThat(RedshiftDecimals.literal("12.50")).isEqualTo(new RedshiftDecimals.Dec(4, 2));
    assertThat(RedshiftDecimals.literal("12")).isNull();
    assertThat(RedshiftDecimals.literal("1.5e3")).isNull();
  }

  @Test
  void whatItCannotTypeStaysAsItIs() {
    for (String sql : new String[] {
        "select pricepaid * qty from sales", // an integer operand: not typed here
        "select round(pricepaid, 1) from sales",
        "select case when qty > 1 then pricepaid - commission end from sales",
        "select pricepaid from sales",
        "select tdr_redshift.avg(x) from unknown_table",
        "select * from sales",
        "select sum(price) from sales, public.prices", // price is only in prices, but typed from both
    }) {
      if (sql.contains("public.prices")) {
        assertThat(rw(sql)).isEqualTo("select CAST((sum(price)) AS numeric(38,2)) from sales, public.prices");
      } else {
        assertThat(rw(sql)).as(sql).isEqualTo(sql);
      }
    }
  }

  @Test
  void aDecimalWithoutPrecisionIsDecimal18Comma0() {
    assertThat(rw("select 2.5::numeric, cast(x as decimal) from t2"))
        .isEqualTo("select 2.5::numeric(18,0), cast(x as decimal(18,0)) from t2");
    assertThat(rw("create table t3 (a numeric, b decimal(10,2), numeric int)"))
        .isEqualTo("create table t3 (a numeric(18,0), b decimal(10,2), numeric int)");
    assertThat(rw("select 1 as numeric")).isEqualTo("select 1 as numeric");
  }
}
