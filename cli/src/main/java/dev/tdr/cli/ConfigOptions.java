package dev.tdr.cli;

import dev.tdr.core.TdrConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Connection and engine settings as flags; each overrides its {@code TDR_*} environment variable
 * (and the {@code TDR_CONFIG} properties file).
 */
final class ConfigOptions {
  @Option(names = "--url", paramLabel = "JDBC_URL", description = "Redshift JDBC URL (default: $TDR_URL).")
  String url;

  @Option(names = "--user", paramLabel = "USER", description = "Database user (default: $TDR_USER); the password comes from $TDR_PASSWORD.")
  String user;

  @Option(names = "--tempdir", paramLabel = "S3_URI", description = "S3 prefix UNLOAD writes under (default: $TDR_TEMPDIR).")
  String tempDir;

  @Option(names = "--iam-role", paramLabel = "ARN", description = "IAM role for UNLOAD (default: $TDR_IAM_ROLE; none: forward the AWS credentials).")
  String iamRole;

  @Option(names = "--s3-endpoint", paramLabel = "URL", description = "S3 endpoint override (default: $TDR_S3_ENDPOINT).")
  URI s3Endpoint;

  @Option(names = "--region", paramLabel = "REGION", description = "Region of the temp-dir bucket (default: $TDR_REGION, then $AWS_REGION).")
  String region;

  @Option(names = "--local-threshold", paramLabel = "SIZE", description = "Largest result read locally, e.g. 1gb (default: $TDR_LOCAL_THRESHOLD or 1gb).")
  String localThreshold;

  @Option(names = "--max-file-size", paramLabel = "SIZE", description = "UNLOAD MAXFILESIZE, e.g. 256mb (default: $TDR_MAX_FILE_SIZE or Redshift's).")
  String maxFileSize;

  @Option(names = "--parallelism", paramLabel = "N", description = "Reader threads (default: $TDR_PARALLELISM or every core).")
  Integer parallelism;

  @Option(names = "--query-timeout", paramLabel = "DURATION", description = "Cancel the query after this long: seconds (300), 30s, 5m, 1h30m or PT5M (default: $TDR_QUERY_TIMEOUT or none).")
  String queryTimeout;

  @Option(names = "--snippets", paramLabel = "PATH", split = ",",
      description = "Snippet sources: directories of .sql files, .yaml or .properties files; repeat or separate with ',' (later wins). Default: $TDR_SNIPPETS.")
  List<Path> snippets;

  @Option(names = "--catalog", paramLabel = "FILE",
      description = "The team's catalog descriptions (YAML) for tdr catalog and notebooks (default: $TDR_CATALOG).")
  Path catalog;

  @Option(names = "--config", paramLabel = "FILE", description = "Properties file with settings (default: $TDR_CONFIG).")
  Path configFile;

  /** The configuration: properties file, then environment, then these flags. */
  TdrConfig build(Map<String, String> env, boolean keepFiles) {
    Map<String, String> effective = env;
    if (configFile != null) {
      effective = new java.util.HashMap<>(env);
      effective.put(TdrConfig.CONFIG_FILE_ENV, configFile.toString());
    }
    TdrConfig.Builder b = TdrConfig.builderFromEnvironment(effective);
    if (url != null) {
      b.url(url);
    }
    if (user != null) {
      b.user(user);
    }
    if (tempDir != null) {
      b.tempDir(tempDir);
    }
    if (iamRole != null) {
      b.iamRole(iamRole);
    }
    if (s3Endpoint != null) {
      b.s3Endpoint(s3Endpoint);
    }
    if (region != null) {
      b.region(region);
    }
    if (localThreshold != null) {
      b.localThreshold(TdrConfig.parseSize(localThreshold, "--local-threshold"));
    }
    if (maxFileSize != null) {
      b.maxFileSize(TdrConfig.parseSize(maxFileSize, "--max-file-size"));
    }
    if (parallelism != null) {
      b.parallelism(parallelism);
    }
    if (queryTimeout != null) {
      b.queryTimeout(TdrConfig.parseDuration(queryTimeout, "--query-timeout"), "--query-timeout");
    }
    if (keepFiles) {
      b.keepFiles(true);
    }
    if (snippets != null) {
      b.snippets(snippets);
    }
    if (catalog != null) {
      b.catalog(catalog);
    }
    return b.build();
  }

}
