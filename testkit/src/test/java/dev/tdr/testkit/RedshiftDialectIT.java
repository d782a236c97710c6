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
  void copyFromS3IsRefusedNotIgnored(RedshiftEmulator emu) throws Exception {
    try (Connection c = Clients.redshift(emu); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.execute("copy dialect_it.d4 from 's3://tdr-emulator/x/' iam_role default csv"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("COPY from Amazon S3 is not supported by the TDR Redshift emulator")
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("0A000"));
    }
  }
}
