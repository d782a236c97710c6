package dev.tdr.core.s3;

import dev.tdr.core.PartReadException;
import dev.tdr.core.TdrConfig;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * S3 access for the engine and the readers: AWS SDK v2 with the Apache HTTP client, the
 * configured endpoint, path style and region, credentials from the configuration or the AWS
 * default chain, and the SDK's standard retries with backoff. Thread-safe.
 */
public final class PartStore implements AutoCloseable {
  private static final int MAX_ATTEMPTS = 5;

  private final S3Client s3;
  private final AwsCredentialsProvider credentials;

  private PartStore(S3Client s3, AwsCredentialsProvider credentials) {
    this.s3 = s3;
    this.credentials = credentials;
  }

  /** A store for {@code config}, with up to {@code connections} parallel connections. */
  public static PartStore create(TdrConfig config, int connections) {
    return create(config.s3Settings(), connections);
  }

  /** A store for {@code settings}, with up to {@code connections} parallel connections. */
  public static PartStore create(S3Settings settings, int connections) {
    AwsCredentialsProvider creds = credentialsOf(settings);
    S3ClientBuilder b = S3Client.builder()
        .region(Region.of(settings.region()))
        .credentialsProvider(creds)
        .forcePathStyle(settings.pathStyle())
        .httpClientBuilder(Apache5HttpClient.builder()
            .maxConnections(Math.max(8, connections * 2))
            .connectionTimeout(Duration.ofSeconds(10))
            .socketTimeout(Duration.ofSeconds(60)))
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD)
            .retryStrategy(r -> r.maxAttempts(MAX_ATTEMPTS)));
    if (settings.endpoint() != null) {
      b.endpointOverride(settings.endpoint());
    }
    return new PartStore(b.build(), creds);
  }

  private static AwsCredentialsProvider credentialsOf(S3Settings s) {
    if (s.accessKeyId() != null) {
      AwsCredentials c = s.sessionToken() != null
          ? AwsSessionCredentials.create(s.accessKeyId(), s.secretAccessKey(), s.sessionToken())
          : AwsBasicCredentials.create(s.accessKeyId(), s.secretAccessKey());
      return StaticCredentialsProvider.create(c);
    }
    return DefaultCredentialsProvider.builder().build();
  }

  /** The credentials S3 requests use (forwarded to UNLOAD when there is no IAM role). */
  public AwsCredentials credentials() {
    return credentials.resolveCredentials();
  }

  /**
   * Opens an object for reading. Fails if its stored length differs from {@code expectedLength}
   * (when {@code >= 0}); the returned stream fails if it ends before {@code expectedLength}
   * bytes, or goes past them.
   */
  public InputStream open(S3Uri uri, long expectedLength) {
    return open(uri, expectedLength, null);
  }

  /** Opens the byte range {@code [start, endInclusive]} of an object. */
  public InputStream openRange(S3Uri uri, long start, long endInclusive) {
    return open(uri, endInclusive - start + 1, "bytes=" + start + "-" + endInclusive);
  }

  private InputStream open(S3Uri uri, long expectedLength, String range) {
    ResponseInputStream<GetObjectResponse> in;
    try {
      GetObjectRequest.Builder req = GetObjectRequest.builder().bucket(uri.bucket()).key(uri.key());
      if (range != null) {
        req.range(range);
      }
      in = s3.getObject(req.build());
    } catch (NoSuchKeyException e) {
      throw new PartReadException(uri.toString(), "no such object (deleted, or never written)", e);
    } catch (SdkException e) {
      throw new PartReadException(uri.toString(), describe(e), e);
    }
    Long stored = in.response().contentLength();
    if (expectedLength >= 0 && stored != null && stored != expectedLength) {
      closeQuietly(in);
      throw new PartReadException(uri.toString(), "object is " + stored + " bytes but the manifest says "
          + expectedLength + " (truncated or replaced part)", null);
    }
    return new CheckedLengthStream(in, uri.toString(), expectedLength);
  }

  /** The whole object, or empty if it does not exist. */
  public Optional<byte[]> readIfExists(S3Uri uri) {
    try {
      return Optional.of(s3.getObjectAsBytes(b -> b.bucket(uri.bucket()).key(uri.key())).asByteArray());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw new PartReadException(uri.toString(), describe(e), e);
    }
  }

  /** Keys under {@code prefix}, in S3's order. */
  public List<String> list(S3Uri prefix) {
    List<String> keys = new ArrayList<>();
    try {
      for (S3Object o : s3.listObjectsV2Paginator(ListObjectsV2Request.builder()
          .bucket(prefix.bucket()).prefix(prefix.key()).build()).contents()) {
        keys.add(o.key());
      }
    } catch (SdkException e) {
      throw new PartReadException(prefix.toString(), describe(e), e);
    }
    return keys;
  }

  /** Deletes every object under {@code prefix}; returns how many. */
  public int deletePrefix(S3Uri prefix) {
    List<String> keys = list(prefix);
    for (int i = 0; i < keys.size(); i += 1000) {
      List<ObjectIdentifier> batch = keys.subList(i, Math.min(keys.size(), i + 1000)).stream()
          .map(k -> ObjectIdentifier.builder().key(k).build()).toList();
      try {
        s3.deleteObjects(b -> b.bucket(prefix.bucket()).delete(Delete.builder().objects(batch).quiet(true).build()));
      } catch (SdkException e) {
        throw new PartReadException(prefix.toString(), "cannot delete: " + describe(e), e);
      }
    }
    return keys.size();
  }

  static String describe(SdkException e) {
    if (e instanceof S3Exception s3e) {
      String code = s3e.awsErrorDetails() == null ? null : s3e.awsErrorDetails().errorCode();
      return "S3 error " + s3e.statusCode() + (code == null ? "" : " " + code)
          + " after up to " + MAX_ATTEMPTS + " attempts";
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  private static void closeQuietly(ResponseInputStream<?> in) {
    try {
      in.abort();
    } catch (RuntimeException ignored) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    s3.close();
  }

  /** Counts bytes and fails if the stream is shorter or longer than expected. */
  private static final class CheckedLengthStream extends FilterInputStream {
    private final String uri;
    private final long expected;
    private long count;

    CheckedLengthStream(ResponseInputStream<GetObjectResponse> in, String uri, long expected) {
      super(in);
      this.uri = uri;
      this.expected = expected;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b < 0) {
        checkEnd();
      } else {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      if (n < 0) {
        checkEnd();
      } else {
        count(n);
      }
      return n;
    }

    private void count(int n) throws IOException {
      count += n;
      if (expected >= 0 && count > expected) {
        throw new IOException(uri + ": more than the " + expected + " bytes the manifest lists");
      }
    }

    private void checkEnd() throws IOException {
      if (expected >= 0 && count != expected) {
        throw new IOException(uri + ": ended after " + count + " of " + expected + " bytes");
      }
    }

    @Override
    public void close() throws IOException {
      if (expected >= 0 && count < expected) {
        ((ResponseInputStream<?>) in).abort();
      }
      super.close();
    }
  }
}
