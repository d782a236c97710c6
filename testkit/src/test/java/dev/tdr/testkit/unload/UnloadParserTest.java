package dev.tdr.testkit.unload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdr.testkit.unload.UnloadCommand.Compression;
import dev.tdr.testkit.unload.UnloadCommand.Format;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UnloadParserTest {
  private static final String HEAD = "UNLOAD ('select 1') TO 's3://bucket/run/' ";

  @Test
  void defaultsAreRedshiftDefaults() throws Exception {
    UnloadCommand c = UnloadParser.parse(HEAD + "IAM_ROLE default");
    assertThat(c.query()).isEqualTo("select 1");
    assertThat(c.bucket()).isEqualTo("bucket");
    assertThat(c.prefix()).isEqualTo("run/");
    assertThat(c.format()).isEqualTo(Format.TEXT);
    assertThat(c.delimiter()).isEqualTo('|');
    assertThat(c.parallel()).isTrue();
    assertThat(c.manifest()).isFalse();
    assertThat(c.header()).isFalse();
    assertThat(c.nullAs()).isNull();
    assertThat(c.compression()).isEqualTo(Compression.NONE);
    assertThat(c.maxFileSize()).isEqualTo(UnloadCommand.MAX_FILE_SIZE);
    assertThat(c.auth().iamRole()).isEqualTo("default");
  }

  @Test
  void optionsInAnyOrderAndCase() throws Exception {
    UnloadCommand c = UnloadParser.parse("unload ('select 1') to 's3://b/p_' manifest verbose header "
        + "format as csv delimiter as ';' null as 'NULL' parallel off maxfilesize as 5.5 mb gzip "
        + "allowoverwrite region as 'eu-west-1' extension 'csv' iam_role default;");
    assertThat(c.format()).isEqualTo(Format.CSV);
    assertThat(c.manifest()).isTrue();
    assertThat(c.manifestVerbose()).isTrue();
    assertThat(c.header()).isTrue();
    assertThat(c.delimiter()).isEqualTo(';');
    assertThat(c.nullAs()).isEqualTo("NULL");
    assertThat(c.parallel()).isFalse();
    assertThat(c.maxFileSize()).isEqualTo((long) (5.5 * 1024 * 1024));
    assertThat(c.compression()).isEqualTo(Compression.GZIP);
    assertThat(c.allowOverwrite()).isTrue();
    assertThat(c.region()).isEqualTo("eu-west-1");
    assertThat(c.extension()).isEqualTo("csv");
    assertThat(c.prefix()).isEqualTo("p_");
    assertThat(UnloadParser.parse(HEAD + "IAM_ROLE default MAXFILESIZE 1 GB PARALLEL TRUE CSV").maxFileSize())
        .isEqualTo(1024L * 1024 * 1024);
    assertThat(UnloadParser.parse(HEAD + "IAM_ROLE default PARALLEL").parallel()).isTrue();
    assertThat(UnloadParser.parse(HEAD + "IAM_ROLE default CSV").delimiter()).isEqualTo(',');
  }

  @Test
  void threeAuthorizationForms() throws Exception {
    var keys = UnloadParser.parse(HEAD + "ACCESS_KEY_ID 'AK' SECRET_ACCESS_KEY 'SK' SESSION_TOKEN 'T'").auth();
    assertThat(keys.accessKeyId()).isEqualTo("AK");
    assertThat(keys.secretAccessKey()).isEqualTo("SK");
    assertThat(keys.sessionToken()).isEqualTo("T");
    assertThat(keys.toString()).doesNotContain("SK", "AK").contains("***");

    var creds = UnloadParser.parse(HEAD
        + "WITH CREDENTIALS AS 'aws_access_key_id=AK;aws_secret_access_key=SK;token=T'").auth();
    assertThat(creds).isEqualTo(keys);

    var role = UnloadParser.parse(HEAD + "CREDENTIALS 'aws_iam_role=arn:aws:iam::123456789012:role/Unloader'").auth();
    assertThat(role.iamRole()).isEqualTo("arn:aws:iam::123456789012:role/Unloader");
    assertThat(UnloadParser.parse(HEAD + "IAM_ROLE 'arn:aws:iam::123456789012:role/a,arn:aws:iam::123456789012:role/b'")
        .auth().iamRole()).contains("role/b");
  }

  @Test
  void innerQueryIsDecodedFromItsLiteral() throws Exception {
    UnloadCommand c = UnloadParser.parse(
        "UNLOAD ('select ''it''''s'' as a, ''back\\\\\\\\slash'' as b, ''x\\'y''') TO 's3://b/p' IAM_ROLE default");
    assertThat(c.query()).isEqualTo("select 'it''s' as a, 'back\\\\slash' as b, 'x'y'");
  }

  @Test
  void limitOnlyOutsideTheOuterSelect() throws Exception {
    assertThatThrownBy(() -> UnloadParser.parse(
        "UNLOAD ('select * from t order by a limit 10') TO 's3://b/p' IAM_ROLE default"))
        .isInstanceOf(UnloadError.class)
        .hasMessageContaining("Limit clause is not supported in the outer SELECT")
        .extracting(e -> ((UnloadError) e).sqlState()).isEqualTo("0A000");
    assertThatThrownBy(() -> UnloadParser.parse(
        "UNLOAD ('with x as (select 1) select * from x union all select 2 LIMIT 1') TO 's3://b/p' IAM_ROLE default"))
        .hasMessageContaining("Limit clause");
    UnloadParser.parse("UNLOAD ('select * from (select * from t limit 10) q') TO 's3://b/p' IAM_ROLE default");
    UnloadParser.parse("UNLOAD ('with r as (select * from t limit 10) select * from r') TO 's3://b/p' IAM_ROLE default");
    UnloadParser.parse("UNLOAD ('select ''limit 5'' as \"limit\"') TO 's3://b/p' IAM_ROLE default");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''                                                            | UNLOAD needs an authorization",
      "IAM_ROLE default ACCESS_KEY_ID 'a' SECRET_ACCESS_KEY 'b'      | exactly one of",
      "ACCESS_KEY_ID 'a'                                             | must be given together",
      "IAM_ROLE 'not-an-arn'                                         | Invalid IAM role ARN",
      "IAM_ROLE default CSV ESCAPE                                   | ESCAPE is not compatible with CSV",
      "IAM_ROLE default CSV ADDQUOTES                                | ADDQUOTES is not compatible with CSV",
      "IAM_ROLE default CSV FIXEDWIDTH 'a:1'                         | FIXEDWIDTH is not compatible with CSV",
      "IAM_ROLE default PARQUET DELIMITER ','                        | DELIMITER is not compatible with PARQUET",
      "IAM_ROLE default FORMAT PARQUET HEADER                        | HEADER is not compatible with PARQUET",
      "IAM_ROLE default PARQUET GZIP                                 | GZIP is not compatible with PARQUET",
      "IAM_ROLE default PARQUET NULL AS 'x'                          | NULL AS is not compatible with PARQUET",
      "IAM_ROLE default FIXEDWIDTH 'a:1' DELIMITER ','               | DELIMITER is not compatible with FIXEDWIDTH",
      "IAM_ROLE default CLEANPATH ALLOWOVERWRITE                     | CLEANPATH cannot be used with ALLOWOVERWRITE",
      "IAM_ROLE default MAXFILESIZE 4 MB                             | MAXFILESIZE must be between 5 MB and 6.2 GB",
      "IAM_ROLE default MAXFILESIZE 6.3 GB                           | MAXFILESIZE must be between 5 MB and 6.2 GB",
      "IAM_ROLE default HEADER HEADER                                | HEADER given more than once",
      "IAM_ROLE default GZIP BZIP2                                   | compression given more than once",
      "IAM_ROLE default DELIMITER 'ab'                               | DELIMITER must be a single ASCII character",
      "IAM_ROLE default COMPRESS                                     | syntax error at or near \"COMPRESS\"",
      "IAM_ROLE default DELIMITER                                    | syntax error at end of input",
      "IAM_ROLE default ROWGROUPSIZE 64 MB                           | ROWGROUPSIZE is only valid with FORMAT PARQUET",
      "IAM_ROLE default KMS_KEY_ID 'k'                               | KMS_KEY_ID requires ENCRYPTED",
      "IAM_ROLE default PARQUET ROWGROUPSIZE 16 MB                   | ROWGROUPSIZE must be a whole number of MB between 32 MB and 128 MB",
      "IAM_ROLE default PARQUET ROWGROUPSIZE 129 MB                  | ROWGROUPSIZE must be a whole number of MB between 32 MB and 128 MB",
      "IAM_ROLE default PARQUET ROWGROUPSIZE 1 GB                    | ROWGROUPSIZE must be a whole number of MB between 32 MB and 128 MB",
      "IAM_ROLE default PARQUET ROWGROUPSIZE 64.5                    | ROWGROUPSIZE must be a whole number of MB between 32 MB and 128 MB",
      "IAM_ROLE default PARQUET ADDQUOTES                            | ADDQUOTES is not compatible with PARQUET",
      "IAM_ROLE default PARQUET ESCAPE                               | ESCAPE is not compatible with PARQUET",
      "IAM_ROLE default PARQUET FIXEDWIDTH 'a:1'                     | FIXEDWIDTH is not compatible with PARQUET",
      "IAM_ROLE default PARQUET ZSTD                                 | ZSTD is not compatible with PARQUET",
      "IAM_ROLE default PARQUET ENCRYPTED MASTER_SYMMETRIC_KEY 'k'   | client-side encryption (MASTER_SYMMETRIC_KEY) is valid on Redshift but not supported",
      "IAM_ROLE default JSON                                         | FORMAT JSON is valid on Redshift but not supported",
      "CREDENTIALS 'aws_iam_role=arn:aws:iam::123456789012:role/r' ENCRYPTED KMS_KEY_ID 'k' | KMS_KEY_ID cannot be used with CREDENTIALS",
      "IAM_ROLE default ENCRYPTED AUTO KMS_KEY_ID 'k'                | ENCRYPTED AUTO cannot be used with KMS_KEY_ID",
      "IAM_ROLE default ENCRYPTED AUTO MASTER_SYMMETRIC_KEY 'k'      | ENCRYPTED AUTO cannot be used with MASTER_SYMMETRIC_KEY",
      "IAM_ROLE default MASTER_SYMMETRIC_KEY 'k'                     | MASTER_SYMMETRIC_KEY requires ENCRYPTED",
      "IAM_ROLE default ENCRYPTED MASTER_SYMMETRIC_KEY 'k'           | client-side encryption (MASTER_SYMMETRIC_KEY) is valid on Redshift but not supported",
      "CREDENTIALS 'aws_iam_role=arn:aws:iam::123456789012:role/r;master_symmetric_key=k' ENCRYPTED AUTO | ENCRYPTED AUTO cannot be used with a master_symmetric_key in CREDENTIALS",
      "IAM_ROLE default BZIP2                                        | BZIP2 (use GZIP) is valid on Redshift but not supported",
      "IAM_ROLE default ZSTD                                         | ZSTD (use GZIP)",
      "IAM_ROLE default PARTITION BY (a, b) INCLUDE                  | PARTITION BY without FORMAT PARQUET is valid on Redshift but not supported",
      "IAM_ROLE default FIXEDWIDTH 'a:1'                             | FIXEDWIDTH is valid on Redshift but not supported",
      "CREDENTIALS 'aws_access_key_id=a;bogus=1'                     | unknown key 'bogus'",
  })
  void rejectedLikeRedshift(String options, String message) {
    String sql = HEAD + ("''".equals(options) ? "" : options);
    assertThatThrownBy(() -> UnloadParser.parse(sql))
        .isInstanceOf(UnloadError.class)
        .hasMessageContaining(message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ENCRYPTED", "ENCRYPTED AUTO", "ENCRYPTED KMS_KEY_ID 'arn:aws:kms:us-east-1:1:key/k'",
      "KMS_KEY_ID 'k' ENCRYPTED", "PARALLEL ON ENCRYPTED MANIFEST"})
  void serverSideEncryptionIsAccepted(String options) throws Exception {
    UnloadCommand c = UnloadParser.parse(HEAD + "IAM_ROLE default " + options);
    assertThat(c.encrypted()).isTrue();
  }

  /** What spark-redshift and AWS SDK for pandas send with PARQUET (their own SQL text). */
  @ParameterizedTest
  @ValueSource(strings = {
      "UNLOAD ('SELECT \"a\", \"b\" FROM t WHERE \"b\" = \\'x\\'') TO 's3://b/tmp/uuid/'"
          + " WITH CREDENTIALS 'aws_iam_role=arn:aws:iam::123456789012:role/r' FORMAT AS PARQUET  MANIFEST",
      "UNLOAD ('select * from t where b = ''x''')\nTO 's3://b/p/'\nIAM_ROLE 'arn:aws:iam::123456789012:role/r'\n"
          + "ALLOWOVERWRITE\n\nPARALLEL ON\nFORMAT PARQUET\nENCRYPTED\nKMS_KEY_ID 'k'\nMAXFILESIZE AS 5.0 MB\nmanifest;",
      "UNLOAD ('select 1') TO 's3://b/p/' IAM_ROLE default PARQUET ROWGROUPSIZE AS 128 MAXFILESIZE 256 MB PARALLEL OFF"})
  void parquetAsClientsWriteIt(String sql) throws Exception {
    UnloadCommand c = UnloadParser.parse(sql);
    assertThat(c.format()).isEqualTo(UnloadCommand.Format.PARQUET);
    assertThat(c.rowGroupSize()).isEqualTo(sql.contains("ROWGROUPSIZE") ? 128L << 20 : 32L << 20);
  }

  @Test
  void destinationMustBeS3() {
    assertThatThrownBy(() -> UnloadParser.parse("UNLOAD ('select 1') TO 'https://b/p' IAM_ROLE default"))
        .hasMessageContaining("must start with s3://");
    assertThatThrownBy(() -> UnloadParser.parse("UNLOAD ('select 1') TO 's3:///p' IAM_ROLE default"))
        .hasMessageContaining("has no bucket");
  }

  @Test
  void syntaxErrorsNeverEchoStringLiterals() {
    assertThatThrownBy(() -> UnloadParser.parse(HEAD + "ACCESS_KEY_ID 'a' SECRET_ACCESS_KEY 'sekrit' 'sekrit2'"))
        .hasMessageNotContaining("sekrit")
        .hasMessageContaining("syntax error");
  }
}
