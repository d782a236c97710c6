package dev.tdr.spark;

import org.apache.spark.sql.SparkSession;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/** The driver's AWS credentials, for {@code forward_spark_s3_credentials}. */
final class Credentials {
  private Credentials() {}

  /**
   * {key, secret, token-or-null} when forwarding is on: Spark's {@code fs.s3a.*} settings if set,
   * else the AWS default chain on the driver; null when forwarding is off.
   */
  static String[] forwarded(SparkSession spark, TdrSparkOptions options) {
    if (!options.bool(TdrSparkOptions.FORWARD_SPARK_S3_CREDENTIALS, false)) {
      return null;
    }
    String key = spark.conf().get("spark.hadoop.fs.s3a.access.key", null);
    String secret = spark.conf().get("spark.hadoop.fs.s3a.secret.key", null);
    if (key != null && secret != null) {
      return new String[] {key, secret, spark.conf().get("spark.hadoop.fs.s3a.session.token", null)};
    }
    try (DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build()) {
      AwsCredentials c = chain.resolveCredentials();
      return new String[] {c.accessKeyId(), c.secretAccessKey(),
          c instanceof AwsSessionCredentials s ? s.sessionToken() : null};
    } catch (RuntimeException e) {
      throw new dev.tdr.core.ConfigException("option 'forward_spark_s3_credentials' is set but no AWS credentials"
          + " were found on the driver (spark.hadoop.fs.s3a.access.key/secret.key, AWS_ACCESS_KEY_ID/"
          + "AWS_SECRET_ACCESS_KEY, or a profile): " + e.getMessage());
    }
  }
}
