package dev.tdr.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What clients written for Redshift by other people send: redshift-jdbc42's DatabaseMetaData
 * (DBeaver, dbt), the catalog names redshift_connector, AWS SDK for pandas and Trino query,
 * spark-redshift's quoted upper-case identifiers, lateral column aliases, version().
 */
@ExtendWith(RedshiftEmulatorExtension.class)
class ThirdPartyClientsIT {

  @BeforeAll
  static void fixture(RedshiftEmulator emu) throws Exception {
    try (Connection c = Clients.redshift(emu); Statement s = c.createStatement()) {
      s.execute("drop schema if exists meta_it cascade");
      s.execute("create schema meta_it");
      s.execute("create table meta_it.parent (id integer primary key, name varchar(50) not null, "
          + "price numeric(10,2), created timestamp)");
      s.execute("comment on table meta_it.parent is 'The parents'");
      s.execute("comment on column meta_it.parent.name is 'Display name'");
      s.execute("create table meta_it.child (id bigint, parent_id integer references meta_it.parent(id))");
      s.execute("create view meta_it.parent_names as select id, name from meta_it.parent");
      s.execute("insert into meta_it.parent values (1, 'one', 1.50, '2026-01-02 03:04:05'), (2, 'two', null, null)");
      s.execute("create function meta_it.twice(x integer) returns integer language sql immutable as 'select x * 2'");
      s.execute("create procedure meta_it.touch(x integer) language sql as 'select 1'");
    }
  }

  private static Map<String, Object> row(Object... keyValues) {
    Map<String, Object> m = new TreeMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], keyValues[i + 1]);
    }
    return m;
  }

  private static List<Map<String, Object>> rows(ResultSet rs, String... columns) throws SQLException {
    List<Map<String, Object>> out = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        Map<String, Object> row = new TreeMap<>();
        for (String c : columns) {
          row.put(c, rs.getObject(c));
        }
        out.add(row);
      }
    }
    return out;
  }

  /** Every row of {@code sql}, each value as the driver's getObject gives it. */
  private static List<List<Object>> objects(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      List<List<Object>> out = new ArrayList<>();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(rs.getObject(i));
        }
        out.add(row);
      }
      return out;
    }
  }

  private static List<Object> column(ResultSet rs, String column) throws SQLException {
    List<Object> out = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        out.add(rs.getObject(column));
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- redshift-jdbc42 DatabaseMetaData

  @Test
  void theDriverIdentifiesTheServerAsRedshift(RedshiftEmulator emu) throws Exception {
    try (Connection c = Clients.redshift(emu)) {
      DatabaseMetaData md = c.getMetaData();
      assertThat(md.getDatabaseProductName()).isEqualTo("Redshift");
      assertThat(md.getDatabaseProductVersion()).isEqualTo("8.0.2");
      assertThat(objects(c, "select version()").get(0).get(0).toString())
          .matches("PostgreSQL 8\\.0\\.2 on i686-pc-linux-gnu, compiled by GCC .*, Redshift 1\\.0\\.\\d+");
      assertThat(objects(c, "select pg_catalog.version() like '%Redshift%'")).containsExactly(List.of(true));
    }
  }

  @Test
  void getTablesInEveryShapeTheDriverSends(RedshiftEmulator emu) throws Exception {
    try (Connection c = Clients.redshift(emu)) {
      DatabaseMetaData md = c.getMetaData();
      String[] cols = {"TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE", "REMARKS"};
      // a schema pattern: the probe of svv_external_schemas, then pg_catalog with aliases in WHERE
      String[] tablesAndViews = {"TABLE", "VIEW"};
      assertThat(rows(md.getTables(null, "meta_it", "%", tablesAndViews), cols))
          .filteredOn(m -> List.of("child", "parent", "parent_names").contains(m.get("TABLE_NAME")))
          .containsExactly(
              row("TABLE_CAT", "dev", "TABLE_SCHEM", "meta_it", "TABLE_NAME", "child", "TABLE_TYPE", "TABLE",
                  "REMARKS", null),
              row("TABLE_CAT", "dev", "TABLE_SCHEM", "meta_it", "TABLE_NAME", "parent", "TABLE_TYPE", "TABLE",
                  "REMARKS", "The parents"),
              row("TABLE_CAT", "dev", "TABLE_SCHEM", "meta_it", "TABLE_NAME", "parent_names", "TABLE_TYPE",
                  "VIEW", "REMARKS", null));
      assertThat(column(md.getTables(null, "meta_it", "par%", new String[] {"VIEW"}), "TABLE_NAME"))
          .containsExactly("parent_names");
      // no schema pattern: svv_tables
      assertThat(column(md.getTables(null, null, "parent%", new String[] {"TABLE", "VIEW"}), "TABLE_NAME"))
          .containsExactly("parent", "parent_names");
      assertThat(column(md.getTables("dev", "meta_it", "parent", null), "TABLE_TYPE")).containsExactly("TABLE");
    }
  }

  @Test
  void getColumnsWithTypesNullabilityAndRemarks(RedshiftEmulator emu) throws Exception {
    try (Connection c = Clients.redshift(emu)) {
      DatabaseMetaData md = c.getMetaData();
      String[] cols = {"COLUMN_NAME", "DATA_TYPE", "TYPE_NAME", "COLUMN_SIZE", "DECIMAL_DIGITS", "NULLABLE",
          "REMARKS", "ORDINAL_POSITION", "IS_NULLABLE", "IS_AUTOINCREMENT", "IS_GENERATEDCOLUMN"};
      for (String schema : Arrays.asList("meta_it", null)) { // pg_catalog, then svv_columns
        List<Map<String, Object>> got = rows(md.getColumns(null, schema, "parent", null), cols);
        assertThat(got).extracting(m -> m.get("COLUMN_NAME")).containsExactly("id", "name", "price", "created");
        assertThat(got).extracting(m -> ((Number) m.get("DATA_TYPE")).intValue())
            .containsExactly(Types.INTEGER, Types.VARCHAR, Types.NUMERIC, Types.TIMESTAMP);
        assertThat(got.get(1)).containsEntry("COLUMN_SIZE", 50).containsEntry("REMARKS", "Display name")
            .containsEntry("IS_NULLABLE", "NO").containsEntry("NULLABLE", 0);
        assertThat(got.get(2)).containsEntry("COLUMN_SIZE", 10).containsEntry("DECIMAL_DIGITS", 2)
            .containsEntry("IS_NULLABLE", "YES");
        assertThat(got).extracting(m -> m.get("IS_AUTOINCREMENT")).containsOnly("NO");
        assertThat(got).extracting(m -> m.get("IS_GENERATEDCOLUMN")).containsOnly("NO");
        assertThat(got).extracting(m -> ((Number) m.get("ORDINAL_POSITION")).intValue()).containsExactly(1, 2, 3, 4);
      }
      assertThat(column(md.getColumns(null, "meta_it", "parent_names", "na%"), "COLUMN_NAME")).containsExactly("name");
    }
  }

  @Test
  void keysSchemasCatalogsTypesFunctionsAndProcedures(RedshiftEmulator emu) throws Exception {
    try (Connection c = Clients.redshift(emu)) {
      DatabaseMetaData md = c.getMetaData();
      assertThat(rows(md.getPrimaryKeys(null, "meta_it", "parent"), "COLUMN_NAME", "KEY_SEQ"))
          .extracting(m -> m.get("COLUMN_NAME") + "/" + m.get("KEY_SEQ")).containsExactly("id/1");
      assertThat(rows(md.getImportedKeys(null, "meta_it", "child"), "PKTABLE_NAME", "PKCOLUMN_NAME", "FKCOLUMN_NAME"))
          .containsExactly(Map.of("PKTABLE_NAME", "parent", "PKCOLUMN_NAME", "id", "FKCOLUMN_NAME", "parent_id"));
      assertThat(column(md.getExportedKeys(null, "meta_it", "parent"), "FKTABLE_NAME")).containsExactly("child");
      assertThat(column(md.getSchemas(null, "meta%"), "TABLE_SCHEM")).containsExactly("meta_it");
      assertThat(column(md.getSchemas(), "TABLE_SCHEM")).contains("meta_it", "public");
      assertThat(column(md.getCatalogs(), "TABLE_CAT")).containsExactly("dev");
      assertThat(column(md.getTableTypes(), "TABLE_TYPE")).contains("TABLE", "VIEW");
      assertThat(column(md.getFunctions(null, "meta_it", "%"), "FUNCTION_NAME")).containsExactly("twice");
      assertThat(column(md.getProcedures(null, "meta_it", "%"), "PROCEDURE_NAME")).contains("touch");
      assertThat(column(md.getTypeInfo(), "TYPE_NAME")).contains("int4", "varchar");
      assertThat(column(md.getTablePrivileges(null, "meta_it", "parent"), "PRIVILEGE")).contains("SELECT");
      assertThat(column(md.getColumnPrivileges(null, "meta_it", "parent", "na%"), "COLUMN_NAME")).contains("name");
      assertThat(column(md.getCrossReference(null, "meta_it", "parent", null, "meta_it", "child"), "FKCOLUMN_NAME"))
          .containsExactly("parent_id");
      assertThat(column(md.getFunctionColumns(null, "meta_it", "twice", "%"), "COLUMN_NAME")).contains("x");
      assertThat(column(md.getProcedureColumns(null, "meta_it", "touch", "%"), "COLUMN_NAME")).contains("x");
      assertThat(column(md.getIndexInfo(null, "meta_it", "parent", false, false), "INDEX_NAME")).isEmpty();
      assertThat(column(md.getBestRowIdentifier(null, "meta_it", "parent", DatabaseMetaData.bestRowSession, true),
          "COLUMN_NAME")).containsExactly("id");
    }
  }

  // ---------------------------------------------------------------- catalog names clients query

  @Test
  void theCatalogNamesClientsQueryIncludingUnderPgCatalog(RedshiftEmulator emu) throws Exception {
    try (Connection c = Clients.redshift(emu)) {
      // redshift_connector's write_dataframe and insert_data_bulk probes
      assertThat(objects(c, "select 1 from pg_catalog.svv_all_tables where table_name = 'parent' "
          + "and schema_name = 'meta_it'")).containsExactly(List.of(1));
      assertThat(objects(c, "select table_type from PG_CATALOG.SVV_ALL_TABLES where schema_name = 'meta_it' "
          + "order by table_name")).containsExactly(List.of("TABLE"), List.of("TABLE"), List.of("VIEW"));
      assertThat(objects(c, "select 1 from pg_catalog.svv_all_columns where table_name = 'parent' "
          + "and column_name = 'price' and schema_name = 'meta_it'")).containsExactly(List.of(1));
      assertThat(objects(c, "select count(*) from svv_external_schemas")).containsExactly(List.of(0L));
      assertThat(objects(c, "select count(*) from pg_catalog.svv_external_tables")).containsExactly(List.of(0L));
      assertThat(objects(c, "select schema_type from svv_all_schemas where schema_name = 'meta_it'"))
          .containsExactly(List.of("local"));
      assertThat(objects(c, "select database_name from pg_catalog.svv_redshift_databases"))
          .containsExactly(List.of("dev"));
      assertThat(objects(c, "select p.proname, p.prokind from pg_catalog.pg_proc_info p "
          + "join pg_namespace n on p.pronamespace = n.oid where n.nspname = 'meta_it' order by 1"))
          .containsExactly(List.of("touch", "p"), List.of("twice", "f"));
      assertThat(objects(c, "select \"table\", tbl_rows, diststyle from svv_table_info where schema = 'meta_it'"))
          .containsExactly(List.of("parent", new java.math.BigDecimal("2"), "AUTO(EVEN)")); // empty tables have no row
      try (Statement s = c.createStatement()) {
        s.execute("set search_path to meta_it, public");
        assertThat(objects(c, "select tablename, \"column\", type, \"notnull\" from pg_table_def "
            + "where tablename = 'parent' order by 2")).containsExactly(
                List.of("parent", "created", "timestamp without time zone", false),
                List.of("parent", "id", "integer", true),
                List.of("parent", "name", "character varying(50)", true),
                List.of("parent", "price", "numeric(10,2)", false));
        s.execute("reset search_path");
      }
    }
  }

  @Test
  void stlUnloadLogAndPgLastQueryIdAsTrinoReadsThem(RedshiftEmulator emu) throws Exception {
    try (Connection c = Clients.redshift(emu); Statement s = c.createStatement()) {
      assertThat(objects(c, "select pg_last_query_id()")).containsExactly(List.of(-1));
      String prefix = emu.newTempPrefix();
      s.execute("UNLOAD ('select * from meta_it.parent') TO '" + prefix + "' IAM_ROLE DEFAULT "
          + "FORMAT CSV MANIFEST VERBOSE");
      List<List<Object>> log = objects(c, "select trim(path), line_count, transfer_size > 0, slice, "
          + "pid = pg_backend_pid(), start_time <= end_time from stl_unload_log where query = pg_last_query_id() "
          + "order by path");
      assertThat(log).extracting(r -> ((String) r.get(0)).startsWith(prefix)).containsOnly(true);
      assertThat(log).isNotEmpty(); // one row per file written
      assertThat(log.stream().mapToLong(r -> ((Number) r.get(1)).longValue()).sum()).isEqualTo(2);
      assertThat(log).extracting(r -> r.get(4)).containsOnly(true);
      int first = (Integer) objects(c, "select pg_catalog.pg_last_query_id()").get(0).get(0);
      s.execute("UNLOAD ('select 1') TO '" + emu.newTempPrefix() + "' IAM_ROLE DEFAULT");
      assertThat((Integer) objects(c, "select pg_last_query_id()").get(0).get(0)).isGreaterThan(first);
    }
  }

  // ---------------------------------------------------------------- identifiers, aliases, settings

  @Test
  void quotedIdentifiersFoldToLowerCaseUnlessCaseSensitivityIsOn(RedshiftEmulator emu) throws Exception {
    try (Connection c = Clients.redshift(emu); Statement s = c.createStatement()) {
      s.execute("create table \"META_IT\".\"MixedCase\" (\"MixedCol\" int)");
      s.execute("insert into meta_it.mixedcase values (7)");
      try (ResultSet rs = s.executeQuery("select \"MixedCol\" from \"META_IT\".\"MIXEDCASE\"")) {
        assertThat(rs.getMetaData().getColumnLabel(1)).isEqualTo("mixedcol");
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(7);
      }
      // spark-redshift's pushdown SQL
      assertThat(objects(c, "SELECT ( \"SQ_0\".\"MIXEDCOL\" ) AS \"SQ_1\" FROM ( SELECT * FROM "
          + "\"META_IT\".\"MIXEDCASE\" AS \"RS_CONNECTOR_QUERY_ALIAS\" ) AS \"SQ_0\"")).containsExactly(List.of(7));
      // and inside an UNLOAD
      String prefix = emu.newTempPrefix();
      s.execute("UNLOAD ('SELECT \"MIXEDCOL\" FROM \"META_IT\".\"MIXEDCASE\"') TO '" + prefix
          + "' IAM_ROLE DEFAULT FORMAT CSV PARALLEL OFF");
      try (var s3 = Clients.s3(emu)) {
        assertThat(Clients.text(s3, emu.bucket(), Clients.key(prefix) + "000")).isEqualTo("7\n");
      }

      assertThat(objects(c, "show enable_case_sensitive_identifier")).containsExactly(List.of("off"));
      s.execute("SET enable_case_sensitive_identifier TO true");
      assertThat(objects(c, "show enable_case_sensitive_identifier")).containsExactly(List.of("on"));
      s.execute("create table meta_it.\"CaseKept\" (\"Ab\" int)");
      try (ResultSet rs = s.executeQuery("select \"Ab\" from meta_it.\"CaseKept\"")) {
        assertThat(rs.getMetaData().getColumnLabel(1)).isEqualTo("Ab");
      }
      assertThatThrownBy(() -> s.executeQuery("select \"AB\" from meta_it.\"CaseKept\""))
          .hasMessageContaining("does not exist");
      s.execute("RESET enable_case_sensitive_identifier");
      assertThatThrownBy(() -> s.executeQuery("select \"Ab\" from meta_it.\"CaseKept\""))
          .hasMessageContaining("does not exist");
      assertThatThrownBy(() -> s.execute("set enable_case_sensitive_identifier to sometimes"))
          .hasMessageContaining("enable_case_sensitive_identifier").hasMessageContaining("sometimes");
    }
    try (Connection c = Clients.redshift(emu)) {
      assertThat(objects(c, "show enable_case_sensitive_identifier")).containsExactly(List.of("off"));
    }
  }

  @Test
  void lateralColumnAliasesAndAliasesInWhere(RedshiftEmulator emu) throws Exception {
    try (Connection c = Clients.redshift(emu)) {
      assertThat(objects(c, "select id * 10 as tens, tens + 1 as more from meta_it.parent "
          + "where more > 12 order by id")).containsExactly(List.of(20, 21));
      // a column of the FROM clause takes priority over an earlier alias of the same name
      assertThat(objects(c, "select id + 100 as name, name from meta_it.parent order by id"))
          .containsExactly(List.of(101, "one"), List.of(102, "two"));
      try (java.sql.PreparedStatement ps = c.prepareStatement(
          "select price * 2 as doubled, doubled + ? as plus from meta_it.parent where id = ?")) {
        ps.setBigDecimal(1, java.math.BigDecimal.ONE);
        ps.setInt(2, 1);
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getBigDecimal(2)).isEqualByComparingTo("4.00");
        }
      }
    }
  }

  @Test
  void setReadOnlyAndTheSettingsRedshiftHas(RedshiftEmulator emu) throws Exception {
    try (Connection c = Clients.redshift(emu); Statement s = c.createStatement()) {
      c.setReadOnly(true); // sends SET readonly=1
      assertThat(c.isReadOnly()).isTrue();
      assertThat(objects(c, "select count(*) from meta_it.parent")).containsExactly(List.of(2L));
      assertThatThrownBy(() -> s.execute("insert into meta_it.child values (1, 1)"))
          .hasMessageContaining("read-only");
      c.setReadOnly(false);
      s.execute("insert into meta_it.child values (1, 1)");
      s.execute("delete from meta_it.child");
      s.execute("set query_group to 'etl'");
      assertThat(objects(c, "show query_group")).containsExactly(List.of("etl"));
    }
  }

  // ---------------------------------------------------------------- the Python driver, at the wire

  @Test
  void redshiftConnectorsStatementsWithBoundParameters(RedshiftEmulator emu) throws Exception {
    try (RawWire w = RawWire.connect(emu, "redshift_connector")) {
      w.parse("select 1 from pg_catalog.svv_all_tables where table_name = $1 and schema_name = $2");
      w.flush();
      assertThat(w.read().type()).isEqualTo('1');
      w.bind("parent", "meta_it");
      w.flush();
      w.describePortal();
      w.flush();
      w.execute();
      w.flush();
      w.sync();
      assertThat(w.until('Z')).extracting(RawWire.Msg::type).containsExactly('2', 'T', 'D', 'C', 'Z');
      // get_columns, svv_columns variant: a lateral alias and a plain '"identity"' literal
      w.query("SELECT table_schema AS TABLE_SCHEM, table_name, COLUMN_NAME, CASE WHEN left(column_default, 10) = '\"identity\"' THEN 'YES' "
          + "WHEN left(column_default, 16) = 'default_identity' THEN 'YES'  ELSE 'NO' END AS IS_AUTOINCREMENT, "
          + "IS_AUTOINCREMENT AS IS_GENERATEDCOLUMN FROM svv_columns WHERE true  AND table_name LIKE 'parent' "
          + "ORDER BY table_schem,table_name,ORDINAL_POSITION");
      List<RawWire.Msg> got = w.until('Z');
      assertThat(got).extracting(RawWire.Msg::type).doesNotContain('E').contains('T', 'D');
      assertThat(got.stream().filter(m -> m.type() == 'D').count()).isEqualTo(4);
    }
  }
}
