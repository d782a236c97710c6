package dev.tdr.testkit.s3;

import dev.tdr.testkit.S3Operation;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.S3Exceptions;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/** A blob store that applies armed {@link S3Faults} before delegating. */
final class FaultyBlobStore extends ForwardingBlobStore {
  private final S3Faults faults;

  FaultyBlobStore(BlobStore delegate, S3Faults faults) {
    super(delegate);
    this.faults = faults;
  }

  private S3Faults.Action apply(S3Operation op, String key) {
    faults.saw(op, key);
    S3Faults.Action a = faults.take(op, key);
    if (a == null || a.bodyFault() != null) {
      return a;
    }
    if (a.hold() != null) {
      a.hold().hold(key);
    }
    if (a.stall() != null) {
      try {
        Thread.sleep(a.stall().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (a.status() > 0) {
      throw S3Exceptions.fromStatusCode(a.status());
    }
    return null;
  }

  @Override
  public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
    S3Faults.Action a = apply(S3Operation.GET, request.key());
    ResponseInputStream<GetObjectResponse> in = super.getBlob(request);
    return a == null ? in : new ResponseInputStream<>(in.response(), new FaultyBody(in, a));
  }

  /** A body that breaks off, or stalls, after {@code afterBytes}. */
  private static final class FaultyBody extends FilterInputStream {
    private final S3Faults.Action action;
    private long sent;
    private boolean stalled;

    FaultyBody(InputStream in, S3Faults.Action action) {
      super(in);
      this.action = action;
    }

    private int allowed(int len) throws IOException {
      if (sent >= action.afterBytes() && !stalled) {
        if (action.bodyFault() == S3Faults.BodyFault.CUT) {
          throw new IOException("injected fault: the body breaks off after " + sent + " bytes");
        }
        stalled = true;
        try {
          Thread.sleep(action.stall().toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException("interrupted in an injected stall");
        }
      }
      return stalled ? len : (int) Math.min(len, action.afterBytes() - sent);
    }

    @Override
    public int read() throws IOException {
      allowed(1);
      int b = super.read();
      if (b >= 0) {
        sent++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, allowed(len));
      if (n > 0) {
        sent += n;
      }
      return n;
    }
  }

  @Override
  public PutObjectResponse putBlob(PutObjectRequest request, InputStream data) {
    apply(S3Operation.PUT, request.key());
    return super.putBlob(request, data);
  }

  @Override
  public HeadObjectResponse blobMetadata(HeadObjectRequest request) {
    apply(S3Operation.HEAD, request.key());
    return super.blobMetadata(request);
  }

  @Override
  public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
    apply(S3Operation.DELETE, request.key());
    return super.removeBlob(request);
  }

  @Override
  public DeleteObjectsResponse removeBlobs(DeleteObjectsRequest request) {
    for (int i = 1; i < request.delete().objects().size(); i++) {
      faults.saw(S3Operation.DELETE, request.delete().objects().get(i).key());
    }
    apply(S3Operation.DELETE, request.delete().objects().isEmpty() ? ""
        : request.delete().objects().get(0).key());
    return delegate().removeBlobs(request);
  }

  @Override
  public ListObjectsV2Response list(ListObjectsV2Request request) {
    apply(S3Operation.LIST, request.prefix());
    return super.list(request);
  }
}
