package dev.tdr.core.unload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdr.core.TdrConfig;
import dev.tdr.core.csv.CsvDialect;
import dev.tdr.core.s3.PartStore;
import dev.tdr.core.s3.S3Uri;
import org.junit.jupiter.api.Test;

/** The UNLOAD statement TDR sends: the query quoted, the prefix, the role, the dialect and options. */
class UnloadStatementTest {
  /** A new UNLOAD's dialect: its NULL marker is random, one per UNLOAD. */
  private static final CsvDialect DIALECT = CsvDialect.forNewUnload();

  private static String statement(TdrConfig config, String inner, boolean parallelOff) {
    try (PartStore store = PartStore.create(config, 1); UnloadEngine engine = new UnloadEngine(config, store)) {
      return engine.statement(inner, S3Uri.parse("s3://b/tdr-temp/run-1/"), DIALECT, parallelOff);
    }
  }

  private static TdrConfig.Builder config() {
    return TdrConfig.builder().url("jdbc:redshift://h:5439/dev").tempDir("s3://b/tdr-temp/").iamRole("arn:aws:iam::1:role/r");
  }

  @Test
  void theQueryIsQuotedAndTheOptionsFollowTheConfiguration() {
    String s = statement(config().build(), "select 'it''s' as v", false);
    assertThat(s).startsWith("UNLOAD ('select ''it''''s'' as v')\nTO 's3://b/tdr-temp/run-1/'\nIAM_ROLE 'arn:aws:iam::1:role/r'\n")
        .contains(DIALECT.unloadOptions() + " MANIFEST VERBOSE")
        .doesNotContain("PARALLEL OFF", "MAXFILESIZE", "REGION");
    String ordered = statement(config().maxFileSize(64L << 20).region("eu-west-1").build(), "select 1 order by 1", true);
    assertThat(ordered).endsWith(" MANIFEST VERBOSE PARALLEL OFF MAXFILESIZE 64 MB REGION 'eu-west-1'");
    assertThat(statement(config().iamRole("default").build(), "select 1", false)).contains("\nIAM_ROLE default\n");
  }

  @Test
  void withoutARoleTheCredentialsAreForwarded() {
    String s = statement(config().iamRole(null).awsCredentials("AKIDEXAMPLE", "secret/key", "token").build(), "select 1", false);
    assertThat(s).contains("ACCESS_KEY_ID 'AKIDEXAMPLE' SECRET_ACCESS_KEY 'secret/key' SESSION_TOKEN 'token'");
  }
}
