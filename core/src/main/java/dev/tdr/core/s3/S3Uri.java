package dev.tdr.core.s3;

import java.io.Serializable;

/** An {@code s3://bucket/key} location. */
public record S3Uri(String bucket, String key) implements Serializable {

  /** Parses {@code s3://bucket/key}; the key may be empty. */
  public static S3Uri parse(String uri) {
    if (uri == null || !uri.startsWith("s3://")) {
      throw new IllegalArgumentException("not an s3:// URI: " + uri);
    }
    String rest = uri.substring(5);
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    if (bucket.isEmpty()) {
      throw new IllegalArgumentException("no bucket in " + uri);
    }
    return new S3Uri(bucket, slash < 0 ? "" : rest.substring(slash + 1));
  }

  /** This location with {@code suffix} appended to the key. */
  public S3Uri resolve(String suffix) {
    return new S3Uri(bucket, key + suffix);
  }

  @Override
  public String toString() {
    return "s3://" + bucket + "/" + key;
  }
}
