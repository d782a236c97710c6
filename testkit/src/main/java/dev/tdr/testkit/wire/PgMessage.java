package dev.tdr.testkit.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds PostgreSQL v3 protocol messages and decodes the few fields the front needs. */
public final class PgMessage {
  private final ByteArrayOutputStream body = new ByteArrayOutputStream(64);
  private final int type;

  private PgMessage(int type) {
    this.type = type;
  }

  /** A message of the given type byte; {@code 0} for the untyped startup packet. */
  public static PgMessage of(int type) {
    return new PgMessage(type);
  }

  public PgMessage int8(int v) {
    body.write(v);
    return this;
  }

  public PgMessage int16(int v) {
    body.write((v >>> 8) & 0xff);
    body.write(v & 0xff);
    return this;
  }

  public PgMessage int32(int v) {
    body.write((v >>> 24) & 0xff);
    body.write((v >>> 16) & 0xff);
    body.write((v >>> 8) & 0xff);
    body.write(v & 0xff);
    return this;
  }

  public PgMessage cstring(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    body.write(b, 0, b.length);
    body.write(0);
    return this;
  }

  public PgMessage bytes(byte[] b, int off, int len) {
    body.write(b, off, len);
    return this;
  }

  /** The complete message: type byte (unless startup), length, body. */
  public byte[] toBytes() {
    int len = body.size() + 4;
    ByteArrayOutputStream out = new ByteArrayOutputStream(len + 1);
    if (type != 0) {
      out.write(type);
    }
    out.write((len >>> 24) & 0xff);
    out.write((len >>> 16) & 0xff);
    out.write((len >>> 8) & 0xff);
    out.write(len & 0xff);
    out.write(body.toByteArray(), 0, body.size());
    return out.toByteArray();
  }

  public void writeTo(OutputStream out) throws IOException {
    out.write(toBytes());
  }

  // ---- decoding helpers ----

  /** The zero-terminated UTF-8 string at {@code off} in {@code b}. */
  public static String cstringAt(byte[] b, int off, int limit) {
    int end = off;
    while (end < limit && b[end] != 0) {
      end++;
    }
    return new String(b, off, end - off, StandardCharsets.UTF_8);
  }

  /** Offset just past the zero-terminated string starting at {@code off}. */
  public static int skipCstring(byte[] b, int off, int limit) {
    int end = off;
    while (end < limit && b[end] != 0) {
      end++;
    }
    return end + 1;
  }

  public static int int16At(byte[] b, int off) {
    return (short) (((b[off] & 0xff) << 8) | (b[off + 1] & 0xff));
  }

  public static int int32At(byte[] b, int off) {
    return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8)
        | (b[off + 3] & 0xff);
  }

  public static long int64At(byte[] b, int off) {
    return ((long) int32At(b, off) << 32) | (int32At(b, off + 4) & 0xffffffffL);
  }

  /** The fields of an ErrorResponse or NoticeResponse body, keyed by field type. */
  public static Map<Character, String> fields(byte[] b, int len) {
    Map<Character, String> out = new LinkedHashMap<>();
    int p = 0;
    while (p < len && b[p] != 0) {
      char code = (char) b[p];
      String v = cstringAt(b, p + 1, len);
      out.put(code, v);
      p = skipCstring(b, p + 1, len);
    }
    return out;
  }

  /** An ErrorResponse ('E') or NoticeResponse ('N') with the given fields. */
  public static byte[] withFields(int type, Map<Character, String> fields) {
    PgMessage m = of(type);
    for (Map.Entry<Character, String> f : fields.entrySet()) {
      m.int8(f.getKey());
      m.cstring(f.getValue());
    }
    m.int8(0);
    return m.toBytes();
  }
}
