package dev.tdr.snippets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnippetLibraryTest {

  private static SnippetLibrary library(@TempDir Path dir) throws Exception {
    Path team = Files.createDirectories(dir.resolve("team"));
    Files.writeString(team.resolve("ott_app.sql"), """
        -- Apps on connected TVs and streaming sticks.
        -- Keep in sync with the product list.
        app IN ('roku', 'firetv', 'androidtv', 'samsung_tv')
        """);
    Files.writeString(team.resolve("recent.sql"), "/* The last 30 days. */\nstarted_at >= DATEADD(day, -30, GETDATE())\n");
    Files.writeString(team.resolve("ott_recent.sql"), "{{ ott_app }} AND {{ recent }}");
    Files.writeString(team.resolve("watched_since.sql"), """
        -- Sessions since a date, e.g. {{ watched_since('2024-01-01') }}.
        {% macro watched_since(day) %}started_at >= {{ day | sql_literal }}{% endmacro %}
        """);
    return SnippetLibrary.load(List.of(team));
  }

  @Test
  void insertsSnippetsAndNestedSnippets(@TempDir Path dir) throws Exception {
    SnippetLibrary lib = library(dir);
    assertThat(lib.names()).containsExactly("ott_app", "ott_recent", "recent", "watched_since");
    assertThat(lib.get("ott_app").description())
        .isEqualTo("Apps on connected TVs and streaming sticks. Keep in sync with the product list.");
    assertThat(lib.get("recent").description()).isEqualTo("The last 30 days.");
    assertThat(lib.render("select count(*) from views where {{ott_app}}"))
        .isEqualTo("select count(*) from views where app IN ('roku', 'firetv', 'androidtv', 'samsung_tv')");
    assertThat(lib.render("select 1 where {{ ott_recent }}"))
        .isEqualTo("select 1 where app IN ('roku', 'firetv', 'androidtv', 'samsung_tv') AND "
            + "started_at >= DATEADD(day, -30, GETDATE())");
    assertThat(lib.renderSnippet("ott_recent")).startsWith("app IN ('roku'").endsWith("GETDATE())");
  }

  @Test
  void macrosTakeParametersAndFiltersEscapeValues(@TempDir Path dir) throws Exception {
    SnippetLibrary lib = library(dir);
    assertThat(lib.render("select * from views where {{ watched_since('2024-01-01') }}"))
        .isEqualTo("select * from views where started_at >= '2024-01-01'");
    assertThat(lib.render("where {{ watched_since(\"it's \\\\ odd\") }}"))
        .isEqualTo("where started_at >= 'it''s \\\\ odd'");
    assertThat(lib.get("watched_since").macro()).isTrue();
  }

  @Test
  void signatureIsTheMacroOfTheSnippetsOwnName() {
    Snippet s = new Snippet("watch", "", "{% macro watched_between(a, b) %}x{% endmacro %}"
        + "{% macro watch(day,  app) %}y{% endmacro %}", "inline", null);
    assertThat(s.signature()).isEqualTo("watch(day, app)");
    assertThat(new Snippet("plain", "", "app = 'roku'", "inline", null).signature()).isEqualTo("plain");
  }

  @Test
  void variablesAndSafeValueFilters() {
    SnippetLibrary lib = SnippetLibrary.empty();
    Map<String, Object> vars = Map.of("who", "O'Brien \\ co", "apps", List.of("roku", "it's"), "n", 42,
        "col", "Order \"Id\"", "none", List.of());
    assertThat(lib.render("{{ who | sql_literal }}", vars)).isEqualTo("'O''Brien \\\\ co'");
    assertThat(lib.render("app IN {{ apps | sql_in }}", vars)).isEqualTo("app IN ('roku', 'it''s')");
    assertThat(lib.render("limit {{ n | sql_literal }}", vars)).isEqualTo("limit 42");
    assertThat(lib.render("select {{ col | sql_ident }}", vars)).isEqualTo("select \"Order \"\"Id\"\"\"");
    assertThat(lib.render("x in {{ none | sql_in }}", vars)).isEqualTo("x in (NULL)");
    assertThat(lib.render("raw {{ who }}", vars)).isEqualTo("raw O'Brien \\ co");
    assertThat(lib.render("select 1")).isEqualTo("select 1");
  }

  @Test
  void unknownNamesAreErrorsNamingTheClosest(@TempDir Path dir) throws Exception {
    SnippetLibrary lib = library(dir);
    assertThatThrownBy(() -> lib.render("where {{ ott_apps }}"))
        .isInstanceOf(SnippetException.class)
        .hasMessageContaining("unknown snippet or variable 'ott_apps'")
        .hasMessageContaining("did you mean 'ott_app'");
    assertThatThrownBy(() -> lib.get("recnt")).hasMessageContaining("did you mean 'recent'");
  }

  @Test
  void aNameNeverPassedIsAnErrorWhereverItIsUsed(@TempDir Path dir) throws Exception {
    SnippetLibrary lib = library(dir);
    Map<String, Object> misspelled = Map.of("cuntry", "US");
    for (String use : List.of("{{ country | sql_literal }}", "{{ country }}", "{{ country | upper }}",
        "{{ country | length }}", "{{ country | sql_in }}", "{% if country %}x{% endif %}",
        "{% if country == 'US' %}x{% endif %}", "{% if not country %}x{% endif %}", "{{ country.code }}",
        "{{ country ~ 'x' }}", "{{ watched_since(country) }}", "{{ 'a' | replace('a', country) }}",
        "{% for c in country %}{{ c }}{% endfor %}", "{% if 'US' in country %}x{% endif %}",
        "{% if country in ['US'] %}x{% endif %}", "{{ country is string }}", "{{ [country] | join(',') }}")) {
      assertThatThrownBy(() -> lib.render("where c = " + use, misspelled)).as(use)
          .isInstanceOf(SnippetException.class)
          .hasMessageContaining("unknown snippet or variable 'country' in the query")
          .hasMessageContaining("did you mean 'cuntry'");
      assertThatThrownBy(() -> lib.render("where c = " + use)).as(use)
          .isInstanceOf(SnippetException.class)
          .hasMessageContaining("'country'");
    }
    SnippetLibrary inner = lib.with("by_country", "country = {{ country | sql_literal }}", null);
    assertThatThrownBy(() -> inner.render("where {{ by_country }}"))
        .hasMessageContaining("unknown snippet or variable 'country' in snippet 'by_country'");
  }

  @Test
  void passedValuesEvenEmptyOrNullAreNotMistakes() {
    SnippetLibrary lib = SnippetLibrary.empty();
    Map<String, Object> vars = new java.util.HashMap<>();
    vars.put("blank", "");
    vars.put("missing", null);
    assertThat(lib.render("c = {{ blank | sql_literal }}", vars)).isEqualTo("c = ''");
    assertThat(lib.render("c = [{{ blank }}]", vars)).isEqualTo("c = []");
    assertThat(lib.render("c = {{ missing | sql_literal }}", vars)).isEqualTo("c = NULL");
    assertThat(lib.render("c = {{ none | sql_literal }}")).isEqualTo("c = NULL");
    // jinjava does not keep a name set to none: it is as undefined as one never set.
    assertThatThrownBy(() -> lib.render("{% set y = none %}c = {{ y | sql_literal }}"))
        .hasMessageContaining("unknown snippet or variable 'y'");
    assertThat(lib.render("{% set y = none %}c = {{ y | default(none) | sql_literal }}")).isEqualTo("c = NULL");
  }

  @Test
  void defaultAndIsDefinedSayWhatAnAbsentValueMeans() {
    SnippetLibrary lib = SnippetLibrary.empty();
    assertThat(lib.render("c = {{ country | default('US') | sql_literal }}")).isEqualTo("c = 'US'");
    assertThat(lib.render("c = {{ country | d('US') | sql_literal }}")).isEqualTo("c = 'US'");
    assertThat(lib.render("c = {{ country | default('US') | sql_literal }}", Map.of("country", "DE")))
        .isEqualTo("c = 'DE'");
    assertThat(lib.render("{% if country is defined %}c = {{ country | sql_literal }}{% else %}true{% endif %}"))
        .isEqualTo("true");
    assertThat(lib.render("{% if country is undefined %}true{% endif %}")).isEqualTo("true");
    assertThat(lib.render("{% if country is defined %}c = {{ country | sql_literal }}{% endif %}",
        Map.of("country", "DE"))).isEqualTo("c = 'DE'");
    assertThatThrownBy(() -> lib.render("{{ country | default(region) }}"))
        .hasMessageContaining("unknown snippet or variable 'region'");
  }

  @Test
  void mapKeysAndListItemsThatDoNotExistAreErrors() {
    SnippetLibrary lib = SnippetLibrary.empty();
    Map<String, Object> vars = Map.of("user", Map.of("country", "US", "app", "roku"), "apps", List.of("roku"));
    assertThat(lib.render("{{ user.country | sql_literal }} {{ user['app'] }} {{ apps[0] }}", vars))
        .isEqualTo("'US' roku roku");
    assertThatThrownBy(() -> lib.render("{{ user.cuntry | sql_literal }}", vars))
        .isInstanceOf(SnippetException.class)
        .hasMessageContaining("no key 'cuntry'").hasMessageContaining("did you mean 'country'");
    assertThatThrownBy(() -> lib.render("{{ apps[3] | sql_literal }}", vars))
        .isInstanceOf(SnippetException.class).hasMessageContaining("no item 3 in a list of 1");
    assertThat(lib.render("{% for k in user.keys() | sort %}{{ k }}={{ user[k] }};{% endfor %}", vars))
        .isEqualTo("app=roku;country=US;");
    assertThat(lib.render("{% for a in apps %}{{ a | sql_literal }}{% if not loop.last %},{% endif %}{% endfor %}",
        Map.of("apps", List.of("a", "b")))).isEqualTo("'a','b'");
    assertThat(lib.render("{{ user.get('cuntry', 'none') }}", vars)).isEqualTo("none");
  }

  @Test
  void macrosMustBeCalledWithTheirArguments() {
    SnippetLibrary lib = SnippetLibrary.empty()
        .with("watched_between", "{% macro watched_between(since, until) %}started_at >= {{ since | sql_literal }}"
            + "::date AND started_at < {{ until | sql_literal }}::date + 1{% endmacro %}", null)
        .with("top", "{% macro top(n, app='roku') %}app = {{ app | sql_literal }} limit {{ n }}{% endmacro %}", null);
    assertThat(lib.render("{{ watched_between('2024-06-01', '2024-06-30') }}"))
        .isEqualTo("started_at >= '2024-06-01'::date AND started_at < '2024-06-30'::date + 1");
    assertThat(lib.render("{{ watched_between(until='2024-06-30', since='2024-06-01') }}"))
        .isEqualTo("started_at >= '2024-06-01'::date AND started_at < '2024-06-30'::date + 1");
    assertThatThrownBy(() -> lib.render("where {{ watched_between('2024-06-01') }}"))
        .isInstanceOf(SnippetException.class)
        .hasMessageContaining("macro watched_between(since, until) was called without its argument 'until'");
    assertThatThrownBy(() -> lib.render("where {{ watched_between() }}"))
        .hasMessageContaining("without its arguments 'since', 'until'");
    assertThatThrownBy(() -> lib.render("where {{ watched_between('a', 'b', 'c') }}"))
        .hasMessageContaining("takes 2 arguments, called with 3");
    assertThatThrownBy(() -> lib.render("where {{ watched_between('a', untl='b') }}"))
        .hasMessageContaining("has no argument 'untl'; did you mean 'until'?");
    assertThat(lib.render("{{ top(5) }}")).isEqualTo("app = 'roku' limit 5");
    assertThat(lib.render("{{ top(5, 'firetv') }}")).isEqualTo("app = 'firetv' limit 5");
    assertThatThrownBy(() -> lib.render("{{ top() }}")).hasMessageContaining("without its argument 'n'");
    assertThatThrownBy(() -> lib.render("{{ top(n) }}")).hasMessageContaining("unknown snippet or variable 'n'");
    assertThat(lib.render("{% macro local(a) %}[{{ a }}]{% endmacro %}{{ local('x') }}")).isEqualTo("[x]");
    assertThatThrownBy(() -> lib.render("{% macro local(a) %}[{{ a }}]{% endmacro %}{{ local() }}"))
        .hasMessageContaining("without its argument 'a'");
  }

  @Test
  void cyclesAreDetectedAndNamed(@TempDir Path dir) throws Exception {
    SnippetLibrary lib = SnippetLibrary.empty().with("a", "x {{ b }}", null).with("b", "y {{ c }}", null)
        .with("c", "z {{ a }}", null);
    assertThatThrownBy(() -> lib.render("{{ a }}"))
        .isInstanceOf(SnippetException.class)
        .hasMessageContaining("cycle: a -> b -> c -> a");
    SnippetLibrary self = SnippetLibrary.empty().with("me", "{{ me }}", null);
    assertThatThrownBy(() -> self.render("{{ me }}")).hasMessageContaining("cycle: me -> me");
  }

  @Test
  void templatesCannotReachJavaObjects(@TempDir Path dir) throws Exception {
    SnippetLibrary lib = library(dir);
    Map<String, Object> vars = Map.of("s", "text");
    assertThatThrownBy(() -> lib.render("{{ s.getClass() }}", vars)).isInstanceOf(SnippetException.class);
    assertThatThrownBy(() -> lib.render("{{ s.class.forName('java.lang.Runtime') }}", vars))
        .isInstanceOf(SnippetException.class);
    assertThatThrownBy(() -> lib.render("{{ s.bytes }}", vars)).isInstanceOf(SnippetException.class);
  }

  @Test
  void outputSizeIsBounded() {
    SnippetLibrary lib = SnippetLibrary.empty().with("big", "{% for i in range(1000) %}{% for j in range(1000) %}xxxxxxxxxxxxxxxxxxxxxxxxxx{% endfor %}{% endfor %}", null);
    assertThatThrownBy(() -> lib.render("{{ big }}")).isInstanceOf(SnippetException.class)
        .hasMessageContaining("more than");
    assertThatThrownBy(() -> SnippetLibrary.empty().render("{% for i in range(1000) %}{% for j in range(1000) %}xxxxxxxxxxxxxxxxxx{% endfor %}{% endfor %}"))
        .isInstanceOf(SnippetException.class).hasMessageContaining("more than");
  }

  @Test
  void layeredSourcesLaterWinsAndTheOverrideIsVisible(@TempDir Path dir) throws Exception {
    Path team = Files.createDirectories(dir.resolve("team"));
    Files.writeString(team.resolve("ott_app.sql"), "app IN ('roku')");
    Files.writeString(team.resolve("kids.sql"), "genre = 'kids'");
    Path mine = dir.resolve("mine.yaml");
    Files.writeString(mine, """
        ott_app:
          description: My OTT list
          sql: app IN ('roku', 'vizio')
        short_one: country = 'US'
        """);
    Path props = dir.resolve("more.properties");
    Files.writeString(props, "late.sql=1 = 1\nlate.description=Always true\nplain=2 = 2\n");
    SnippetLibrary lib = SnippetLibrary.load(List.of(team, mine, props));
    assertThat(lib.names()).containsExactly("kids", "late", "ott_app", "plain", "short_one");
    Snippet ott = lib.get("ott_app");
    assertThat(ott.sql()).isEqualTo("app IN ('roku', 'vizio')");
    assertThat(ott.source()).endsWith("mine.yaml");
    assertThat(ott.overrides()).endsWith("ott_app.sql");
    assertThat(lib.get("late").description()).isEqualTo("Always true");
    assertThat(lib.render("{{ short_one }} and {{ plain }}")).isEqualTo("country = 'US' and 2 = 2");

    Path list = dir.resolve("list.yml");
    Files.writeString(list, "- name: a\n  sql: x = 1\n- name: b\n  description: bee\n  sql: y = 2\n");
    assertThat(SnippetLibrary.load(List.of(list)).get("b").description()).isEqualTo("bee");
  }

  @Test
  void badSourcesAreClearErrors(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> SnippetLibrary.load(List.of(dir.resolve("missing"))))
        .hasMessageContaining("does not exist");
    Path bad = Files.createDirectories(dir.resolve("bad"));
    Files.writeString(bad.resolve("ott-app.sql"), "x");
    assertThatThrownBy(() -> SnippetLibrary.load(List.of(bad)))
        .hasMessageContaining("ott-app.sql").hasMessageContaining("e.g. ott_app").hasMessageContaining("rename the file");
    Path yaml = dir.resolve("x.yaml");
    Files.writeString(yaml, "a:\n  description: no sql here\n");
    assertThatThrownBy(() -> SnippetLibrary.load(List.of(yaml))).hasMessageContaining("snippet 'a' has no 'sql' text");
    Path txt = dir.resolve("x.txt");
    Files.writeString(txt, "");
    assertThatThrownBy(() -> SnippetLibrary.load(List.of(txt))).hasMessageContaining("is not a directory");
  }
}
