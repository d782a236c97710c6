package dev.tdr.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TdrConfigTest {
  private static final Map<String, String> ENV = Map.of(
      "TDR_URL", "jdbc:redshift://127.0.0.1:5439/dev?ssl=false",
      "TDR_USER", "awsuser",
      "TDR_PASSWORD", "pw-secret",
      "TDR_TEMPDIR", "s3://bucket/tmp",
      "TDR_S3_ENDPOINT", "http://127.0.0.1:9000",
      "AWS_ACCESS_KEY_ID", "AKID",
      "AWS_SECRET_ACCESS_KEY", "aws-secret",
      "AWS_REGION", "eu-west-1");

  @Test
  void readsTheEnvironment() {
    TdrConfig c = TdrConfig.builderFromEnvironment(ENV).build();
    assertThat(c.url()).isEqualTo("jdbc:redshift://127.0.0.1:5439/dev?ssl=false");
    assertThat(c.tempDir()).isEqualTo("s3://bucket/tmp/");
    assertThat(c.s3Endpoint()).isEqualTo(URI.create("http://127.0.0.1:9000"));
    assertThat(c.pathStyle()).isTrue();
    assertThat(c.region()).isEqualTo("eu-west-1");
    assertThat(c.regionExplicit()).isFalse();
    assertThat(c.awsAccessKeyId()).isEqualTo("AKID");
    assertThat(c.localThreshold()).isEqualTo(1L << 30);
    assertThat(c.iamRole()).isNull();
  }

  @Test
  void builderOverridesEnvironmentWhichOverridesTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("tdr.properties");
    Files.writeString(file, "url=jdbc:redshift://file:5439/dev\ntempdir=s3://file/\nlocal_threshold=10mb\n"
        + "parallelism=3\ndriver.loginTimeout=7\n");
    Map<String, String> env = new HashMap<>(ENV);
    env.put("TDR_CONFIG", file.toString());
    env.remove("TDR_URL");
    env.put("TDR_PARALLELISM", "2");
    TdrConfig c = TdrConfig.builderFromEnvironment(env).queryTimeout(Duration.ofSeconds(9)).build();
    assertThat(c.url()).isEqualTo("jdbc:redshift://file:5439/dev");
    assertThat(c.tempDir()).isEqualTo("s3://bucket/tmp/");
    assertThat(c.localThreshold()).isEqualTo(10L << 20);
    assertThat(c.parallelism()).isEqualTo(2);
    assertThat(c.driverProperties()).containsEntry("loginTimeout", "7");
    assertThat(c.queryTimeout()).isEqualTo(Duration.ofSeconds(9));
    assertThat(c.toBuilder().parallelism(5).build().parallelism()).isEqualTo(5);
  }

  @Test
  void timeoutsAcceptTheFormsPeopleType() {
    assertThat(TdrConfig.parseDuration("300", "x")).isEqualTo(Duration.ofSeconds(300));
    assertThat(TdrConfig.parseDuration("2.5", "x")).isEqualTo(Duration.ofMillis(2500));
    assertThat(TdrConfig.parseDuration("30s", "x")).isEqualTo(Duration.ofSeconds(30));
    assertThat(TdrConfig.parseDuration("5m", "x")).isEqualTo(Duration.ofMinutes(5));
    assertThat(TdrConfig.parseDuration("1h", "x")).isEqualTo(Duration.ofHours(1));
    assertThat(TdrConfig.parseDuration("1h30m", "x")).isEqualTo(Duration.ofMinutes(90));
    assertThat(TdrConfig.parseDuration("1h 30m 5s", "x")).isEqualTo(Duration.ofSeconds(5405));
    assertThat(TdrConfig.parseDuration("500ms", "x")).isEqualTo(Duration.ofMillis(500));
    assertThat(TdrConfig.parseDuration("2d", "x")).isEqualTo(Duration.ofDays(2));
    assertThat(TdrConfig.parseDuration("10 min", "x")).isEqualTo(Duration.ofMinutes(10));
    assertThat(TdrConfig.parseDuration("PT5M", "x")).isEqualTo(Duration.ofMinutes(5));
    assertThat(TdrConfig.parseDuration("pt1h", "x")).isEqualTo(Duration.ofHours(1));
    for (String bad : new String[] {"soon", "5 parsecs", "m5", "", "1h-", "P1X"}) {
      assertThatThrownBy(() -> TdrConfig.parseDuration(bad, "TDR_QUERY_TIMEOUT")).as(bad)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("TDR_QUERY_TIMEOUT='" + bad + "' is not a duration; use seconds (300), units (30s, 5m, 1h, 1h30m)");
    }
    assertThat(TdrConfig.formatDuration(Duration.ofSeconds(30))).isEqualTo("30s");
    assertThat(TdrConfig.formatDuration(Duration.ofMillis(1500))).isEqualTo("1.5s");
    assertThat(TdrConfig.formatDuration(Duration.ofMinutes(90))).isEqualTo("1h30m");
    assertThat(TdrConfig.formatDuration(Duration.ofMillis(250))).isEqualTo("250ms");
    Map<String, String> env = new HashMap<>(Map.of("TDR_URL", "jdbc:redshift://h:5439/dev", "TDR_TEMPDIR", "s3://b/t/",
        "TDR_QUERY_TIMEOUT", "30s"));
    TdrConfig c = TdrConfig.builderFromEnvironment(env).build();
    assertThat(c.queryTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.queryTimeoutSource()).isEqualTo("TDR_QUERY_TIMEOUT");
    assertThat(c.toBuilder().queryTimeout(Duration.ofMinutes(1), "--query-timeout").build().queryTimeoutSource())
        .isEqualTo("--query-timeout");
  }

  @Test
  void toStringHidesSecrets() {
    TdrConfig c = TdrConfig.builderFromEnvironment(ENV).driverProperty("IdpPassword", "idp-secret")
        .awsCredentials("AKID", "aws-secret", "session-tok").build();
    assertThat(c.toString()).doesNotContain("pw-secret", "aws-secret", "idp-secret", "session-tok")
        .contains("password=***", "IdpPassword=***", "s3://bucket/tmp/");
  }

  @Test
  void toStringHidesSecretsInTheUrl() {
    TdrConfig c = TdrConfig.builderFromEnvironment(ENV)
        .url("jdbc:redshift://h:5439/dev?ssl=true&password=url-pw;SecretAccessKey=sk;user=u").build();
    assertThat(c.toString()).doesNotContain("url-pw", "=sk")
        .contains("jdbc:redshift://h:5439/dev?ssl=true&password=***;SecretAccessKey=***;user=u");
    assertThat(Secrets.redactUrl("jdbc:redshift://h:5439/dev")).isEqualTo("jdbc:redshift://h:5439/dev");
  }

  @Test
  void badSettingsNameTheSettingAndTheFix() {
    Map<String, String> env = new HashMap<>(ENV);
    env.remove("TDR_TEMPDIR");
    TdrConfig noTempDir = TdrConfig.builderFromEnvironment(env).build(); // enough for JDBC
    assertThat(noTempDir.hasTempDir()).isFalse();
    assertThatThrownBy(noTempDir::tempDir) // what UNLOADs needs it
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("missing setting TDR_TEMPDIR").hasMessageContaining("s3://");
    env.put("TDR_TEMPDIR", "/tmp/x");
    assertThatThrownBy(() -> TdrConfig.builderFromEnvironment(env).build())
        .hasMessageContaining("TDR_TEMPDIR must be s3://bucket/prefix/");
    env.put("TDR_TEMPDIR", "s3://b/");
    env.put("TDR_LOCAL_THRESHOLD", "lots");
    assertThatThrownBy(() -> TdrConfig.builderFromEnvironment(env))
        .hasMessage("TDR_LOCAL_THRESHOLD='lots' is not a size; use e.g. 1gb, 500mb or a byte count");
    env.remove("TDR_LOCAL_THRESHOLD");
    env.put("TDR_MAX_FILE_SIZE", "1mb");
    assertThatThrownBy(() -> TdrConfig.builderFromEnvironment(env).build())
        .hasMessageContaining("TDR_MAX_FILE_SIZE must be between 5mb and 6.2gb");
    env.remove("TDR_MAX_FILE_SIZE");
    env.put("TDR_KEEP_FILES", "maybe");
    assertThatThrownBy(() -> TdrConfig.builderFromEnvironment(env)).hasMessageContaining("not a boolean");
    env.remove("TDR_KEEP_FILES");
    env.put("TDR_URL", "jdbc:mysql://x");
    assertThatThrownBy(() -> TdrConfig.builderFromEnvironment(env).build()).hasMessageContaining("jdbc:redshift://");
  }

  @Test
  void unknownPropertiesFileKeysAreRejected(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.properties");
    Files.writeString(file, "temp_dir=s3://x/\n");
    assertThatThrownBy(() -> TdrConfig.builder().properties(file))
        .hasMessageContaining("unknown key 'temp_dir'").hasMessageContaining("tempdir");
  }

  @Test
  void columnNamesAreMadeUnique() {
    assertThat(ColumnNames.unique(java.util.List.of("a", "a", "a_2", "b", "a", "")))
        .containsExactly("a", "a_3", "a_2", "b", "a_4", "column_6");
  }
}
