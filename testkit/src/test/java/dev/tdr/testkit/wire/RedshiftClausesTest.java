package dev.tdr.testkit.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** QUALIFY, PIVOT and UNPIVOT as the front writes them for PostgreSQL (end to end: the conformance corpus). */
class RedshiftClausesTest {
  private static final RelationColumns RELATIONS = new RelationColumns() {
    @Override
    public Optional<Set<String>> columns(String relation) {
      return Optional.empty();
    }

    @Override
    public Optional<List<String>> columnNames(String select) {
      if (select.startsWith("select id, day")) {
        return Optional.of(List.of("id", "day"));
      }
      if (select.equals("SELECT * FROM parts AS tdr_src")) {
        return Optional.of(List.of("partname", "manufacturer", "price"));
      }
      if (select.equals("SELECT * FROM colors AS tdr_src")) {
        return Optional.of(List.of("quality", "red", "green"));
      }
      return Optional.empty();
    }
  };

  @Test
  void qualifyFiltersASubqueryOnTheConditionAndKeepsTheOrderInsideAndTheLimitOutside() {
    assertThat(RedshiftClauses.rewrite("select id, day from t where id > 0 qualify row_number() over (partition by day "
        + "order by id) = 1 order by day limit 5", RELATIONS))
        .isEqualTo("SELECT tdr_c1 AS \"id\", tdr_c2 AS \"day\" FROM (select id, day, (row_number() over (partition by day "
            + "order by id) = 1) AS tdr_qualify from t where id > 0 order by day) AS tdr_q(tdr_c1, tdr_c2, tdr_qualify) "
            + "WHERE tdr_q.tdr_qualify limit 5");
  }

  @Test
  void pivotGroupsByTheOtherColumnsWithOneFilteredAggregatePerValue() {
    assertThat(RedshiftClauses.rewrite("select * from parts pivot (avg(price) for partname in ('prop', 'wing' as w))",
        RELATIONS)).isEqualTo("select * from (SELECT \"manufacturer\", avg(price) FILTER (WHERE partname IS NOT "
            + "DISTINCT FROM 'prop') AS \"prop\", avg(price) FILTER (WHERE partname IS NOT DISTINCT FROM 'wing') AS \"w\" "
            + "FROM parts AS tdr_src GROUP BY \"manufacturer\") AS tdr_pivot");
  }

  @Test
  void unpivotJoinsARowPerListedColumnAndDropsNulls() {
    assertThat(RedshiftClauses.rewrite("select * from colors unpivot (cnt for color in (red, green as g))", RELATIONS))
        .isEqualTo("select * from (SELECT tdr_src.\"quality\", tdr_u.color, tdr_u.cnt FROM colors AS tdr_src CROSS JOIN "
            + "LATERAL (VALUES ('red', tdr_src.\"red\"), ('g', tdr_src.\"green\")) AS tdr_u(color, cnt) WHERE tdr_u.cnt "
            + "IS NOT NULL) AS tdr_unpivot");
  }

  @Test
  void whatCannotBeDescribedIsLeftForPostgreSqlToRefuse() {
    String sql = "select a from unknown_table qualify row_number() over () = 1";
    assertThat(RedshiftClauses.rewrite(sql, RELATIONS)).isSameAs(sql);
    assertThat(RedshiftClauses.rewrite("select 'qualify' as q", RELATIONS)).isEqualTo("select 'qualify' as q");
  }
}
