package dev.tdr.core.s3;

import java.io.Serializable;
import java.net.URI;

/**
 * How to reach S3, as a small serializable value that can travel to Spark executors.
 * {@link #toString()} hides the secret and the token.
 *
 * @param endpoint endpoint override, or null for AWS
 * @param pathStyle path-style bucket addressing
 * @param region the bucket's region
 * @param accessKeyId explicit key id, or null for the AWS default credentials chain
 * @param secretAccessKey explicit secret (a secret), or null
 * @param sessionToken session token (a secret), or null
 */
public record S3Settings(URI endpoint, boolean pathStyle, String region, String accessKeyId,
    String secretAccessKey, String sessionToken) implements Serializable {

  /** Registers the secrets, here and on every executor that receives a copy (records deserialize through this). */
  public S3Settings {
    dev.tdr.core.Secrets.register(secretAccessKey);
    dev.tdr.core.Secrets.register(sessionToken);
  }

  @Override
  public String toString() {
    return "S3Settings[endpoint=" + (endpoint == null ? "AWS" : endpoint) + ", pathStyle=" + pathStyle
        + ", region=" + region + ", credentials=" + (accessKeyId == null ? "default chain" : "explicit ***") + "]";
  }
}
