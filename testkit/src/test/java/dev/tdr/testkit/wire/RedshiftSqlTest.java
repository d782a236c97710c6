package dev.tdr.testkit.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RedshiftSqlTest {
  private static final Map<String, Set<String>> TABLES = Map.of(
      "raw_data", Set.of("clicks", "impressions", "probability_raw"),
      "t", Set.of("a", "b", "x"),
      "pg_catalog.pg_namespace", Set.of("oid", "nspname"),
      "pg_catalog.pg_class", Set.of("oid", "relname", "relnamespace"));
  private static final RelationColumns RELATIONS = r -> Optional.ofNullable(TABLES.get(r));

  private final RedshiftSql.Session session = new RedshiftSql.Session();

  private String rw(String sql) {
    return RedshiftSql.rewrite(sql, session, RELATIONS);
  }

  @Test
  void aLateralAliasIsInlinedAsRedshiftDocumentsIt() {
    assertThat(rw("select clicks / impressions as probability, round(100 * probability, 1) as percentage from raw_data"))
        .isEqualTo("select clicks / impressions as probability, round(100 * (clicks / impressions), 1) as percentage from raw_data");
  }

  @Test
  void chainsOfAliasesAndAliasesInWhere() {
    assertThat(rw("select a + 1 as p, p * 2 as q, q - p as r from t where q > 3"))
        .isEqualTo("select a + 1 as p, (a + 1) * 2 as q, ((a + 1) * 2) - (a + 1) as r from t where ((a + 1) * 2) > 3");
  }

  @Test
  void aColumnOfTheFromClauseTakesPriorityOverAnAlias() {
    assertThat(rw("select a + 1 as x, x as y from t")).isEqualTo("select a + 1 as x, x as y from t");
    assertThat(rw("select a as b, b from t where b > 1")).isEqualTo("select a as b, b from t where b > 1");
  }

  @Test
  void anUnknownRelationLeavesTheStatementToPostgres() {
    assertThat(rw("select a as p, p from nowhere")).isEqualTo("select a as p, p from nowhere");
  }

  @Test
  void theDriversMetadataShapes() {
    // redshift-jdbc42's getTables (LOCAL): select-list aliases in WHERE
    assertThat(rw("SELECT n.nspname AS TABLE_SCHEM, c.relname AS TABLE_NAME FROM pg_catalog.pg_namespace n, "
        + "pg_catalog.pg_class c WHERE c.relnamespace = n.oid AND TABLE_SCHEM LIKE 'public' AND TABLE_NAME LIKE 't%'"))
        .endsWith("WHERE c.relnamespace = n.oid AND (n.nspname) LIKE 'public' AND (c.relname) LIKE 't%'");
    // getColumns: a lateral alias after a CASE
    assertThat(rw("SELECT CASE WHEN c.relname = 'x' THEN 'YES' ELSE 'NO' END AS IS_AUTOINCREMENT, "
        + "IS_AUTOINCREMENT AS IS_GENERATEDCOLUMN FROM pg_catalog.pg_class c"))
        .contains(", (CASE WHEN c.relname = 'x' THEN 'YES' ELSE 'NO' END) AS IS_GENERATEDCOLUMN");
  }

  @Test
  void subqueriesAreScopesOfTheirOwn() {
    assertThat(rw("select (select max(a) as m from t) as top, top + 1 as next from t"))
        .isEqualTo("select (select max(a) as m from t) as top, ((select max(a) as m from t)) + 1 as next from t");
    assertThat(rw("select * from (select a as p, p + 1 as q from t) s where q > 1"))
        .isEqualTo("select * from (select a as p, (a) + 1 as q from t) s where q > 1");
  }

  @Test
  void quotedIdentifiersFoldUnlessTheSessionIsCaseSensitive() {
    assertThat(rw("select \"I\" from \"PUBLIC\".\"T\" as \"SQ_0\"")).isEqualTo("select \"i\" from \"public\".\"t\" as \"sq_0\"");
    assertThat(rw("select 'KEEP \"X\"' as \"Y\"")).isEqualTo("select 'KEEP \"X\"' as \"y\"");
    assertThat(rw("SET enable_case_sensitive_identifier TO true"))
        .isEqualTo("SET tdr.enable_case_sensitive_identifier TO 'on'");
    assertThat(session.caseSensitive()).isTrue();
    assertThat(rw("select \"I\" from \"T\"")).isEqualTo("select \"I\" from \"T\"");
    assertThat(rw("RESET enable_case_sensitive_identifier")).isEqualTo("RESET tdr.enable_case_sensitive_identifier");
    assertThat(session.caseSensitive()).isFalse();
    assertThat(rw("create user \"Bob\" password 'x'")).isEqualTo("create user \"Bob\" password 'x'");
  }

  @Test
  void settingsPostgresLacks() {
    assertThat(rw("SET readonly=1")).isEqualTo("SET default_transaction_read_only TO on");
    assertThat(rw("set query_group to 'etl'")).isEqualTo("SET tdr.query_group TO 'etl'");
    assertThat(rw("show enable_case_sensitive_identifier")).startsWith("SELECT CASE WHEN current_setting(");
    assertThat(rw("set enable_case_sensitive_identifier to maybe"))
        .startsWith("DO $tdr$ BEGIN RAISE EXCEPTION USING ERRCODE = '22023'")
        .contains("invalid value for parameter \"enable_case_sensitive_identifier\": \"maybe\"");
    assertThat(rw("set search_path to meta, public")).isEqualTo("set search_path to meta, public, tdr_redshift");
    assertThat(rw("set search_path = default")).isEqualTo("set search_path = default");
  }

  @Test
  void catalogNamesAndVersion() {
    assertThat(rw("select 1 from pg_catalog.svv_all_tables where table_name = $1"))
        .isEqualTo("select 1 from tdr_redshift.svv_all_tables where table_name = $1");
    assertThat(rw("SELECT * FROM PG_CATALOG.SVV_ALL_TABLES")).isEqualTo("SELECT * FROM tdr_redshift.SVV_ALL_TABLES");
    assertThat(rw("select pg_catalog.pg_class.oid from pg_catalog.pg_class"))
        .isEqualTo("select pg_catalog.pg_class.oid from pg_catalog.pg_class");
    assertThat(rw("select version()")).isEqualTo("select tdr_redshift.version()");
    assertThat(rw("select pg_catalog.version(), x.version() from x")).isEqualTo("select tdr_redshift.version(), x.version() from x");
  }

  @Test
  void aNumberAgainstAWordGetsASpace() {
    assertThat(rw("select case when a then 1WHEN b then 2 end, 1.5e3, x1 from t"))
        .isEqualTo("select case when a then 1 WHEN b then 2 end, 1.5e3, x1 from t");
  }

  @Test
  void aSeriesInsideCaseMovesTheCaseInside() {
    assertThat(rw("SELECT  CASE WHEN (proallargtypes IS NULL)  THEN generate_series(array_lower(proargnames, 1), "
        + "array_upper(proargnames, 1))-1 ELSE generate_series(array_lower(proargnames, 1), array_upper(proargnames, 1)+1)-1  "
        + "END AS pos FROM t"))
        .isEqualTo("SELECT  generate_series(array_lower(proargnames, 1), CASE WHEN (proallargtypes IS NULL) THEN "
            + "array_upper(proargnames, 1) ELSE array_upper(proargnames, 1)+1 END)-1 AS pos FROM t");
    // different starts or different text after the series: left alone
    String other = "select case when c then generate_series(1, 2) else generate_series(0, 2) end from t";
    assertThat(rw(other)).isEqualTo(other);
  }

  @Test
  void textThatDoesNotTokenizeIsPassedOn() {
    assertThat(rw("select 'unterminated")).isEqualTo("select 'unterminated");
  }
}
