package dev.tdr.testkit.unload;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PostgreSQL type OIDs the emulator knows, with how each is rendered and named in a VERBOSE
 * manifest. The emulator's own Redshift types (VARBYTE, SUPER, GEOMETRY) get their OIDs when the
 * warehouse is set up.
 */
public final class TypeRegistry {
  static final int BOOL = 16;
  static final int BYTEA = 17;
  static final int CHAR1 = 18;
  static final int NAME = 19;
  static final int INT8 = 20;
  static final int INT2 = 21;
  static final int INT4 = 23;
  static final int TEXT = 25;
  static final int JSON = 114;
  static final int FLOAT4 = 700;
  static final int FLOAT8 = 701;
  static final int BPCHAR = 1042;
  static final int VARCHAR = 1043;
  static final int DATE = 1082;
  static final int TIME = 1083;
  static final int TIMESTAMP = 1114;
  static final int TIMESTAMPTZ = 1184;
  static final int TIMETZ = 1266;
  static final int NUMERIC = 1700;

  /**
   * The type of a result column that PostgreSQL leaves an unconstrained {@code numeric} where the
   * front could not derive Redshift's DECIMAL type (Redshift has no unconstrained numeric): 38
   * digits, 10 after the point ({@link dev.tdr.testkit.wire.NumericResults}, which does the same for
   * the front's results); values are rounded half away from zero.
   */
  public static final String DEFAULT_NUMERIC = "numeric(" + dev.tdr.testkit.wire.NumericResults.PRECISION
      + "," + dev.tdr.testkit.wire.NumericResults.SCALE + ")";
  static final int JSONB = 3802;
  /** Redshift's type OIDs, which its drivers know by number. */
  static final int REDSHIFT_GEOMETRY = 3000;
  static final int REDSHIFT_SUPER = 4000;
  static final int REDSHIFT_VARBYTE = 6551;

  private final int varbyteOid;
  private final int superOid;
  private final int geometryOid;

  /** Registry with the OIDs of the emulator's VARBYTE, SUPER and GEOMETRY types (0 if absent). */
  public TypeRegistry(int varbyteOid, int superOid, int geometryOid) {
    this.varbyteOid = varbyteOid;
    this.superOid = superOid;
    this.geometryOid = geometryOid;
  }

  ColumnKind kind(int oid) {
    switch (oid) {
      case INT2, INT4, INT8, BOOL:
        return ColumnKind.PLAIN;
      case NUMERIC, FLOAT4, FLOAT8:
        return ColumnKind.NUMBER;
      case BPCHAR:
        return ColumnKind.CHAR;
      case VARCHAR, TEXT, NAME, CHAR1:
        return ColumnKind.VARCHAR;
      case JSON, JSONB:
        return ColumnKind.JSON;
      case DATE:
        return ColumnKind.DATE;
      case TIMESTAMP:
        return ColumnKind.TIMESTAMP;
      case TIMESTAMPTZ:
        return ColumnKind.TIMESTAMPTZ;
      case TIME:
        return ColumnKind.TIME;
      case TIMETZ:
        return ColumnKind.TIMETZ;
      case BYTEA:
        return ColumnKind.BYTES;
      default:
        if (oid == varbyteOid || oid == geometryOid) {
          return ColumnKind.PLAIN; // stored as lower-case hex text
        }
        if (oid == superOid) {
          return ColumnKind.JSON;
        }
        return ColumnKind.PLAIN;
    }
  }

  /** An ordered map of alternating keys and values. */
  private static Map<String, Object> type(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  /** Redshift's OID for one of the emulator's own types, or {@code oid} unchanged. */
  public int redshiftOid(int oid) {
    if (oid == superOid && oid != 0) {
      return REDSHIFT_SUPER;
    }
    if (oid == varbyteOid && oid != 0) {
      return REDSHIFT_VARBYTE;
    }
    if (oid == geometryOid && oid != 0) {
      return REDSHIFT_GEOMETRY;
    }
    return oid;
  }

  /** The emulator's OID for one of Redshift's own type OIDs, or {@code oid} unchanged. */
  public int warehouseOid(int oid) {
    return switch (oid) {
      case REDSHIFT_SUPER -> superOid;
      case REDSHIFT_VARBYTE -> varbyteOid;
      case REDSHIFT_GEOMETRY -> geometryOid;
      default -> oid;
    };
  }

  /** The {@code type} object of a VERBOSE manifest schema element. */
  Map<String, Object> manifestType(int oid, int typmod) {
    int mod = typmod - 4;
    switch (oid) {
      case INT2:
        return type("base", "smallint");
      case INT4:
        return type("base", "integer");
      case INT8:
        return type("base", "bigint");
      case NUMERIC:
        if (typmod < 0) {
          return type("base", "numeric"); // no declared precision and scale
        }
        return type("base", "numeric", "precision", (mod >> 16) & 0xffff, "scale", mod & 0xffff);
      case FLOAT4:
        return type("base", "real");
      case FLOAT8:
        return type("base", "double precision");
      case BOOL:
        return type("base", "boolean");
      case BPCHAR:
        return type("base", "character", "max_length", typmod < 0 ? 1 : mod);
      case VARCHAR:
        return type("base", "character varying", "max_length", typmod < 0 ? 65535 : mod);
      case TEXT, NAME, CHAR1:
        return type("base", "character varying", "max_length", 256);
      case DATE:
        return type("base", "date");
      case TIMESTAMP:
        return type("base", "timestamp without time zone");
      case TIMESTAMPTZ:
        return type("base", "timestamp with time zone");
      case TIME:
        return type("base", "time without time zone");
      case TIMETZ:
        return type("base", "time with time zone");
      case JSON, JSONB:
        return type("base", "super");
      case BYTEA:
        return type("base", "varbyte");
      default:
        if (oid == varbyteOid) {
          return type("base", "varbyte");
        }
        if (oid == superOid) {
          return type("base", "super");
        }
        if (oid == geometryOid) {
          return type("base", "geometry");
        }
        return type("base", "character varying", "max_length", 65535);
    }
  }
}
