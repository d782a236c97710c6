package dev.tdr.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The SQL users write for Redshift, through redshift-jdbc42: DDL of a real cluster, Redshift's typing, refusals. */
@ExtendWith(RedshiftEmulatorExtension.class)
class RedshiftDialectIT {

  @Test
  void ddlFromARealClusterIsAccepted(RedshiftEmulator emu) throws Exception {
    try (Connection c = Clients.redshift(emu); Statement s = c.createStatement()) {
      s.execute("drop schema if exists dialect_it cascade");
      s.execute("create schema dialect_it");
      s.execute("create table dialect_it.d1 (a int encode az64, b varchar(max), c timestamp) "
          + "diststyle key distkey(a) sortkey(c)");
      s.execute("create table dialect_it.d2 (id bigint identity(1,1), v super)");
      s.execute("create table dialect_it.d4 (a int) diststyle even");
      s.execute("create table dialect_it.d5 (a int not null encode raw distkey, b int sortkey) backup no");
      s.execute("create table dialect_it.d6 diststyle all sortkey(a) as select 1 as a");
      s.execute("insert into dialect_it.d2 (v) values (json_parse('{\"a\":1}')), (json_parse('[]'))");
      assertThat(Clients.rows(c, "select id from dialect_it.d2 order by id")).containsExactly(List.of("1"), List.of("2"));
      assertThatThrownBy(() -> s.execute("insert into dialect_it.d2 (id, v) values (9, null)"))
          .isInstanceOf(SQLException.class); // an IDENTITY column takes no value of the user's
      assertThat(Clients.rows(c, "select character_maximum_length from svv_columns "
          + "where table_schema = 'dialect_it' and table_name = 'd1' and column_name = 'b'"))
          .containsExactly(List.of("65535"));
    }
  }

  @Test
  void theDdlAttributesAreRecordedForTheCatalogViews(RedshiftEmulator emu) throws Exception {
    try (Connection c = Clients.redshift(emu); Statement s = c.createStatement()) {
      s.execute("drop schema if exists attrs_it cascade");
      s.execute("create schema attrs_it");
      s.execute("set search_path to attrs_it, public");
      s.execute("create table attrs_it.k1 (a int encode az64 distkey, b varchar(max) encode lzo, c timestamp) "
          + "compound sortkey(c, a)");
      s.execute("create table attrs_it.k2 (a int, b int) diststyle all interleaved sortkey(b, a)");
      s.execute("create table attrs_it.k3 diststyle even as select 1 as x");
      s.execute("create table attrs_it.k4 (a int)");
      s.execute("insert into attrs_it.k1 values (1, 'x', now()); insert into attrs_it.k2 values (1, 2); "
          + "insert into attrs_it.k4 values (1)");
      assertThat(Clients.rows(c, "select tablename, \"column\", trim(encoding), distkey, sortkey from pg_table_def "
          + "where schemaname = 'attrs_it' order by tablename, \"column\"")).containsExactly(
          List.of("k1", "a", "az64", "t", "2"), List.of("k1", "b", "lzo", "f", "0"), List.of("k1", "c", "none", "f", "1"),
          List.of("k2", "a", "none", "f", "-2"), List.of("k2", "b", "none", "f", "1"),
          List.of("k3", "x", "none", "f", "0"),
          List.of("k4", "a", "none", "f", "0"));
      assertThat(Clients.rows(c, "select \"table\", diststyle, sortkey1, sortkey_num, encoded from svv_table_info "
          + "where schema = 'attrs_it' order by 1")).containsExactly(
          List.of("k1", "KEY(a)", "c", "2", "Y"), List.of("k2", "ALL", "INTERLEAVED", "2", "N"),
          java.util.Arrays.asList("k3", "EVEN", null, "0", "N"), java.util.Arrays.asList("k4", "AUTO(EVEN)", null, "0", "N"));
    }
  }

  @Test
  void integerAvgIsABigintTruncatedAsOnRedshift(RedshiftEmulator emu) throws Exception {
    try (Connection c = Clients.redshift(emu); Statement s = c.createStatement()) {
      s.execute("create temp table nums (i int, b bigint, f float8, n numeric(12,2))");
      s.execute("insert into nums values (1, -1, 1.0, 1.00), (2, -2, 2.0, 2.00), (null, null, null, null)");
      try (ResultSet rs = s.executeQuery("select avg(i), avg(b), avg(f), avg(n) from nums")) {
        assertThat(rs.getMetaData().getColumnType(1)).isEqualTo(Types.BIGINT);
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(1L);   // 1.5 truncated
        assertThat(rs.getLong(2)).isEqualTo(-1L);  // -1.5 truncated toward zero
        assertThat(rs.getDouble(3)).isEqualTo(1.5);
        assertThat(rs.getBigDecimal(4)).isEqualByComparingTo("1.5");
      }
      assertThat(Clients.rows(c, "select avg(distinct i), min(x) from (select i, avg(i) over () as x from nums) w"))
          .containsExactly(List.of("1", "1"));
    }
  }

  @Test
  void decimalResultsHaveRedshiftsPrecisionAndScale(RedshiftEmulator emu) throws Exception {
    try (Connection c = Clients.redshift(emu); Statement s = c.createStatement()) {
      s.execute("drop table if exists public.dialect_money");
      s.execute("create table public.dialect_money (id int, price numeric(12,2), paid decimal(8,2), fee decimal(8,2), d decimal)");
      s.execute("insert into public.dialect_money values (1, 250000.00, 10.00, 3.00, 1), (2, 500000.00, 20.00, 7.00, 2), "
          + "(3, 375000.00, 5.50, 0.25, 3)");
      try (ResultSet rs = s.executeQuery("select avg(price), sum(price) total, paid / fee as ratio, paid * fee, "
          + "paid + fee as plus, abs(avg(price) / 7) as other, d from public.dialect_money where id = 3 group by paid, fee, d")) {
        java.sql.ResultSetMetaData md = rs.getMetaData();
        assertThat(md.getPrecision(1)).isEqualTo(38);
        assertThat(md.getScale(1)).isEqualTo(2);   // SUM/AVG of DECIMAL(12,2): DECIMAL(38,2)
        assertThat(md.getColumnLabel(1)).isEqualTo("avg");
        assertThat(md.getScale(2)).isEqualTo(2);
        assertThat(md.getPrecision(3)).isEqualTo(17); // the documentation's own example: DECIMAL(17,9)
        assertThat(md.getScale(3)).isEqualTo(9);
        assertThat(md.getColumnLabel(4)).isEqualTo("?column?");
        assertThat(md.getPrecision(4)).isEqualTo(17);
        assertThat(md.getScale(4)).isEqualTo(4);
        assertThat(md.getScale(5)).isEqualTo(2);
        assertThat(md.getPrecision(6)).isEqualTo(38); // not derivable here: the emulator's default
        assertThat(md.getScale(6)).isEqualTo(10);
        assertThat(md.getPrecision(7)).isEqualTo(18); // DECIMAL without precision is DECIMAL(18,0)
        assertThat(md.getScale(7)).isEqualTo(0);
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("375000.00");
        assertThat(rs.getString(2)).isEqualTo("375000.00");
        assertThat(rs.getString(3)).isEqualTo("22.000000000");
        assertThat(rs.getString(4)).isEqualTo("1.3750");
        assertThat(rs.getString(5)).isEqualTo("5.75");
        assertThat(rs.getString(6)).isEqualTo("53571.4285714286");
      }
      assertThat(Clients.rows(c, "select avg(price) from public.dialect_money")).containsExactly(List.of("375000.00"));

      String prefix = emu.newTempPrefix();
      s.execute(Clients.unload(emu, "select avg(price) as a, sum(paid / fee) as r, abs(avg(price) / 7) as o "
          + "from public.dialect_money", prefix, "CSV MANIFEST VERBOSE"));
      try (software.amazon.awssdk.services.s3.S3Client s3 = Clients.s3(emu)) {
        com.fasterxml.jackson.databind.JsonNode m = new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(Clients.text(s3, emu.bucket(), Clients.key(prefix) + "manifest"));
        assertThat(m.at("/schema/elements").findValues("type")).extracting(Object::toString).containsExactly(
            "{\"base\":\"numeric\",\"precision\":38,\"scale\":2}",
            "{\"base\":\"numeric\",\"precision\":38,\"scale\":9}",
            "{\"base\":\"numeric\",\"precision\":38,\"scale\":10}");
        assertThat(Clients.concatenated(s3, emu, prefix, true).strip())
            .isEqualTo("375000.00,28.190476190,53571.4285714286");
      }
    }
  }

  @Test
  void stlQueryListsWhatRanWithoutSecrets(RedshiftEmulator emu) throws Exception {
    String prefix = emu.newTempPrefix();
    try (Connection c = Clients.redshift(emu); Statement s = c.createStatement()) {
      s.execute("select 41 + 1 as stl_marker_ok");
      assertThatThrownBy(() -> s.execute("select stl_marker_missing from nowhere_at_all")).isInstanceOf(SQLException.class);
      s.execute(Clients.unload(emu, "select 1 as stl_marker_unload", prefix, "CSV"));
      try (java.sql.PreparedStatement ps = c.prepareStatement("select 2 as stl_marker_prepared where 1 = ?")) {
        ps.setInt(1, 1);
        ps.executeQuery().close();
      }
      List<List<String>> rows = Clients.rows(c, "select trim(querytxt), aborted, pid = pg_backend_pid(), "
          + "endtime >= starttime, query > 0 from stl_query where querytxt like '%stl_marker%' "
          + "and querytxt not like '%querytxt%' order by query");
      assertThat(rows).extracting(r -> r.get(0)).containsExactly("select 41 + 1 as stl_marker_ok",
          "select stl_marker_missing from nowhere_at_all",
          "UNLOAD ('select 1 as stl_marker_unload') TO '" + prefix + "' ACCESS_KEY_ID '***' SECRET_ACCESS_KEY '***' CSV",
          "select 2 as stl_marker_prepared where 1 = $1");
      assertThat(rows).extracting(r -> r.get(1)).containsExactly("0", "1", "0", "0");
      assertThat(rows).extracting(r -> r.subList(2, 5)).containsOnly(List.of("t", "t", "t"));
      assertThat(rows.toString()).doesNotContain(emu.secretAccessKey());
      assertThat(Clients.rows(c, "select count(*) > 0 from pg_catalog.stl_query")).containsExactly(List.of("t"));
    }
  }

  @Test
  void copyFromS3IsRefusedNotIgnored(RedshiftEmulator emu) throws Exception {
    try (Connection c = Clients.redshift(emu); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.execute("copy dialect_it.d4 from 's3://tdr-emulator/x/' iam_role default csv"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("COPY from Amazon S3 is not supported by the TDR Redshift emulator")
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("0A000"));
    }
  }
}
