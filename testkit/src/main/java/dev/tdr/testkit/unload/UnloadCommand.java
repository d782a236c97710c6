package dev.tdr.testkit.unload;

import java.util.List;

/**
 * A parsed UNLOAD statement.
 *
 * @param query the inner SELECT, decoded from its literal
 * @param bucket destination bucket
 * @param prefix destination key prefix (may be empty)
 * @param auth how S3 access is authorized
 * @param format CSV, TEXT (delimited), PARQUET or JSON
 * @param delimiter field delimiter
 * @param nullAs text written for NULL, or null for the default (an empty field)
 * @param partitionBy PARTITION BY columns as written (empty without), {@code partitionInclude} with INCLUDE
 * @param rowGroupSize PARQUET row group size in bytes (ROWGROUPSIZE, 32 MB by default)
 */
public record UnloadCommand(
    String query,
    String bucket,
    String prefix,
    Authorization auth,
    Format format,
    char delimiter,
    boolean header,
    String nullAs,
    boolean escape,
    boolean addQuotes,
    String fixedWidth,
    boolean manifest,
    boolean manifestVerbose,
    Compression compression,
    boolean allowOverwrite,
    boolean cleanPath,
    boolean parallel,
    long maxFileSize,
    String region,
    String extension,
    boolean encrypted,
    String kmsKeyId,
    List<String> partitionBy,
    boolean partitionInclude,
    long rowGroupSize) {

  public enum Format { TEXT, CSV, PARQUET, JSON }

  public enum Compression {
    NONE(""), GZIP(".gz"), BZIP2(".bz2"), ZSTD(".zst");

    private final String suffix;

    Compression(String suffix) {
      this.suffix = suffix;
    }

    public String suffix() {
      return suffix;
    }
  }

  /** Redshift's default and largest MAXFILESIZE: 6.2 GB. */
  public static final long MAX_FILE_SIZE = (long) (6.2 * 1024 * 1024 * 1024);
  /** Redshift's PARQUET row group size without ROWGROUPSIZE: 32 MB. */
  public static final long DEFAULT_ROW_GROUP_SIZE = 32L * 1024 * 1024;
  /** Redshift's smallest MAXFILESIZE: 5 MB. */
  public static final long MIN_FILE_SIZE = 5L * 1024 * 1024;

  /**
   * One of the three authorization forms.
   *
   * @param iamRole role ARN (or "default") for IAM_ROLE / aws_iam_role, else null
   * @param accessKeyId key id for key-based authorization, else null
   * @param secretAccessKey secret for key-based authorization, else null
   * @param sessionToken session token, or null
   */
  public record Authorization(String iamRole, String accessKeyId, String secretAccessKey,
      String sessionToken) {
    @Override
    public String toString() {
      return iamRole != null ? "Authorization[iamRole=" + iamRole + "]"
          : "Authorization[accessKeyId=***, secretAccessKey=***"
              + (sessionToken != null ? ", sessionToken=***" : "") + "]";
    }
  }
}
