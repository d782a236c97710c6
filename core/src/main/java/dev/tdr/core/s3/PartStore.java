package dev.tdr.core.s3;

import dev.tdr.core.PartReadException;
import dev.tdr.core.StorageException;
import dev.tdr.core.TdrConfig;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
import software.amazon.awssdk.retries.api.BackoffStrategy;
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
  /** The SDK's standard backoff: exponential from 100 ms with full jitter, at most 20 s. */
  private static final BackoffStrategy BACKOFF = BackoffStrategy.exponentialDelay(Duration.ofMillis(100),
      Duration.ofSeconds(20));
  private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(60);
  /** S3 clients built in this JVM (each store builds one). */
  private static final java.util.concurrent.atomic.AtomicLong CLIENTS = new java.util.concurrent.atomic.AtomicLong();

  /** Builds clients off the caller's thread: the first query overlaps the SDK's start with its UNLOAD. */
  private static final java.util.concurrent.Executor STARTER = r -> {
    Thread t = new Thread(r, "tdr-s3-start");
    t.setDaemon(true);
    t.start();
  };
  private static final Logger LOG = LoggerFactory.getLogger(PartStore.class);

  private final CompletableFuture<S3Client> client;
  private final AwsCredentialsProvider credentials;

  private PartStore(CompletableFuture<S3Client> client, AwsCredentialsProvider credentials) {
    this.client = client;
    this.credentials = credentials;
  }

  /** The client, once built (the first call may wait for it). */
  private S3Client s3() {
    try {
      return client.join();
    } catch (java.util.concurrent.CompletionException e) {
      Throwable c = e.getCause();
      throw c instanceof RuntimeException re ? re : new IllegalStateException("cannot create the S3 client: " + c, c);
    }
  }

  /** A store for {@code config}, with up to {@code connections} parallel connections. */
  public static PartStore create(TdrConfig config, int connections) {
    return create(config.s3Settings(), connections);
  }

  /** A store for {@code settings}, with up to {@code connections} parallel connections. */
  public static PartStore create(S3Settings settings, int connections) {
    return create(settings, connections, SOCKET_TIMEOUT);
  }

  /**
   * A store for {@code settings}, with up to {@code connections} parallel connections and reads
   * that time out after {@code socketTimeout} without data (then they are resumed).
   */
  public static PartStore create(S3Settings settings, int connections, Duration socketTimeout) {
    AwsCredentialsProvider creds = credentialsOf(settings);
    S3ClientBuilder b = S3Client.builder()
        .region(Region.of(settings.region()))
        .credentialsProvider(creds)
        .forcePathStyle(settings.pathStyle())
        .httpClientBuilder(Apache5HttpClient.builder()
            .maxConnections(Math.max(8, connections * 2))
            .connectionTimeout(Duration.ofSeconds(10))
            .socketTimeout(socketTimeout))
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD)
            .retryStrategy(r -> r.maxAttempts(MAX_ATTEMPTS)));
    if (settings.endpoint() != null) {
      b.endpointOverride(settings.endpoint());
    }
    CLIENTS.incrementAndGet();
    return new PartStore(CompletableFuture.supplyAsync(b::build, STARTER), creds);
  }

  /**
   * How many S3 clients (stores) this JVM has built so far: each costs a connection pool and,
   * in a fresh process, about half a second; for tests that check a read does not build more.
   */
  public static long clientsCreated() {
    return CLIENTS.get();
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
   * Opens an object whose length the manifest gives for reading. Fails if its stored length
   * differs; a body that breaks off is resumed where it stopped (see {@link #open(S3Uri, long,
   * long, long)}).
   */
  public InputStream open(S3Uri uri, long objectLength) {
    return open(uri, objectLength, 0, objectLength);
  }

  /**
   * Opens bytes {@code [start, end)} of an object of {@code objectLength} bytes (the manifest's).
   * Fails at once if the stored object has another length (truncated or replaced); a connection
   * reset, truncated body or read timeout in the middle is resumed from the first byte not yet
   * read, with the SDK's backoff, up to {@value #MAX_ATTEMPTS} attempts, and then fails naming
   * the object, what happened and the attempts.
   */
  public InputStream open(S3Uri uri, long objectLength, long start, long end) {
    if (start < 0 || end < start || (objectLength >= 0 && end > objectLength)) {
      throw new IllegalArgumentException("bad range [" + start + ", " + end + ") of " + objectLength + " bytes");
    }
    return new ResumableStream(uri.toString(), objectLength, start, end, MAX_ATTEMPTS, BACKOFF::computeDelay,
        (from, to) -> get(uri, "bytes=" + from + "-" + (to - 1)));
  }

  private ResponseInputStream<GetObjectResponse> get(S3Uri uri, String range) {
    try {
      return s3().getObject(GetObjectRequest.builder().bucket(uri.bucket()).key(uri.key()).range(range).build());
    } catch (NoSuchKeyException e) {
      throw new PartReadException(uri.toString(), "no such object (deleted, or never written)", e);
    } catch (S3Exception e) {
      if (e.statusCode() == 416) {
        throw new PartReadException(uri.toString(), "object is shorter than the manifest says (truncated or"
            + " replaced part; " + range + " is not satisfiable)", e);
      }
      throw new PartReadException(uri.toString(), describe(e), e);
    } catch (SdkException e) {
      throw new PartReadException(uri.toString(), describe(e), e);
    }
  }

  /** The whole object, or empty if it does not exist. */
  public Optional<byte[]> readIfExists(S3Uri uri) {
    try {
      return Optional.of(s3().getObjectAsBytes(b -> b.bucket(uri.bucket()).key(uri.key())).asByteArray());
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
      for (S3Object o : s3().listObjectsV2Paginator(ListObjectsV2Request.builder()
          .bucket(prefix.bucket()).prefix(prefix.key()).build()).contents()) {
        keys.add(o.key());
      }
    } catch (SdkException e) {
      throw new StorageException("cannot list", prefix.toString(), describe(e), e);
    }
    return keys;
  }

  /** Writes {@code bytes} as the object {@code uri}. */
  public void put(S3Uri uri, byte[] bytes) {
    try {
      s3().putObject(b -> b.bucket(uri.bucket()).key(uri.key()),
          software.amazon.awssdk.core.sync.RequestBody.fromBytes(bytes));
    } catch (SdkException e) {
      throw new StorageException("cannot write", uri.toString(), describe(e), e);
    }
  }

  /** Deletes the object {@code uri} (nothing if it does not exist). */
  public void delete(S3Uri uri) {
    try {
      s3().deleteObject(b -> b.bucket(uri.bucket()).key(uri.key()));
    } catch (SdkException e) {
      throw new StorageException("cannot delete", uri.toString(), describe(e), e);
    }
  }

  /** One level under a prefix: the objects directly in it and the "folders" ({@code name/}) below it. */
  public record Level(List<S3Object> objects, List<String> folders) {}

  /** The objects directly under {@code prefix} and the folders below it (a listing with delimiter {@code /}). */
  public Level level(S3Uri prefix) {
    List<S3Object> objects = new ArrayList<>();
    List<String> folders = new ArrayList<>();
    try {
      for (var page : s3().listObjectsV2Paginator(ListObjectsV2Request.builder()
          .bucket(prefix.bucket()).prefix(prefix.key()).delimiter("/").build())) {
        objects.addAll(page.contents());
        page.commonPrefixes().forEach(c -> folders.add(c.prefix()));
      }
    } catch (SdkException e) {
      throw new StorageException("cannot list", prefix.toString(), describe(e), e);
    }
    return new Level(objects, folders);
  }

  /** Deletes every object under {@code prefix}; returns how many. */
  public int deletePrefix(S3Uri prefix) {
    List<String> keys = list(prefix);
    for (int i = 0; i < keys.size(); i += 1000) {
      List<ObjectIdentifier> batch = keys.subList(i, Math.min(keys.size(), i + 1000)).stream()
          .map(k -> ObjectIdentifier.builder().key(k).build()).toList();
      try {
        s3().deleteObjects(b -> b.bucket(prefix.bucket()).delete(Delete.builder().objects(batch).quiet(true).build()));
      } catch (SdkException e) {
        throw new StorageException("cannot delete", prefix.toString(), describe(e), e);
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

  /**
   * Sends one cheap request (a listing of at most one key under {@code prefix}) in the background,
   * so the first real request finds the HTTP client, signing and parsing warm. Failures are ignored.
   */
  public void warmUp(S3Uri prefix) {
    client.thenAcceptAsync(c -> {
      try {
        c.listObjectsV2(ListObjectsV2Request.builder().bucket(prefix.bucket()).prefix(prefix.key()).maxKeys(1).build());
      } catch (RuntimeException e) {
        LOG.debug("S3 warm-up request failed (ignored): {}", e.toString());
      }
    }, STARTER);
  }

  @Override
  public void close() {
    client.thenAccept(S3Client::close);
  }
}
