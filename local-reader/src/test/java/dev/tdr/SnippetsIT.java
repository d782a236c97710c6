package dev.tdr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdr.core.TdrConfig;
import dev.tdr.core.s3.PartStore;
import dev.tdr.core.s3.S3Uri;
import dev.tdr.snippets.SnippetException;
import dev.tdr.snippets.SnippetLibrary;
import dev.tdr.testkit.RedshiftEmulator;
import dev.tdr.testkit.RedshiftEmulatorExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.dflib.DataFrame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Snippet-bearing queries through the local and JDBC paths, and sql_literal round trips. */
@ExtendWith(RedshiftEmulatorExtension.class)
class SnippetsIT {
  /** Values that break naive quoting: quotes, backslashes, unicode, braces, the delimiter, newlines. */
  static final List<String> NASTY = List.of("it's", "back\\slash", "\\'", "'\\\\'", "ends with \\",
      "naïve — 日本語 🎉", "two\nlines", "tab\there", "comma, \"quoted\"", "{{ not_a_snippet }}", "%_", "");

  @TempDir
  static Path dir;
  private static Tdr tdr;
  private static RedshiftEmulator emu;

  @BeforeAll
  static void start(RedshiftEmulator emulator) throws Exception {
    emu = emulator;
    Path team = Files.createDirectories(dir.resolve("team"));
    Files.writeString(team.resolve("ott_app.sql"), "-- Apps on TVs and sticks.\napp IN ('roku', 'firetv', 'androidtv')\n");
    Files.writeString(team.resolve("watched_since.sql"),
        "{% macro watched_since(day) %}started_at >= {{ day | sql_literal }}{% endmacro %}\n");
    Path mine = dir.resolve("mine.yaml");
    Files.writeString(mine, "long_views:\n  description: over a minute\n  sql: seconds > 60\n");
    TdrConfig config = TdrConfig.builderFromEnvironment(emu.environment()).set(dev.tdr.snippets.SnippetSettings.SNIPPETS, List.of(team, mine)).build();
    tdr = Tdr.connect(config);
    try (Connection c = emu.backingConnection(); Statement s = c.createStatement()) {
      s.execute("drop table if exists snippet_views");
      s.execute("create table snippet_views as select g as id, "
          + "(array['roku','firetv','androidtv','web','ios','android'])[1 + g % 6] as app, "
          + "g % 120 as seconds, timestamp '2024-01-01' + (g || ' hours')::interval as started_at "
          + "from generate_series(1, 3000) g");
      s.execute("drop table if exists snippet_values");
      s.execute("create table snippet_values (v varchar(200))");
      try (var ps = c.prepareStatement("insert into snippet_values values (?)")) {
        for (String v : NASTY) {
          ps.setString(1, v);
          ps.executeUpdate();
        }
      }
    }
  }

  @AfterAll
  static void stop() {
    tdr.close();
  }

  @Test
  void snippetQueriesGiveTheSameRowsLocallyAndOverJdbc() {
    String sql = "select app, count(*) as n from snippet_views where {{ott_app}} and {{ long_views }}"
        + " and {{ watched_since('2024-02-01') }} group by app order by app;";
    DataFrame local = tdr.query(sql).toDataFrame();
    DataFrame jdbc = tdr.queryJdbc(sql);
    assertThat(local.getColumn("app").toList()).containsExactly("androidtv", "firetv", "roku");
    assertThat(local.getColumn("app").toList()).isEqualTo(jdbc.getColumn("app").toList());
    assertThat(local.getColumn("n").toList()).isEqualTo(jdbc.getColumn("n").toList());
    long expected = 0;
    for (int g = 1; g <= 3000; g++) {
      boolean ott = g % 6 < 3;
      if (ott && g % 120 > 60 && g >= 31 * 24) {
        expected++;
      }
    }
    long total = local.getColumn("n").toList().stream().mapToLong(v -> ((Number) v).longValue()).sum();
    assertThat(total).isEqualTo(expected);
    assertThat(tdr.describe("select * from snippet_views where {{ott_app}}").size()).isEqualTo(4);
  }

  /** Rendered exactly once: what {% raw %} keeps reaches the database as text, on every Java entry point. */
  @Test
  void rawTextIsRenderedOnceOnEveryJavaEntryPoint() {
    String sql = "select '{% raw %}{{ott_app}}{% endraw %}' as t";
    assertThat(tdr.query(sql).toDataFrame().getColumn("t").get(0)).isEqualTo("{{ott_app}}");
    assertThat(tdr.queryJdbc(sql).getColumn("t").get(0)).isEqualTo("{{ott_app}}");
    RenderedSql once = tdr.prepare(sql);
    assertThat(once.text()).isEqualTo("select '{{ott_app}}' as t");
    assertThat(tdr.query(once, dev.tdr.core.TdrListener.NONE, new dev.tdr.core.unload.QueryControl()).toDataFrame()
        .getColumn("t").get(0)).isEqualTo("{{ott_app}}");
    assertThat(tdr.queryJdbc(once, new dev.tdr.core.unload.QueryControl()).getColumn("t").get(0)).isEqualTo("{{ott_app}}");
    assertThat(tdr.describe(once).names()).containsExactly("t");
  }

  @Test
  void sqlLiteralRoundTripsEveryValueThroughUnload() {
    for (String value : NASTY) {
      DataFrame local = tdr.query("select {{ v | sql_literal }} as v", Map.of("v", value)).toDataFrame();
      assertThat(local.getColumn("v").get(0)).as("local: %s", value).isEqualTo(value);
      DataFrame jdbc = tdr.queryJdbc("select {{ v | sql_literal }} as v", Map.of("v", value));
      assertThat(jdbc.getColumn("v").get(0)).as("jdbc: %s", value).isEqualTo(value);
    }
  }

  @Test
  void sqlInAndSqlIdentMatchStoredValues() {
    DataFrame df = tdr.query("select v as {{ col | sql_ident }} from snippet_values where v in {{ vals | sql_in }} order by 1",
        Map.of("vals", NASTY, "col", "odd \"name\", really")).toDataFrame();
    assertThat(df.getColumnsIndex().get(0)).isEqualTo("odd \"name\", really");
    assertThat(df.height()).isEqualTo(NASTY.size());
    assertThat(df.getColumn(0).toList()).containsExactlyInAnyOrderElementsOf(NASTY);
    DataFrame none = tdr.query("select v from snippet_values where v in {{ vals | sql_in }}", Map.of("vals", List.of()))
        .toDataFrame();
    assertThat(none.height()).isZero();
  }

  @Test
  void aBadSnippetFailsBeforeAnythingRuns() {
    assertThatThrownBy(() -> tdr.query("select * from snippet_views where {{ ott_apps }}"))
        .isInstanceOf(SnippetException.class)
        .hasMessageContaining("'ott_apps'").hasMessageContaining("did you mean 'ott_app'");
    assertThatThrownBy(() -> tdr.queryJdbc("select * from snippet_views where {{ ott_apps }}"))
        .isInstanceOf(SnippetException.class);
    try (PartStore store = PartStore.create(tdr.config(), 1)) {
      assertThat(store.list(S3Uri.parse(tdr.config().tempDir()))).isEmpty();
    }
  }

  @Test
  void aMisspelledVariableOrAMissingMacroArgumentIsAnErrorNotNull() {
    assertThatThrownBy(() -> tdr.query("select * from snippet_views where country = {{ country | sql_literal }}",
        java.util.Map.of("cuntry", "US")))
        .isInstanceOf(SnippetException.class)
        .hasMessageContaining("unknown snippet or variable 'country'").hasMessageContaining("did you mean 'cuntry'");
    assertThatThrownBy(() -> tdr.query("select * from snippet_views where {{ watched_since() }}"))
        .isInstanceOf(SnippetException.class)
        .hasMessageContaining("called without its argument 'day'");
    java.util.Map<String, Object> nullCountry = new java.util.HashMap<>();
    nullCountry.put("country", null);
    assertThat(tdr.render("country = {{ country | sql_literal }}", nullCountry)).isEqualTo("country = NULL");
  }

  @Test
  void aLibraryCanBeSwappedAtRuntime() {
    try (Tdr other = Tdr.connect(TdrConfig.builderFromEnvironment(emu.environment()).build())) {
      assertThat(other.snippets().isEmpty()).isTrue();
      other.withSnippets(SnippetLibrary.empty().with("web_only", "app = 'web'", "just the web"));
      assertThat(other.render("where {{ web_only }}")).isEqualTo("where app = 'web'");
      DataFrame df = other.query("select count(*) as n from snippet_views where {{ web_only }}").toDataFrame();
      assertThat(((Number) df.getColumn("n").get(0)).longValue()).isEqualTo(500L);
    }
  }
}
