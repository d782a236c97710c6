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

  /** A stand-in for the warehouse's describe: expressions that are column names of the FROM clause's table. */
  private static final RelationColumns RELATIONS = new RelationColumns() {
    @Override
    public Optional<Set<String>> columns(String relation) {
      return Optional.ofNullable(TYPES.get(relation)).map(Map::keySet);
    }

    @Override
    public Optional<java.util.List<String>> describe(String select) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("SELECT (.*?)(?: (?i:from) (\\S+).*)?").matcher(select);
      if (!m.matches()) {
        return Optional.empty();
      }
      Map<String, String> columns = m.group(2) == null ? Map.of() : TYPES.getOrDefault(m.group(2), Map.of());
      java.util.List<String> out = new java.util.ArrayList<>();
      for (String e : m.group(1).split(", ")) {
        String name = e.substring(e.lastIndexOf('.') + 1);
        out.add(e.equals("cast(2 as smallint)") ? "smallint" : columns.getOrDefault(name, "text"));
      }
      return Optional.of(out);
    }
  };

  private static String rw(String sql) {
    return RedshiftSql.rewrite(sql, RELATIONS);
  }

  @Test
  void sumAndAvgOfADecimalKeepItsScaleWithPrecision38() {
    assertThat(rw("select avg(price) from public.prices"))
        .isEqualTo("select CAST((trunc(tdr_redshift.avg(price), 2)) AS numeric(38,2)) AS \"avg\" from public.prices");
    assertThat(rw("select sum(p.price) as total, count(*) from public.prices p"))
        .isEqualTo("select CAST((sum(p.price)) AS numeric(38,2)) as total, count(*) from public.prices p");
    assertThat(rw("select sum(distinct rate) r from sales"))
        .isEqualTo("select CAST((sum(distinct rate)) AS numeric(38,4)) r from sales");
    assertThat(rw("select avg(pricepaid) over (partition by qty) from sales"))
        .isEqualTo("select CAST((trunc(tdr_redshift.avg(pricepaid) over (partition by qty), 2)) AS numeric(38,2)) AS \"avg\" from sales");
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
    assertThat(RedshiftDecimals.literal("12")).isEqualTo(RedshiftDecimals.Dec.integer(10));
    assertThat(RedshiftDecimals.literal("100000000000000000000")).isEqualTo(new RedshiftDecimals.Dec(21, 0));
    assertThat(RedshiftDecimals.literal("1.5e3")).isNull();
  }

  @Test
  void integersTakePartAsDecimalsWithoutPrecisionOfTheirOwn() {
    assertThat(rw("select pricepaid * qty from sales"))
        .isEqualTo("select CAST((pricepaid * qty) AS numeric(19,2)) AS \"?column?\" from sales");
    assertThat(rw("select cast(28.05 as decimal(8,2)) * cast(2 as smallint)"))
        .isEqualTo("select CAST((cast(28.05 as decimal(8,2)) * cast(2 as smallint)) AS numeric(14,2)) AS \"?column?\"");
    assertThat(rw("select qty * 2, qty + 1 as q, sum(qty) from sales")).isEqualTo("select qty * 2, qty + 1 as q, sum(qty) from sales");
    assertThat(rw("select round(pricepaid, 1), round(pricepaid), ceil(rate), mod(pricepaid, 4) from sales"))
        .isEqualTo("select CAST((round(pricepaid, 1)) AS numeric(7,1)), CAST((round(pricepaid)) AS numeric(7,0)), "
            + "CAST((ceil(rate)) AS numeric(9,0)), CAST((mod(pricepaid, 4)) AS numeric(10,2)) from sales");
  }

  @Test
  void whatItCannotTypeStaysAsItIs() {
    for (String sql : new String[] {
        "select round(note, 1) from sales",
        "select case when qty > 1 then pricepaid - commission end from sales",
        "select pricepaid from sales",
        "select tdr_redshift.avg(x) from unknown_table",
        "select * from sales",
    }) {
      assertThat(rw(sql)).as(sql).isEqualTo(sql);
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
