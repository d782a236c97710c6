package dev.tdr.testkit.wire;

/**
 * Translates type OIDs between the warehouse and Redshift clients: the emulator's own types
 * (SUPER, VARBYTE, GEOMETRY) have warehouse-assigned OIDs, while Redshift drivers know these
 * types only by Redshift's fixed OIDs.
 */
public interface TypeOids {
  /** No translation. */
  TypeOids IDENTITY = new TypeOids() {
    @Override
    public int toClient(int oid) {
      return oid;
    }

    @Override
    public int toBackend(int oid) {
      return oid;
    }
  };

  /** The OID a Redshift client expects for warehouse type {@code oid}. */
  int toClient(int oid);

  /** The warehouse OID for a type a client named by Redshift's OID. */
  int toBackend(int oid);

  /** Rewrites the type OIDs of a RowDescription body in place. */
  static void rowDescription(byte[] b, int len, TypeOids oids) {
    int n = PgMessage.int16At(b, 0);
    int p = 2;
    for (int i = 0; i < n && p < len; i++) {
      p = PgMessage.skipCstring(b, p, len);
      p += 4 + 2;
      put(b, p, oids.toClient(PgMessage.int32At(b, p)));
      p += 4 + 2 + 4 + 2;
    }
  }

  /** Rewrites the type OIDs of a ParameterDescription body in place. */
  static void parameterDescription(byte[] b, int len, TypeOids oids) {
    int n = PgMessage.int16At(b, 0);
    for (int i = 0; i < n && 2 + 4 * i + 4 <= len; i++) {
      int p = 2 + 4 * i;
      put(b, p, oids.toClient(PgMessage.int32At(b, p)));
    }
  }

  /** Rewrites the parameter type OIDs of a Parse body in place (client to backend). */
  static void parse(byte[] b, int len, TypeOids oids) {
    int p = PgMessage.skipCstring(b, 0, len);
    p = PgMessage.skipCstring(b, p, len);
    if (p + 2 > len) {
      return;
    }
    int n = PgMessage.int16At(b, p);
    p += 2;
    for (int i = 0; i < n && p + 4 <= len; i++, p += 4) {
      put(b, p, oids.toBackend(PgMessage.int32At(b, p)));
    }
  }

  private static void put(byte[] b, int p, int v) {
    b[p] = (byte) (v >>> 24);
    b[p + 1] = (byte) (v >>> 16);
    b[p + 2] = (byte) (v >>> 8);
    b[p + 3] = (byte) v;
  }
}
