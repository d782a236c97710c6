package dev.tdr.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdr.testkit.RedshiftEmulator;
import dev.tdr.testkit.RedshiftEmulatorExtension;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Redshift as a Spark catalog: namespaces, tables with comments, and SQL over them with pushdown. */
@ExtendWith(RedshiftEmulatorExtension.class)
class SparkCatalogIT {
  private static SparkSession spark;
  private static RedshiftEmulator emu;

  @BeforeAll
  static void start(RedshiftEmulator emulator) throws Exception {
    emu = emulator;
    try (Connection c = emu.backingConnection(); Statement s = c.createStatement()) {
      s.execute("create schema if not exists cat_sales");
      s.execute("drop table if exists cat_sales.orders");
      s.execute("create table cat_sales.orders as select g as id, 'region ' || (g % 4) as region,"
          + " (g % 97)::numeric(10,2) as amount from generate_series(1, 2000) g");
      s.execute("comment on table cat_sales.orders is 'One row per order'");
      s.execute("comment on column cat_sales.orders.amount is 'Order total in EUR'");
    }
    SparkSession.Builder b = LocalSpark.builder("local[2]", "tdr-catalog-it")
        .config("spark.sql.catalog.redshift", TdrCatalog.class.getName());
    for (Map.Entry<String, String> e : SparkReadIT.options(emu).entrySet()) {
      b.config("spark.sql.catalog.redshift." + e.getKey(), e.getValue());
    }
    spark = b.getOrCreate();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @org.junit.jupiter.api.AfterEach
  void everyRunIsCleanedUp() {
    assertThat(SparkReadIT.leftovers(spark, emu)).isEmpty();
  }

  private static List<String> column(String sql, int i) {
    return spark.sql(sql).collectAsList().stream().map(r -> String.valueOf(r.get(i))).toList();
  }

  @Test
  void namespacesTablesAndComments() throws Exception {
    assertThat(column("SHOW NAMESPACES IN redshift", 0)).contains("public", "cat_sales")
        .doesNotContain("pg_catalog", "information_schema", "tdr_redshift");
    assertThat(column("SHOW TABLES IN redshift.cat_sales", 1)).containsExactly("orders");
    List<Row> describe = spark.sql("DESCRIBE TABLE redshift.cat_sales.orders").collectAsList();
    assertThat(describe.stream().map(r -> r.getString(0) + " " + r.getString(1) + " " + r.getString(2)).toList())
        .contains("id int null", "region string null", "amount decimal(10,2) Order total in EUR");
    // the table comment as the catalog gives it (DESCRIBE TABLE EXTENDED shows it, but also asks the
    // scan for statistics: an UNLOAD whose files stay until the JVM exits, see docs/spark.md)
    org.apache.spark.sql.connector.catalog.TableCatalog cat = (org.apache.spark.sql.connector.catalog.TableCatalog)
        spark.sessionState().catalogManager().catalog("redshift");
    assertThat(cat.loadTable(org.apache.spark.sql.connector.catalog.Identifier.of(new String[] {"cat_sales"}, "orders"))
        .properties()).containsEntry("comment", "One row per order");
  }

  @Test
  void sqlOverACatalogTablePushesDown() {
    Dataset<Row> q = spark.sql("SELECT region, count(*) AS n, sum(amount) AS total FROM redshift.cat_sales.orders"
        + " WHERE id > 1000 GROUP BY region ORDER BY region");
    String plan = q.queryExecution().executedPlan().toString();
    assertThat(plan).contains("GROUP BY \"region\"", "\"id\" > 1000", "FROM (\nSELECT * FROM \"cat_sales\".\"orders\"");
    List<Row> rows = q.collectAsList();
    assertThat(rows).hasSize(4);
    assertThat(rows.stream().mapToLong(r -> r.getLong(1)).sum()).isEqualTo(1000);
    assertThat(column("SELECT max(id) FROM redshift.cat_sales.orders", 0)).containsExactly("2000");
  }

  @Test
  void missingThingsAndWritesAreClearErrors() {
    assertThatThrownBy(() -> spark.sql("SELECT * FROM redshift.cat_sales.nope").collect())
        .hasMessageContaining("nope");
    assertThatThrownBy(() -> spark.sql("SHOW TABLES IN redshift.no_such_schema").collect())
        .hasMessageContaining("no_such_schema");
    assertThatThrownBy(() -> spark.sql("CREATE TABLE redshift.cat_sales.t2 (a INT)").collect())
        .hasMessageContaining("read-only");
  }
}
