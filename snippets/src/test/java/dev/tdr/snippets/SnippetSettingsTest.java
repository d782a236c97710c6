package dev.tdr.snippets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdr.core.ConfigException;
import dev.tdr.core.TdrConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TDR_SNIPPETS is declared here, and read by core's readers of the environment and the file. */
class SnippetSettingsTest {
  private static final Map<String, String> ENV = Map.of(
      "TDR_URL", "jdbc:redshift://127.0.0.1:5439/dev?ssl=false",
      "TDR_TEMPDIR", "s3://bucket/tmp");

  @Test
  void snippetSourcesAreAPathList() {
    assertThat(SnippetSettings.sources(TdrConfig.builderFromEnvironment(ENV).build())).isEmpty();
    Map<String, String> env = new HashMap<>(ENV);
    env.put("TDR_SNIPPETS", "team/snippets:mine.yaml, extra.properties");
    TdrConfig c = TdrConfig.builderFromEnvironment(env).build();
    assertThat(SnippetSettings.sources(c)).containsExactly(Path.of("team/snippets"), Path.of("mine.yaml"), Path.of("extra.properties"));
    assertThat(SnippetSettings.sources(c.toBuilder().build())).isEqualTo(SnippetSettings.sources(c));
    assertThat(c.toString()).contains("snippets=[team/snippets, mine.yaml, extra.properties]");
  }

  @Test
  void theConfigFileKnowsTheKey(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("tdr.properties");
    Files.writeString(file, "snippets=" + dir.resolve("lib") + "\n");
    Map<String, String> env = new HashMap<>(ENV);
    env.put("TDR_CONFIG", file.toString());
    assertThat(SnippetSettings.sources(TdrConfig.builderFromEnvironment(env).build())).containsExactly(dir.resolve("lib"));
    Files.writeString(file, "snipets=x\n");
    assertThatThrownBy(() -> TdrConfig.builderFromEnvironment(env)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown key 'snipets'").hasMessageContaining("snippets");
  }

  @Test
  void declaredOnceForEveryReader() {
    assertThat(TdrConfig.allSettings()).contains(SnippetSettings.SNIPPETS);
    assertThat(SnippetSettings.SNIPPETS.cliFlag()).isEqualTo("--snippets");
    assertThat(SnippetSettings.SNIPPETS.sparkOption()).isEqualTo("snippets");
  }
}
