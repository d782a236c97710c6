package dev.tdr.testkit.wire;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * The front's last resort for result columns PostgreSQL types as an unconstrained {@code numeric}
 * (Redshift has none, and {@link RedshiftDecimals} could not derive the Redshift type): the
 * RowDescription says {@code numeric(38,10)} and each text value of such a column is rounded half
 * away from zero to 10 decimals, so that metadata and values agree. UNLOAD does the same in SQL.
 *
 * <p>Limits: binary-format values are left as they are (and so is their description); a statement
 * executed again without a new RowDescription (a server-prepared statement the client described
 * once) gets its values unrounded.
 */
public final class NumericResults {
  static final int NUMERIC = 1700;
  /** The precision of the default type (one declaration for the front and UNLOAD). */
  public static final int PRECISION = 38;
  /** Its scale: TDR's Spark reader read unconstrained numerics with it before the emulator typed them. */
  public static final int SCALE = 10;
  private static final int TYPMOD = ((PRECISION << 16) | SCALE) + 4;

  /** The columns of the rows now flowing that need rounding; null for none. */
  private boolean[] fix;

  /** Rewrites an unconstrained numeric's typmod in a RowDescription body in place, and remembers it. */
  void rowDescription(byte[] b, int len) {
    int n = PgMessage.int16At(b, 0);
    boolean[] cols = null;
    int p = 2;
    for (int i = 0; i < n && p < len; i++) {
      p = PgMessage.skipCstring(b, p, len);
      p += 4 + 2;
      int oid = PgMessage.int32At(b, p);
      int typmodAt = p + 4 + 2;
      int format = PgMessage.int16At(b, typmodAt + 4);
      if (oid == NUMERIC && PgMessage.int32At(b, typmodAt) < 0 && format == 0) {
        put(b, typmodAt, TYPMOD);
        if (cols == null) {
          cols = new boolean[n];
        }
        cols[i] = true;
      }
      p = typmodAt + 4 + 2;
    }
    fix = cols;
  }

  /** The rows of this result have ended. */
  void end() {
    fix = null;
  }

  boolean active() {
    return fix != null;
  }

  /** A DataRow body with the remembered columns rounded; the body itself if nothing changes. */
  byte[] dataRow(byte[] b, int len) {
    int n = PgMessage.int16At(b, 0);
    ByteArrayOutputStream out = new ByteArrayOutputStream(len + 16 * n);
    out.write(b, 0, 2);
    int p = 2;
    for (int i = 0; i < n; i++) {
      int l = PgMessage.int32At(b, p);
      p += 4;
      if (l < 0 || i >= fix.length || !fix[i]) {
        out.write(b, p - 4, 4 + Math.max(l, 0));
      } else {
        String v = new String(b, p, l, StandardCharsets.US_ASCII);
        byte[] r = round(v).getBytes(StandardCharsets.US_ASCII);
        writeInt(out, r.length);
        out.write(r, 0, r.length);
      }
      p += Math.max(l, 0);
    }
    return out.toByteArray();
  }

  static String round(String v) {
    try {
      return new BigDecimal(v).setScale(SCALE, RoundingMode.HALF_UP).toPlainString();
    } catch (NumberFormatException e) {
      return v; // NaN, Infinity: as PostgreSQL wrote them
    }
  }

  private static void writeInt(ByteArrayOutputStream out, int v) {
    out.write(v >>> 24);
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
  }

  private static void put(byte[] b, int p, int v) {
    b[p] = (byte) (v >>> 24);
    b[p + 1] = (byte) (v >>> 16);
    b[p + 2] = (byte) (v >>> 8);
    b[p + 3] = (byte) v;
  }
}
