package dev.tdr.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdr.core.TdrConfig;
import dev.tdr.core.TdrException;
import dev.tdr.testkit.RedshiftEmulator;
import dev.tdr.testkit.RedshiftEmulatorExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.dflib.DataFrame;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The catalog over the emulator's SVV_TABLES / SVV_ALL_COLUMNS through the real driver. */
@ExtendWith(RedshiftEmulatorExtension.class)
class CatalogIT {
  @TempDir
  static Path dir;
  private static RedshiftEmulator emu;
  private static TdrConfig config;
  private static Path descriptions;

  @BeforeAll
  static void start(RedshiftEmulator emulator) throws Exception {
    emu = emulator;
    descriptions = dir.resolve("catalog.yaml");
    Files.writeString(descriptions, """
        cat_sales.orders:
          description: One row per order, from the shop's checkout.
          columns:
            amount: Order total in euros, taxes included.
            coupon: Discount code used at checkout.
        """);
    config = TdrConfig.builderFromEnvironment(emu.environment()).set(CatalogSettings.CATALOG, descriptions).build();
    exec("drop schema if exists cat_sales cascade", "drop schema if exists cat_app cascade",
        "create schema cat_sales", "create schema cat_app",
        "create table cat_sales.orders (order_id bigint not null, customer_id int, amount numeric(12,2),"
            + " coupon varchar(32), ordered_at timestamptz)",
        "comment on table cat_sales.orders is 'Orders (remark from the database)'",
        "comment on column cat_sales.orders.customer_id is 'Who ordered'",
        "create table cat_sales.customers (customer_id int, email varchar(256), country char(2))",
        "comment on column cat_sales.customers.email is 'Contact address; used for the order receipts'",
        "create table cat_app.orders (id int)",
        "create view cat_sales.big_orders as select * from cat_sales.orders where amount > 1000");
  }

  private static void exec(String... statements) throws Exception {
    try (Connection c = emu.backingConnection(); Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  private static Catalog catalog() {
    return Catalog.of(config);
  }

  @Test
  void tablesColumnsTypesAndMergedDescriptions() {
    Catalog.TableInfo orders = catalog().describe("cat_sales.orders");
    assertThat(orders.type()).isEqualTo("BASE TABLE");
    assertThat(orders.description()).isEqualTo("One row per order, from the shop's checkout.");
    assertThat(orders.columns()).extracting(Catalog.ColumnInfo::name)
        .containsExactly("order_id", "customer_id", "amount", "coupon", "ordered_at");
    assertThat(orders.columns()).extracting(Catalog.ColumnInfo::type)
        .containsExactly("bigint", "integer", "numeric(12,2)", "character varying(32)", "timestamp with time zone");
    assertThat(orders.columns().get(0).nullable()).isFalse();
    assertThat(orders.columns()).extracting(Catalog.ColumnInfo::description)
        .containsExactly(null, "Who ordered", "Order total in euros, taxes included.", "Discount code used at checkout.", null);
    assertThat(catalog().describe("big_orders").type()).isEqualTo("VIEW");
    // the YAML names cat_sales.orders only: cat_app.orders keeps no description
    assertThat(catalog().describe("cat_app.orders").description()).isNull();
    DataFrame cols = orders.columnsFrame();
    assertThat(cols.getColumnsIndex().toArray()).containsExactly("column", "type", "nullable", "description");
    assertThat(cols.height()).isEqualTo(5);
  }

  @Test
  void describeMistakes() {
    assertThatThrownBy(() -> catalog().describe("orders")).isInstanceOf(TdrException.class)
        .hasMessageContaining("in several schemas").hasMessageContaining("cat_app.orders, cat_sales.orders");
    assertThatThrownBy(() -> catalog().describe("cat_sales.order")).hasMessageContaining("no table 'cat_sales.order'")
        .hasMessageContaining("closest: cat_sales.orders");
  }

  @Test
  void searchRanksNamesAboveDescriptions() {
    List<Catalog.Hit> hits = catalog().search("order");
    List<String> found = hits.stream().map(h -> h.table() + (h.column() == null ? "" : "." + h.column())).toList();
    // names holding "order" first; the email column, whose description mentions order, after them
    assertThat(found).contains("orders", "orders.order_id", "orders.ordered_at", "customers.email");
    assertThat(found.indexOf("customers.email")).isGreaterThan(found.indexOf("orders.ordered_at"));
    assertThat(hits.get(hits.size() - 1).score()).isLessThan(hits.get(0).score());
    // every keyword must match
    assertThat(catalog().search("coupon checkout")).extracting(Catalog.Hit::column).containsExactly("coupon");
    assertThat(catalog().search("coupon nothingmatches")).isEmpty();
  }

  @Test
  void regexSearch() {
    assertThat(catalog().search("/^customer_id$/")).extracting(h -> h.table() + "." + h.column())
        .containsExactlyInAnyOrder("orders.customer_id", "customers.customer_id", "big_orders.customer_id");
    assertThatThrownBy(() -> catalog().search("/([a-z/")).hasMessageContaining("bad regular expression");
    assertThatThrownBy(() -> catalog().search("  ")).hasMessageContaining("the search is empty");
  }

  @Test
  void cachedUntilRefresh() throws Exception {
    Catalog c = catalog();
    assertThat(c.search("cat_late")).isEmpty();
    exec("drop table if exists cat_sales.cat_late", "create table cat_sales.cat_late (x int)");
    assertThat(c.search("cat_late")).as("cached").isEmpty();
    c.refresh();
    assertThat(c.search("cat_late")).extracting(Catalog.Hit::table).contains("cat_late");
  }

  @Test
  void searchFrameDisplays() {
    DataFrame df = catalog().searchFrame("amount");
    assertThat(df.getColumnsIndex().toArray()).containsExactly("kind", "schema", "table", "column", "type", "description", "score");
    assertThat(Display.of(df).textHtml()).contains("Order total in euros");
  }
}
