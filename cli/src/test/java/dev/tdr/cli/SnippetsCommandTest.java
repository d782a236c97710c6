package dev.tdr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tdr snippets list|show|render} over the repository's example library. */
class SnippetsCommandTest {
  private static final Path EXAMPLES = Path.of("..", "examples", "snippets");
  private final CliRun cli = new CliRun();
  private final StringWriter out = cli.out;
  private final StringWriter err = cli.err;

  private int tdr(Map<String, String> env, String... args) {
    return cli.run(env, args);
  }

  @Test
  void listsShowsAndRendersTheExamples() {
    assertThat(tdr(Map.of(), "snippets", "--snippets", EXAMPLES.toString(), "list")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("NAME", "engaged", "ott_app", "watched_between(first_day, last_day)",
        "Sessions in our OTT apps", "(3 snippets)");

    assertThat(tdr(Map.of("TDR_SNIPPETS", EXAMPLES.toString()), "snippets", "show", "engaged")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("-- template\n{{ ott_app }} AND (completed OR seconds_watched >= 600)",
        "-- expands to\napp IN ('roku', 'firetv', 'androidtv', 'samsung_tv', 'lg_tv', 'vizio') AND (completed OR seconds_watched >= 600)",
        "source: " + EXAMPLES.resolve("engaged.sql"));

    assertThat(tdr(Map.of(), "snippets", "render", "--snippets", EXAMPLES.toString(),
        "select * from v where {{ watched_between('2024-06-01', '2024-06-07') }} and {{ ott_app }}")).isZero();
    assertThat(out.toString()).isEqualTo("select * from v where started_at >= '2024-06-01'::date AND started_at < "
        + "'2024-06-07'::date + 1 and app IN ('roku', 'firetv', 'androidtv', 'samsung_tv', 'lg_tv', 'vizio')\n");
  }

  @Test
  void overridesAreVisible(@TempDir Path dir) throws Exception {
    Path mine = dir.resolve("mine.yaml");
    Files.writeString(mine, "ott_app:\n  description: Just Roku\n  sql: app = 'roku'\n");
    assertThat(tdr(Map.of(), "snippets", "--snippets", EXAMPLES + "," + mine, "list")).isZero();
    assertThat(out.toString()).contains("Just Roku (" + mine + ", overrides " + EXAMPLES.resolve("ott_app.sql") + ")");
    assertThat(tdr(Map.of(), "snippets", "--snippets", EXAMPLES + "," + mine, "render", "where {{ engaged }}")).isZero();
    assertThat(out.toString()).isEqualTo("where app = 'roku' AND (completed OR seconds_watched >= 600)\n");
  }

  @Test
  void errorsNameTheFix(@TempDir Path dir) throws Exception {
    assertThat(tdr(Map.of(), "snippets", "list")).isEqualTo(2);
    assertThat(err.toString()).contains("no snippet library: pass --snippets PATH", "$TDR_SNIPPETS");
    assertThat(tdr(Map.of(), "snippets", "--snippets", EXAMPLES.toString(), "show", "ott")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown snippet 'ott'", "did you mean 'ott_app'");
    assertThat(tdr(Map.of(), "snippets", "--snippets", dir.resolve("nope").toString(), "list")).isEqualTo(2);
    assertThat(err.toString()).contains("does not exist");
    Path cfg = dir.resolve("tdr.properties");
    Files.writeString(cfg, "snippets=" + EXAMPLES + "\n");
    assertThat(tdr(Map.of("TDR_CONFIG", cfg.toString()), "snippets", "render", "-D", "x=it's", "{{ x | sql_literal }}"))
        .isZero();
    assertThat(out.toString()).isEqualTo("'it''s'\n");
  }
}
