package dev.tdr.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdr.core.ConfigException;
import dev.tdr.core.SettingSpec;
import dev.tdr.core.TdrConfig;
import dev.tdr.notebook.CatalogSettings;
import dev.tdr.snippets.SnippetSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every setting is declared once (core's TdrConfig.Setting, the modules' providers), and what is
 * derived from the declarations stays true: the settings table of docs/user-guide.md, the CLI's
 * flags, the properties-file keys.
 */
class SettingsDeclaredOnceTest {
  private static final String BEGIN = "<!-- settings table: generated from the declarations; SettingsDeclaredOnceTest keeps it so -->\n";
  private static final String END = "<!-- end of settings table -->";

  @Test
  void theDocsTableIsTheDeclarations() throws Exception {
    String guide = Files.readString(Path.of("..", "docs", "user-guide.md"));
    int a = guide.indexOf(BEGIN);
    int b = guide.indexOf(END);
    assertThat(a).as("docs/user-guide.md holds the settings table between its markers").isGreaterThanOrEqualTo(0);
    assertThat(guide.substring(a + BEGIN.length(), b)).isEqualTo(TdrConfig.settingsTable());
  }

  @Test
  void theModulesSettingsAreFoundAndReadLikeTheEngines() {
    assertThat(TdrConfig.allSettings()).contains(TdrConfig.Setting.URL, SnippetSettings.SNIPPETS, CatalogSettings.CATALOG);
    assertThat(TdrConfig.allSettings().stream().map(SettingSpec::key).distinct().count()).isEqualTo(TdrConfig.allSettings().size());
    assertThat(TdrConfig.allSettings().stream().map(SettingSpec::env).distinct().count()).isEqualTo(TdrConfig.allSettings().size());
    TdrConfig c = TdrConfig.builderFromEnvironment(Map.of("TDR_URL", "jdbc:redshift://h:5439/dev", "TDR_CATALOG", "team.yaml")).build();
    assertThat(CatalogSettings.descriptions(c)).isEqualTo(Path.of("team.yaml"));
    assertThat(c.hasTempDir()).isFalse();
  }

  @Test
  void everyFlagComesFromADeclaration() {
    CliRun cli = new CliRun();
    assertThat(cli.run(Map.of(), "sql", "--help")).isZero();
    String help = cli.out.toString();
    for (SettingSpec s : TdrConfig.allSettings()) {
      if (s.cliFlag() != null) {
        assertThat(help).contains(s.cliFlag() + "=" + ConfigOptions.paramLabel(s)).contains("$" + s.env());
      }
    }
    assertThat(help).doesNotContain("--password");
    assertThat(ConfigOptions.description(TdrConfig.Setting.LOCAL_THRESHOLD))
        .isEqualTo("Results up to this many bytes (sum of the parts) are read locally (default: $TDR_LOCAL_THRESHOLD, else 1gb).");
  }

  @Test
  void aFlagsBadValueNamesTheFlag() {
    CliRun cli = new CliRun();
    assertThat(cli.run(Map.of("TDR_URL", "jdbc:redshift://h:5439/dev"), "query", "--parallelism", "many", "select 1"))
        .isEqualTo(2);
    assertThat(cli.err.toString()).contains("--parallelism='many' is not a whole number");
    assertThatThrownBy(() -> TdrConfig.builderFromEnvironment(Map.of("TDR_QUERY_TIMEOUT", "soon")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("TDR_QUERY_TIMEOUT='soon' is not a duration");
  }
}
