package dev.tdr.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Redshift's catalog views and type names as the real driver sees them. */
@ExtendWith(RedshiftEmulatorExtension.class)
class CatalogIT {

  @BeforeAll
  static void fixture(RedshiftEmulator emu) throws Exception {
    try (Connection c = Clients.redshift(emu); Statement s = c.createStatement()) {
      s.execute("drop schema if exists catalog_it cascade");
      s.execute("create schema catalog_it");
      s.execute("create table catalog_it.titles (title_id bigint not null, name varchar(200), "
          + "price numeric(8,2), released date, meta super, poster varbyte(100), shape geometry)");
      s.execute("comment on table catalog_it.titles is 'Every title in the catalog'");
      s.execute("comment on column catalog_it.titles.name is 'Display name, as shown in apps'");
      s.execute("create view catalog_it.recent as select * from catalog_it.titles where released > '2020-01-01'");
    }
  }

  @Test
  void svvTablesListsTablesAndViewsWithRemarks(RedshiftEmulator emu) throws Exception {
    try (Connection c = Clients.redshift(emu)) {
      assertThat(Clients.rows(c, "select table_catalog, table_schema, table_name, table_type, remarks "
          + "from svv_tables where table_schema = 'catalog_it' order by table_name"))
          .containsExactly(
              java.util.Arrays.asList("dev", "catalog_it", "recent", "VIEW", null),
              java.util.Arrays.asList("dev", "catalog_it", "titles", "BASE TABLE", "Every title in the catalog"));
      assertThat(Clients.rows(c, "select count(*) from svv_tables where table_schema = 'tdr_redshift'"))
          .containsExactly(List.of("0"));
    }
  }

  @Test
  void svvColumnsAndAllColumnsCarryTypesAndRemarks(RedshiftEmulator emu) throws Exception {
    try (Connection c = Clients.redshift(emu)) {
      assertThat(Clients.rows(c, "select column_name, ordinal_position, data_type, character_maximum_length, "
          + "numeric_precision, numeric_scale, is_nullable, remarks from svv_columns "
          + "where table_schema = 'catalog_it' and table_name = 'titles' order by ordinal_position"))
          .containsExactly(
              java.util.Arrays.asList("title_id", "1", "bigint", null, "64", "0", "NO", null),
              java.util.Arrays.asList("name", "2", "character varying", "200", null, null, "YES",
                  "Display name, as shown in apps"),
              java.util.Arrays.asList("price", "3", "numeric", null, "8", "2", "YES", null),
              java.util.Arrays.asList("released", "4", "date", null, null, null, "YES", null),
              java.util.Arrays.asList("meta", "5", "super", null, null, null, "YES", null),
              java.util.Arrays.asList("poster", "6", "varbyte", null, null, null, "YES", null),
              java.util.Arrays.asList("shape", "7", "geometry", null, null, null, "YES", null));
      assertThat(Clients.rows(c, "select database_name, schema_name, table_name, column_name, remarks "
          + "from svv_all_columns where schema_name = 'catalog_it' and column_name = 'name' order by table_name"))
          .containsExactly(
              java.util.Arrays.asList("dev", "catalog_it", "recent", "name", null),
              java.util.Arrays.asList("dev", "catalog_it", "titles", "name", "Display name, as shown in apps"));
    }
  }

  @Test
  void redshiftOnlyTypesReachTheDriverUnderRedshiftsNames(RedshiftEmulator emu) throws Exception {
    try (Connection c = Clients.redshift(emu); Statement s = c.createStatement()) {
      s.execute("insert into catalog_it.titles (title_id, meta, poster, shape) values "
          + "(1, json_parse('{\"genres\": [\"drama\", \"crime\"], \"year\": 1972}'), from_hex('CAFE'), "
          + "'0101000000000000000000f03f000000000000f03f')");
      try (ResultSet rs = s.executeQuery("select meta, poster, shape from catalog_it.titles where title_id = 1")) {
        ResultSetMetaData md = rs.getMetaData();
        assertThat(md.getColumnTypeName(1)).isEqualTo("super");
        assertThat(md.getColumnTypeName(2)).isEqualTo("varbyte");
        assertThat(md.getColumnTypeName(3)).isEqualTo("geometry");
        assertThat(md.getColumnType(1)).isEqualTo(Types.LONGVARCHAR);
        assertThat(md.getColumnType(2)).isEqualTo(Types.LONGVARBINARY);
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("{\"genres\":[\"drama\",\"crime\"],\"year\":1972}");
        assertThat(rs.getString(2)).isEqualTo("cafe");
      }
      s.execute("delete from catalog_it.titles where title_id = 1");
    }
  }
}
