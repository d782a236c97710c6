package dev.tdr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdr.testkit.Fixtures;
import dev.tdr.testkit.RedshiftEmulator;
import dev.tdr.testkit.RedshiftEmulatorExtension;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedshiftEmulatorExtension.class)
class QueryCommandIT {
  private final CliRun cli = new CliRun();
  private final StringWriter out = cli.out;
  private final StringWriter err = cli.err;

  @BeforeAll
  static void fixture(RedshiftEmulator emu) throws Exception {
    try (Connection c = emu.backingConnection(); Statement s = c.createStatement()) {
      Fixtures.nastyValues(c, "cli_nasty");
      s.execute("drop table if exists cli_small");
      s.execute("create table cli_small as select g as id, 'v' || g as v from generate_series(1, 10) g");
    }
  }

  private int tdr(Map<String, String> env, String... args) {
    return cli.run(env, args);
  }

  /** The CSV of every row of the nasty table, in the documented format. */
  private static final String NASTY_CSV = "id,i2,i8,num,r,d,b,c,v,dt,ts,tstz,t,ttz,vb,s\n"
      + "1,32767,9223372036854775807,1234567890123456789012345678.0123456789,3.4028235E38,1.7976931348623157E308,"
      + "true,ab,plain,2008-01-04,2000-01-02 12:34:56.789012,2000-01-02 17:34:56.789012+0000,04:05:06.500000,"
      + "02:05:06.000000+0000,00ff10,\"{\"\"a\"\":[1,2],\"\"b\"\":\"\"x y\"\"}\"\n"
      + "2,-32768,-9223372036854775808,-0.0000000001,NaN,Infinity,false,abcde,\"comma,quote\"\"back\\slash|pipe\","
      + "0001-01-01,1999-12-31 23:59:59.000000,1970-01-01 00:00:00.000000+0000,00:00:00.000000,"
      + "23:59:59.999999+0000,\"\",\"\"\"str\"\"\"\n"
      + "3,0,0,0.0000000000,-Infinity,4.9E-324,,\"\",\"line1\nline2\r\nend\",9999-12-31,2024-02-29 00:00:00.100000,"
      + "2024-06-30 21:00:00.000000+0000,12:00:00.000000,15:30:00.000000+0000,,null\n"
      + "4,,,,,,,,\"\",,,,,,,\n"
      + "5,,,,,,,,ünïcødé 🎉 日本\ttab,,,,,,,\"{\"\"emoji\"\":\"\"🎉\"\",\"\"esc\"\":\"\"a\\\"\"b\"\"}\"\n";

  @Test
  void csvIsIdenticalForEveryRoute(RedshiftEmulator emu) {
    for (String via : new String[] {"auto", "local", "jdbc", "spark"}) {
      int status = tdr(emu.environment(), "query", "--via", via, "select * from cli_nasty order by id");
      assertThat(status).as(via + ": " + err).isZero();
      assertThat(out.toString()).as(via).isEqualTo(NASTY_CSV);
    }
  }

  @Test
  void computedDecimalsAndTimesAreTheSameOnEveryRoute(RedshiftEmulator emu) {
    String sql = "select id, 1.5::numeric as un, id::numeric(10,2) / 3 as q, round(id * 1.25, 1) as r,"
        + " sum(id::numeric(12,2)) over (order by id) as running, avg(id) over () as mean,"
        + " timestamp '2024-01-02 03:04:05.5' + id * interval '1 second' as ts, date '2024-02-29' as d"
        + " from cli_small where id <= 3 order by id";
    Map<String, String> csv = new java.util.LinkedHashMap<>();
    Map<String, String> json = new java.util.LinkedHashMap<>();
    for (String via : new String[] {"local", "jdbc", "spark"}) {
      assertThat(tdr(emu.environment(), "query", "--via", via, sql)).as(via + ": " + err).isZero();
      csv.put(via, out.toString());
      assertThat(tdr(emu.environment(), "query", "--via", via, "--format", "json", sql)).as(via + ": " + err).isZero();
      json.put(via, out.toString());
    }
    assertThat(csv.get("local")).as(csv.toString()).startsWith("id,un,q,r,running,mean,ts,d\n1,2,0.3333333333333,1.3,1.00,2,")
        .contains(",2024-01-02 03:04:06.500000,2024-02-29\n");
    assertThat(csv.get("jdbc")).isEqualTo(csv.get("local"));
    assertThat(csv.get("spark")).isEqualTo(csv.get("local"));
    // (NUMERIC without precision is NUMERIC(18,0) on Redshift: 1.5 is 2; DECIMAL keeps its scale: 1.00)
    // JSON Lines: ISO-8601 times, the same on every route
    assertThat(json.get("local")).contains("\"ts\":\"2024-01-02T03:04:06.500\"", "\"d\":\"2024-02-29\"");
    assertThat(json.get("jdbc")).isEqualTo(json.get("local"));
    assertThat(json.get("spark")).isEqualTo(json.get("local"));
  }

  @Test
  void snippetsAndVariablesOnEveryRoute(RedshiftEmulator emu, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Files.writeString(dir.resolve("small_ids.sql"), "-- The first few ids.\nid <= 3\n");
    Map<String, String> env = new HashMap<>(emu.environment());
    env.put("TDR_SNIPPETS", dir.toString());
    for (String via : new String[] {"auto", "local", "jdbc", "spark"}) {
      int status = tdr(env, "query", "--via", via, "-D", "suffix=it's \\ odd",
          "select id, v || {{ suffix | sql_literal }} as v from cli_small where {{ small_ids }} order by id");
      assertThat(status).as(via + ": " + err).isZero();
      assertThat(out.toString()).as(via).isEqualTo("id,v\n1,v1it's \\ odd\n2,v2it's \\ odd\n3,v3it's \\ odd\n");
    }
    // rendered exactly once: what {% raw %} keeps reaches the database as text, on every route
    for (String via : new String[] {"local", "jdbc", "spark"}) {
      int status = tdr(env, "query", "--via", via, "select '{% raw %}{{ small_ids }}{% endraw %}' as t");
      assertThat(status).as(via + ": " + err).isZero();
      assertThat(out.toString()).as(via).isEqualTo("t\n{{ small_ids }}\n");
    }
    // --snippets overrides $TDR_SNIPPETS; a bad name is a usage error naming the closest
    assertThat(tdr(env, "query", "--snippets", dir.toString(), "select * from cli_small where {{ small_id }}")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown snippet or variable 'small_id'", "did you mean 'small_ids'");
    // a misspelled or missing variable is an error naming it, never "= NULL" and 0 rows
    for (String[] d : new String[][] {{"-D", "cuntry=US"}, {}}) {
      java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("query"));
      args.addAll(java.util.List.of(d));
      args.add("select count(*) from cli_small where v = {{ country | sql_literal }}");
      assertThat(tdr(env, args.toArray(String[]::new))).as(err.toString()).isEqualTo(2);
      assertThat(out.toString()).isEmpty();
      assertThat(err.toString()).contains("unknown snippet or variable 'country'");
      if (d.length > 0) {
        assertThat(err.toString()).contains("did you mean 'cuntry'");
      }
    }
    java.nio.file.Files.writeString(dir.resolve("ids_between.sql"),
        "{% macro ids_between(lo, hi) %}id between {{ lo }} and {{ hi }}{% endmacro %}\n");
    assertThat(tdr(env, "query", "select count(*) as n from cli_small where {{ ids_between(2) }}")).isEqualTo(2);
    assertThat(err.toString()).contains("macro ids_between(lo, hi) was called without its argument 'hi'");
    assertThat(tdr(env, "query", "-D", "v=", "select count(*) as n from cli_small where v = {{ v | sql_literal }}"))
        .as(err.toString()).isZero();
    assertThat(out.toString()).isEqualTo("n\n0\n");
    // without a library, SQL goes as written: braces are just text
    assertThat(tdr(emu.environment(), "query", "select '{{ not_a_snippet }}' as v")).as(err.toString()).isZero();
    assertThat(out.toString()).isEqualTo("v\n{{ not_a_snippet }}\n");
  }

  @Test
  void tableAndJsonAndStats(RedshiftEmulator emu) {
    assertThat(tdr(emu.environment(), "query", "--format", "table", "--max-rows", "3", "--stats",
        "select id, v from cli_small order by id")).isZero();
    assertThat(out.toString()).isEqualTo("id | v\n---+---\n 1 | v1\n 2 | v2\n 3 | v3\n(showing 3 of 10 rows)\n");
    assertThat(err.toString()).contains("route=local parts=4").contains("rows=10").contains("unload=");
    assertThat(tdr(emu.environment(), "query", "--format", "json", "select id, r, c, s from cli_nasty where id in (2, 3) order by id")).isZero();
    assertThat(out.toString()).isEqualTo("{\"id\":2,\"r\":\"NaN\",\"c\":\"abcde\",\"s\":\"\\\"str\\\"\"}\n"
        + "{\"id\":3,\"r\":\"-Infinity\",\"c\":\"\",\"s\":\"null\"}\n");
  }

  @Test
  void statsAreTrueOnEveryRouteAndKeptFilesAreNamed(RedshiftEmulator emu) {
    for (String via : new String[] {"local", "spark"}) {
      assertThat(tdr(emu.environment(), "query", "--via", via, "--stats", "select * from cli_small")).as(via + err).isZero();
      assertThat(err.toString()).as(via).containsPattern("route=" + via + " parts=[1-9]\\d* bytes=[1-9]\\d* rows=10"
          + " unload=\\d+\\.\\d{3}s read=\\d+\\.\\d{3}s").doesNotContain("unload=0.000s");
    }
    assertThat(tdr(emu.environment(), "query", "--via", "jdbc", "--stats", "select * from cli_small")).isZero();
    assertThat(err.toString()).contains("route=jdbc parts=0 bytes=0 rows=10");

    // --keep-files: the message names the prefix, and the files are there
    for (String via : new String[] {"local", "spark"}) {
      assertThat(tdr(emu.environment(), "query", "--via", via, "--keep-files", "select 1 as one")).isZero();
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("the files are kept under (s3://\\S+/) \\(manifest: ")
          .matcher(err.toString());
      assertThat(m.find()).as(via + ": " + err).isTrue();
      dev.tdr.core.TdrConfig config = dev.tdr.core.TdrConfig.builderFromEnvironment(emu.environment()).build();
      try (dev.tdr.core.s3.PartStore store = dev.tdr.core.s3.PartStore.create(config, 1)) {
        dev.tdr.core.s3.S3Uri prefix = dev.tdr.core.s3.S3Uri.parse(m.group(1));
        assertThat(store.readIfExists(prefix.resolve("manifest"))).as(via).isPresent();
        dev.tdr.core.unload.Runs.delete(store, prefix);
      }
    }
    assertThat(tdr(emu.environment(), "query", "--via", "jdbc", "--keep-files", "select 1")).isZero();
    assertThat(err.toString()).contains("--keep-files: the jdbc route writes no files");
  }

  @Test
  void noSettingIsDemandedThatTheCommandDoesNotUse(RedshiftEmulator emu) {
    Map<String, String> noTemp = new HashMap<>(emu.environment());
    noTemp.remove("TDR_TEMPDIR");
    assertThat(tdr(noTemp, "query", "--via", "jdbc", "select count(*) as n from cli_small")).as(err.toString()).isZero();
    assertThat(out.toString()).isEqualTo("n\n10\n");
    assertThat(tdr(noTemp, "catalog", "tables")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("cli_small");
  }

  @Test
  void progressOnEveryRoute(RedshiftEmulator emu) {
    String many = "select g as id from generate_series(1, 20000) g";
    assertThat(tdr(emu.environment(), "query", "--via", "jdbc", "--progress", many)).isZero();
    assertThat(err.toString()).contains("fetching over JDBC... 16,384 rows");
    assertThat(tdr(emu.environment(), "query", "--via", "spark", "--progress", "select * from cli_small")).isZero();
    assertThat(err.toString()).contains("UNLOAD done: 10 rows").containsPattern("reading \\[#+\\] \\d+/\\d+ parts");
    assertThat(tdr(emu.environment(), "query", "--via", "local", "--progress", "select * from cli_small")).isZero();
    assertThat(err.toString()).contains("UNLOAD done: 10 rows").contains("reading [");
    assertThat(tdr(emu.environment(), "profile", "--progress", "select * from cli_small")).isZero();
    assertThat(err.toString()).contains("UNLOAD done: 10 rows");
  }

  @Test
  void errorsGoToStderrWithANonZeroStatus(RedshiftEmulator emu) {
    assertThat(tdr(emu.environment(), "query", "select nope from cli_small")).isEqualTo(1);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString()).contains("query failed [SQLSTATE 42703]").contains("nope");
    assertThat(tdr(emu.environment(), "query", "--local-threshold", "abc", "select 1")).isEqualTo(2);
    assertThat(err.toString()).contains("--local-threshold='abc' is not a size");
    Map<String, String> noTemp = new HashMap<>(emu.environment());
    noTemp.remove("TDR_TEMPDIR");
    assertThat(tdr(noTemp, "query", "select 1")).isEqualTo(2);
    assertThat(err.toString()).contains("missing setting TDR_TEMPDIR");
    assertThat(tdr(emu.environment(), "query", "--local-threshold", "10", "select * from cli_small")).isEqualTo(1);
    assertThat(err.toString()).contains("above the local threshold").contains("TDR_LOCAL_THRESHOLD")
        .contains("--via spark").doesNotContain("connector");
    assertThat(tdr(emu.environment(), "query", "--via", "local", "--local-threshold", "10", "select count(*) from cli_small")).isZero();
    assertThat(out.toString()).isEqualTo("count\n10\n");
  }
}
