package dev.tdr.testkit.s3;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * An S3 endpoint in this JVM: S3Proxy over a filesystem (or in-memory) store, with fixed keys,
 * path-style access and a fault-injecting layer that also covers the emulator's own writes.
 */
public final class S3Server implements AutoCloseable {
  private final S3Proxy proxy;
  private final BlobStore store;
  private final BlobStore raw;
  private final S3Faults faults = new S3Faults();
  private final URI endpoint;

  /**
   * Starts S3 on {@code 127.0.0.1:port} (0 picks a port).
   *
   * @param dataDir where objects live, or null to keep them in memory
   */
  public S3Server(int port, Path dataDir, String accessKey, String secretKey, String bucket)
      throws Exception {
    BlobStore base;
    if (dataDir == null) {
      base = new TransientNio2BlobStore();
    } else {
      Files.createDirectories(dataDir);
      base = new FilesystemNio2BlobStore(dataDir.toAbsolutePath().toString());
    }
    this.raw = base;
    this.store = new FaultyBlobStore(base, faults);
    if (!base.containerExists(bucket)) {
      base.createContainer(bucket);
    }
    this.proxy = S3Proxy.builder()
        .blobStore(store)
        .endpoint(URI.create("http://127.0.0.1:" + port))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
        .ignoreUnknownHeaders(true)
        .build();
    proxy.start();
    while (!"STARTED".equals(proxy.getState())) {
      // start() returns once Jetty is started; the state check guards against a failed start.
      if ("FAILED".equals(proxy.getState()) || "STOPPED".equals(proxy.getState())) {
        throw new IllegalStateException("S3Proxy failed to start: " + proxy.getState());
      }
      Thread.onSpinWait();
    }
    this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  /** {@code http://127.0.0.1:PORT}. */
  public URI endpoint() {
    return endpoint;
  }

  /** The store behind the endpoint (faults applied), for the emulator's own reads and writes. */
  public BlobStore store() {
    return store;
  }

  /** The store without fault injection, for the fault injector's own edits. */
  public BlobStore rawStore() {
    return raw;
  }

  public S3Faults faults() {
    return faults;
  }

  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("could not stop the S3 endpoint", e);
    }
  }
}
