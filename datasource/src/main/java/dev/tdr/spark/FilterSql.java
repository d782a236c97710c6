package dev.tdr.spark;

import dev.tdr.core.Column;
import dev.tdr.core.ColumnType;
import dev.tdr.core.Schema;
import dev.tdr.core.sql.SqlLiterals;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.sources.And;
import org.apache.spark.sql.sources.EqualTo;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.sources.GreaterThan;
import org.apache.spark.sql.sources.GreaterThanOrEqual;
import org.apache.spark.sql.sources.In;
import org.apache.spark.sql.sources.IsNotNull;
import org.apache.spark.sql.sources.IsNull;
import org.apache.spark.sql.sources.LessThan;
import org.apache.spark.sql.sources.LessThanOrEqual;
import org.apache.spark.sql.sources.Not;
import org.apache.spark.sql.sources.Or;
import org.apache.spark.sql.sources.StringContains;
import org.apache.spark.sql.sources.StringEndsWith;
import org.apache.spark.sql.sources.StringStartsWith;

/**
 * Translates Spark filters into Redshift SQL with the same meaning, or says it cannot (then Spark
 * evaluates the filter after the scan). Translated: comparisons, IN, IS [NOT] NULL, AND, OR, NOT,
 * and string prefix/suffix/contains (as LEFT/RIGHT/POSITION, so no LIKE escaping is involved).
 * Not translated: filters on SUPER, VARBYTE, GEOMETRY, TIME/TIMETZ columns, on renamed (duplicate)
 * columns, range and string-function filters on CHAR (blank-padding rules differ), NaN and
 * infinite values, IN lists holding NULL, null-safe equality. Identifiers are double-quoted,
 * literals typed and escaped.
 */
final class FilterSql {
  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");

  private final Schema schema;
  private final List<String> sourceNames;

  /** {@code sourceNames}: each column's name in the source query (null if renamed: unusable). */
  FilterSql(Schema schema, List<String> sourceNames) {
    this.schema = schema;
    this.sourceNames = sourceNames;
  }

  static String ident(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  /** SQL for {@code f}, or null if it cannot be translated exactly. */
  String sql(Filter f) {
    if (f instanceof And a) {
      String l = sql(a.left());
      String r = sql(a.right());
      return l == null || r == null ? null : "(" + l + " AND " + r + ")";
    }
    if (f instanceof Or o) {
      String l = sql(o.left());
      String r = sql(o.right());
      return l == null || r == null ? null : "(" + l + " OR " + r + ")";
    }
    if (f instanceof Not n) {
      String c = sql(n.child());
      return c == null ? null : "(NOT " + c + ")";
    }
    if (f instanceof IsNull n) {
      String col = column(n.attribute(), false);
      return col == null ? null : col + " IS NULL";
    }
    if (f instanceof IsNotNull n) {
      String col = column(n.attribute(), false);
      return col == null ? null : col + " IS NOT NULL";
    }
    if (f instanceof EqualTo e) {
      return compare(e.attribute(), "=", e.value(), true);
    }
    if (f instanceof GreaterThan g) {
      return compare(g.attribute(), ">", g.value(), false);
    }
    if (f instanceof GreaterThanOrEqual g) {
      return compare(g.attribute(), ">=", g.value(), false);
    }
    if (f instanceof LessThan l) {
      return compare(l.attribute(), "<", l.value(), false);
    }
    if (f instanceof LessThanOrEqual l) {
      return compare(l.attribute(), "<=", l.value(), false);
    }
    if (f instanceof In in) {
      Column c = col(in.attribute());
      String col = column(in.attribute(), true);
      if (c == null || col == null) {
        return null;
      }
      if (in.values().length == 0) {
        return "FALSE";
      }
      List<String> lits = new ArrayList<>();
      for (Object v : in.values()) {
        String lit = literal(c, v);
        if (lit == null) {
          return null;
        }
        lits.add(lit);
      }
      return col + " IN (" + String.join(", ", lits) + ")";
    }
    if (f instanceof StringStartsWith s) {
      return stringFunction(s.attribute(), s.value(), "LEFT");
    }
    if (f instanceof StringEndsWith s) {
      return stringFunction(s.attribute(), s.value(), "RIGHT");
    }
    if (f instanceof StringContains s) {
      Column c = col(s.attribute());
      String col = column(s.attribute(), false);
      if (c == null || col == null || c.type() != ColumnType.VARCHAR) {
        return null;
      }
      return "POSITION(" + SqlLiterals.quote(s.value()) + " IN " + col + ") > 0";
    }
    return null;
  }

  private String stringFunction(String attribute, String value, String fn) {
    Column c = col(attribute);
    String col = column(attribute, false);
    if (c == null || col == null || c.type() != ColumnType.VARCHAR) {
      return null;
    }
    int chars = value.codePointCount(0, value.length());
    return fn + "(" + col + ", " + chars + ") = " + SqlLiterals.quote(value);
  }

  private String compare(String attribute, String op, Object value, boolean equality) {
    Column c = col(attribute);
    String col = column(attribute, equality);
    if (c == null || col == null || (c.type() == ColumnType.CHAR && !equality)) {
      return null;
    }
    String lit = literal(c, value);
    return lit == null ? null : col + " " + op + " " + lit;
  }

  private Column col(String attribute) {
    int i = schema.indexOf(attribute);
    return i < 0 ? null : schema.column(i);
  }

  /** The quoted source column for a Spark attribute, or null if filters on it are not pushed. */
  private String column(String attribute, boolean equality) {
    int i = schema.indexOf(attribute);
    if (i < 0 || sourceNames.get(i) == null) {
      return null;
    }
    return switch (schema.column(i).type()) {
      case SUPER, VARBYTE, GEOMETRY, TIME, TIMETZ -> null;
      default -> ident(sourceNames.get(i));
    };
  }

  /** A typed literal of {@code v} for column {@code c}, or null if not expressible exactly. */
  static String literal(Column c, Object v) {
    if (v == null) {
      return null;
    }
    switch (c.type()) {
      case SMALLINT, INTEGER, BIGINT:
        if (v instanceof Byte || v instanceof Short || v instanceof Integer || v instanceof Long) {
          return v.toString();
        }
        return null;
      case DECIMAL:
        if (v instanceof BigDecimal d) {
          return d.toPlainString();
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short) {
          return v.toString();
        }
        return null;
      case REAL:
        if (v instanceof Float f && Float.isFinite(f)) {
          return "CAST(" + SqlLiterals.quote(Float.toString(f)) + " AS REAL)";
        }
        return null;
      case DOUBLE:
        if (v instanceof Double d && Double.isFinite(d)) {
          return "CAST(" + SqlLiterals.quote(Double.toString(d)) + " AS DOUBLE PRECISION)";
        }
        return null;
      case BOOLEAN:
        return v instanceof Boolean b ? (b ? "TRUE" : "FALSE") : null;
      case CHAR, VARCHAR:
        return v instanceof String s ? SqlLiterals.quote(s) : null;
      case DATE:
        LocalDate d = v instanceof LocalDate ld ? ld : v instanceof java.sql.Date sd ? sd.toLocalDate() : null;
        return d == null ? null : "CAST(" + SqlLiterals.quote(d.toString()) + " AS DATE)";
      case TIMESTAMP:
        LocalDateTime t = v instanceof LocalDateTime ldt ? ldt : null;
        return t == null ? null : "CAST(" + SqlLiterals.quote(TS.format(t)) + " AS TIMESTAMP)";
      case TIMESTAMPTZ:
        Instant i = v instanceof Instant in ? in : v instanceof java.sql.Timestamp ts ? ts.toInstant() : null;
        return i == null ? null
            : "CAST(" + SqlLiterals.quote(TS.format(LocalDateTime.ofInstant(i, ZoneOffset.UTC)) + "+00") + " AS TIMESTAMPTZ)";
      default:
        return null;
    }
  }
}
