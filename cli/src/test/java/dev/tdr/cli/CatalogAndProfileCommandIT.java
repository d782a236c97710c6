package dev.tdr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdr.testkit.Fixtures;
import dev.tdr.testkit.RedshiftEmulator;
import dev.tdr.testkit.RedshiftEmulatorExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code tdr catalog search|describe|tables} and {@code tdr profile} against the emulator. */
@ExtendWith(RedshiftEmulatorExtension.class)
class CatalogAndProfileCommandIT {
  private final CliRun cli = new CliRun();

  @TempDir
  static Path dir;
  private static Map<String, String> env;

  @BeforeAll
  static void fixture(RedshiftEmulator emu) throws Exception {
    try (Connection c = emu.backingConnection(); Statement s = c.createStatement()) {
      Fixtures.nastyValues(c, "cli_prof_nasty");
      s.execute("drop table if exists cli_shop_orders");
      s.execute("create table cli_shop_orders (order_id bigint, amount numeric(10,2), note varchar(40))");
      s.execute("comment on table cli_shop_orders is 'Orders from the web shop'");
      s.execute("insert into cli_shop_orders select g, g * 1.5, case when g % 2 = 0 then null else 'n' end"
          + " from generate_series(1, 200) g");
    }
    Path yaml = dir.resolve("catalog.yaml");
    Files.writeString(yaml, "cli_shop_orders:\n  columns:\n    amount: Total paid by the shopper, in euros.\n");
    env = new HashMap<>(emu.environment());
    env.put("TDR_CATALOG", yaml.toString());
  }

  @Test
  void searchDescribeAndTables() {
    assertThat(cli.run(env, "catalog", "search", "shopper", "euros")).as(cli.err.toString()).isZero();
    assertThat(cli.out.toString()).contains("cli_shop_orders", "amount", "Total paid by the shopper");
    assertThat(cli.run(env, "catalog", "search", "/^cli_shop_.*s$/")).isZero();
    assertThat(cli.out.toString()).contains("table | public | cli_shop_orders");
    assertThat(cli.run(env, "catalog", "search", "nothing_is_called_this")).isEqualTo(1);
    assertThat(cli.out.toString()).contains("nothing matches");

    assertThat(cli.run(env, "catalog", "describe", "cli_shop_orders")).as(cli.err.toString()).isZero();
    assertThat(cli.out.toString()).contains("public.cli_shop_orders (base table)", "Orders from the web shop",
        "numeric(10,2)", "Total paid by the shopper");
    assertThat(cli.run(env, "catalog", "describe", "cli_shop_order")).isEqualTo(1);
    assertThat(cli.err.toString()).contains("no table 'cli_shop_order'", "closest: cli_shop_orders");

    assertThat(cli.run(env, "catalog", "tables")).isZero();
    assertThat(cli.out.toString()).contains("cli_shop_orders", "Orders from the web shop");
  }

  @Test
  void badDescriptionsFileIsAUsageError() throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "cli_shop_orders:\n  colums: {}\n");
    assertThat(cli.run(env, "catalog", "search", "--catalog", bad.toString(), "x")).isEqualTo(2);
    assertThat(cli.err.toString()).contains("unknown key 'colums'");
  }

  @Test
  void profileAsTextJsonAndHtml() throws Exception {
    assertThat(cli.run(env, "profile", "select * from cli_shop_orders")).as(cli.err.toString()).isZero();
    assertThat(cli.out.toString()).contains("200 rows", "amount", "note", "MOSTLY_MISSING");
    assertThat(cli.run(env, "profile", "--json", "select * from cli_prof_nasty")).as(cli.err.toString()).isZero();
    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(cli.out.toString()).at("/table/rows").asInt())
        .isEqualTo(5);
    Path html = dir.resolve("p.html");
    assertThat(cli.run(env, "profile", "--html", html.toString(), "--via", "jdbc", "select * from cli_prof_nasty"))
        .as(cli.err.toString()).isZero();
    assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").contains("<svg", "tdr-profile").doesNotContain("<script")
        .contains("<title>TDR profile: select * from cli_prof_nasty</title>", "<pre>select * from cli_prof_nasty</pre>")
        .containsPattern("<p>run at \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ via jdbc, \\d+ rows</p>");
  }
}
