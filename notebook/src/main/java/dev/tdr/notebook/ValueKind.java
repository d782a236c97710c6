package dev.tdr.notebook;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import org.dflib.Series;

/**
 * What a DataFrame column holds, read off its values (TDR's readers give each Redshift type one
 * Java class, see {@code dev.tdr.core.ColumnType}): the label shown under a column's name, and the
 * Table Schema type of {@code application/vnd.dataresource+json}.
 */
public enum ValueKind {
  SMALLINT("smallint", "integer"),
  INTEGER("int", "integer"),
  BIGINT("bigint", "integer"),
  DECIMAL("decimal", "number"),
  REAL("real", "number"),
  DOUBLE("double", "number"),
  BOOLEAN("boolean", "boolean"),
  STRING("varchar", "string"),
  DATE("date", "date"),
  TIMESTAMP("timestamp", "datetime"),
  TIMESTAMPTZ("timestamptz", "datetime"),
  TIME("time", "time"),
  TIMETZ("timetz", "time"),
  BYTES("varbyte", "string"),
  OTHER("object", "any"),
  /** Every value is null: nothing to tell the type by. */
  NULL("null", "string");

  private final String label;
  private final String tableSchemaType;

  ValueKind(String label, String tableSchemaType) {
    this.label = label;
    this.tableSchemaType = tableSchemaType;
  }

  /** Short type name shown to people ({@code bigint}, {@code varchar}, {@code timestamptz}). */
  public String label() {
    return label;
  }

  /** The Frictionless Table Schema type ({@code integer}, {@code number}, {@code datetime}...). */
  public String tableSchemaType() {
    return tableSchemaType;
  }

  public boolean numeric() {
    return tableSchemaType.equals("integer") || tableSchemaType.equals("number");
  }

  public boolean temporal() {
    return this == DATE || this == TIMESTAMP || this == TIMESTAMPTZ || this == TIME || this == TIMETZ;
  }

  /** The kind of the values TDR reads for a Redshift type. */
  public static ValueKind of(dev.tdr.core.ColumnType type) {
    return switch (type) {
      case SMALLINT -> INTEGER; // read as Integer
      case INTEGER -> INTEGER;
      case BIGINT -> BIGINT;
      case DECIMAL -> DECIMAL;
      case REAL -> REAL;
      case DOUBLE -> DOUBLE;
      case BOOLEAN -> BOOLEAN;
      case CHAR, VARCHAR, SUPER -> STRING;
      case DATE -> DATE;
      case TIMESTAMP -> TIMESTAMP;
      case TIMESTAMPTZ -> TIMESTAMPTZ;
      case TIME -> TIME;
      case TIMETZ -> TIMETZ;
      case VARBYTE, GEOMETRY -> BYTES;
    };
  }

  /** The kind of one value (null gives {@link #NULL}). */
  public static ValueKind of(Object v) {
    if (v == null) {
      return NULL;
    }
    if (v instanceof Short) {
      return SMALLINT;
    }
    if (v instanceof Integer || v instanceof Byte) {
      return INTEGER;
    }
    if (v instanceof Long || v instanceof BigInteger) {
      return BIGINT;
    }
    if (v instanceof BigDecimal) {
      return DECIMAL;
    }
    if (v instanceof Float) {
      return REAL;
    }
    if (v instanceof Double) {
      return DOUBLE;
    }
    if (v instanceof Boolean) {
      return BOOLEAN;
    }
    if (v instanceof CharSequence || v instanceof Character) {
      return STRING;
    }
    if (v instanceof LocalDate) {
      return DATE;
    }
    if (v instanceof LocalDateTime) {
      return TIMESTAMP;
    }
    if (v instanceof OffsetDateTime || v instanceof ZonedDateTime || v instanceof java.time.Instant) {
      return TIMESTAMPTZ;
    }
    if (v instanceof LocalTime) {
      return TIME;
    }
    if (v instanceof OffsetTime) {
      return TIMETZ;
    }
    if (v instanceof byte[]) {
      return BYTES;
    }
    if (v instanceof Temporal) {
      return TIMESTAMP;
    }
    return OTHER;
  }

  /**
   * The kind of a column: the kind of its non-null values, {@link #NULL} if all are null, {@link
   * #OTHER} if they differ (except mixed integer widths, which widen).
   */
  public static ValueKind of(Series<?> s) {
    if (s instanceof dev.tdr.UnboxedSeries u) {
      // TDR's unboxed columns know their type; all-NULL tells nothing, as for other series
      return u.nullCount() == s.size() ? NULL : of(u.type());
    }
    // primitive series hold one type and no nulls: no need to look at the values
    if (s instanceof org.dflib.IntSeries) {
      return s.size() == 0 ? NULL : INTEGER;
    }
    if (s instanceof org.dflib.LongSeries) {
      return s.size() == 0 ? NULL : BIGINT;
    }
    if (s instanceof org.dflib.DoubleSeries) {
      return s.size() == 0 ? NULL : DOUBLE;
    }
    if (s instanceof org.dflib.FloatSeries) {
      return s.size() == 0 ? NULL : REAL;
    }
    if (s instanceof org.dflib.BooleanSeries) {
      return s.size() == 0 ? NULL : BOOLEAN;
    }
    ValueKind kind = NULL;
    for (int i = 0, n = s.size(); i < n; i++) {
      ValueKind k = of(s.get(i));
      if (k == NULL || k == kind) {
        continue;
      }
      if (kind == NULL) {
        kind = k;
      } else if (kind.tableSchemaType.equals("integer") && k.tableSchemaType.equals("integer")) {
        kind = k.ordinal() > kind.ordinal() ? k : kind;
      } else {
        return OTHER;
      }
    }
    return kind;
  }
}
