package dev.tdr.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdr.core.ConfigException;
import dev.tdr.core.TdrConfig;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The connector's options: each mistake fails on the driver, naming the option and the fix. */
class TdrSparkOptionsTest {
  private static Map<String, String> base() {
    Map<String, String> o = new HashMap<>();
    o.put("url", "jdbc:redshift://h:5439/dev");
    o.put("user", "u");
    o.put("password", "pw-secret");
    o.put("tempdir", "s3://b/tmp/");
    o.put("aws_iam_role", "arn:aws:iam::1:role/r");
    o.put("query", "select 1");
    return o;
  }

  private static TdrSparkOptions parse(Map<String, String> o) {
    return TdrSparkOptions.parse(o);
  }

  @Test
  void keysAreCaseInsensitiveAndTheEngineConfigFollowsThem() {
    Map<String, String> o = base();
    o.put("KEEP_FILES", "true");
    o.put("max_file_size", "64mb");
    o.put("driver_properties", "ssl=false; ApplicationName = x");
    TdrConfig c = parse(o).engineConfig(null);
    assertThat(c.keepFiles()).isTrue();
    assertThat(c.maxFileSize()).isEqualTo(64L << 20);
    assertThat(c.iamRole()).isEqualTo("arn:aws:iam::1:role/r");
    assertThat(c.driverProperties()).containsEntry("ssl", "false").containsEntry("ApplicationName", "x");
    assertThat(parse(o).toString()).doesNotContain("pw-secret");
  }

  @Test
  void theSettingsOptionsAreDerivedAndRoundTrip() {
    TdrConfig c = TdrConfig.builder().url("jdbc:redshift://h:5439/dev").user("u").password("pw").tempDir("s3://b/t/")
        .region("eu-west-1").maxFileSize(32L << 20).queryTimeout(java.time.Duration.ofMinutes(5)).keepFiles(true)
        .s3Endpoint(java.net.URI.create("http://127.0.0.1:9000")).driverProperty("ssl", "false").iamRole("default").build();
    Map<String, String> o = new HashMap<>(TdrSparkOptions.fromConfig(c));
    assertThat(o).containsEntry("tempdir_region", "eu-west-1").containsEntry("aws_iam_role", "default")
        .containsEntry("query_timeout", "PT5M").containsEntry("driver_properties", "ssl=false");
    o.put("query", "select 1");
    TdrConfig back = parse(o).engineConfig(null);
    for (TdrConfig.Setting s : TdrConfig.Setting.values()) {
      if (s.sparkOption() != null) {
        assertThat(back.value(s)).as(s.sparkOption()).isEqualTo(c.value(s));
      }
    }
    Map<String, String> bad = base();
    bad.put("query_timeout", "soon");
    assertThatThrownBy(() -> parse(bad)).hasMessageContaining("option 'query_timeout'='soon' is not a duration");
  }

  @Test
  void mistakesNameTheOptionAndTheFix() {
    Map<String, String> typo = base();
    typo.put("tempdri", "s3://b/t/");
    assertThatThrownBy(() -> parse(typo)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown tdr-redshift option 'tempdri'").hasMessageContaining("did you mean 'tempdir'");
    Map<String, String> two = base();
    two.put("dbtable", "t");
    assertThatThrownBy(() -> parse(two)).hasMessageContaining("exactly one of the options 'dbtable', 'query' or 'manifest' (found 2)");
    Map<String, String> noTemp = base();
    noTemp.remove("tempdir");
    assertThatThrownBy(() -> parse(noTemp)).hasMessageContaining("missing option 'tempdir'");
    Map<String, String> twoAuth = base();
    twoAuth.put("forward_spark_s3_credentials", "true");
    assertThatThrownBy(() -> parse(twoAuth)).hasMessageContaining("exactly one way to write to S3").hasMessageContaining("found 2");
    Map<String, String> bad = base();
    bad.put("keep_files", "yes");
    assertThatThrownBy(() -> parse(bad)).hasMessageContaining("option 'keep_files' must be true or false, got 'yes'");
    Map<String, String> half = base();
    half.remove("aws_iam_role");
    half.put("temporary_aws_access_key_id", "AKID");
    assertThatThrownBy(() -> parse(half)).hasMessageContaining("must be given together");
    Map<String, String> snippets = base();
    snippets.remove("query");
    snippets.put("dbtable", "t");
    snippets.put("snippets", "/x");
    assertThatThrownBy(() -> parse(snippets)).hasMessageContaining("option 'snippets' only applies to 'query'");
    Map<String, String> manifest = new HashMap<>(Map.of("manifest", "/local/manifest"));
    assertThatThrownBy(() -> parse(manifest)).hasMessageContaining("option 'manifest' must be an s3:// URI");
  }

  @Test
  void aManifestNeedsNoConnection() {
    TdrSparkOptions o = parse(new HashMap<>(Map.of("manifest", "s3://b/run/manifest", "null_as", "\\\\N")));
    assertThat(o.manifestMode()).isTrue();
  }
}
