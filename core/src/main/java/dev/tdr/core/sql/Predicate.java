package dev.tdr.core.sql;

import dev.tdr.core.Column;
import dev.tdr.core.ColumnType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A row filter pushed into the SELECT that an UNLOAD runs, as a value: built from a column of the
 * query's schema, an operator and Java values, and written as Redshift SQL with exactly the same
 * meaning. Each factory returns {@code null} when the filter cannot be written exactly (the caller
 * then filters after the read): filters on SUPER, VARBYTE, GEOMETRY, TIME/TIMETZ columns or on
 * columns the source query cannot name, range and string-function filters on CHAR (blank-padding
 * rules differ), NaN and infinite values, NULL literals. Identifiers are double-quoted, literals
 * typed and escaped.
 *
 * <pre>{@code
 * Schema s = tdr.describe("select * from sales");
 * Predicate p = Predicate.and(Predicate.compare(s.column(0), Predicate.Op.GE, 100),
 *     Predicate.startsWith(s.column(1), "EU-"));
 * }</pre>
 */
public sealed interface Predicate {

  /** Redshift SQL for this filter. */
  String sql();

  /** Comparison operators. */
  enum Op {
    EQ("="), NE("<>"), GT(">"), GE(">="), LT("<"), LE("<=");

    private final String sql;

    Op(String sql) {
      this.sql = sql;
    }

    public String sql() {
      return sql;
    }
  }

  /** {@code column op literal}. */
  record Compare(String column, Op op, String literal) implements Predicate {
    public String sql() {
      return column + " " + op.sql + " " + literal;
    }
  }

  /** {@code column IN (literals)}; an empty list is FALSE. */
  record In(String column, List<String> literals) implements Predicate {
    public String sql() {
      return literals.isEmpty() ? "FALSE" : column + " IN (" + String.join(", ", literals) + ")";
    }
  }

  /** {@code column IS [NOT] NULL}. */
  record Null(String column, boolean negated) implements Predicate {
    public String sql() {
      return column + (negated ? " IS NOT NULL" : " IS NULL");
    }
  }

  /** Prefix, suffix or substring match on a VARCHAR, written without LIKE (no escaping involved). */
  record Text(String column, Match match, String value) implements Predicate {
    public String sql() {
      int chars = value.codePointCount(0, value.length());
      return switch (match) {
        case STARTS -> "LEFT(" + column + ", " + chars + ") = " + SqlLiterals.quote(value);
        case ENDS -> "RIGHT(" + column + ", " + chars + ") = " + SqlLiterals.quote(value);
        case CONTAINS -> "POSITION(" + SqlLiterals.quote(value) + " IN " + column + ") > 0";
      };
    }
  }

  /** Kinds of {@link Text} match. */
  enum Match { STARTS, ENDS, CONTAINS }

  /** {@code (left AND right)} or {@code (left OR right)}. */
  record Both(Predicate left, boolean and, Predicate right) implements Predicate {
    public String sql() {
      return "(" + left.sql() + (and ? " AND " : " OR ") + right.sql() + ")";
    }
  }

  /** {@code (NOT child)}. */
  record Not(Predicate child) implements Predicate {
    public String sql() {
      return "(NOT " + child.sql() + ")";
    }
  }

  // ------------------------------------------------------------------ factories

  /** {@code c op value} on the column named as in the schema, or null if not exact. */
  static Predicate compare(Column c, Op op, Object value) {
    return compare(c, c.name(), op, value);
  }

  /**
   * {@code c op value} where the source query names the column {@code sourceName} (null if it
   * cannot name it), or null if not expressible exactly.
   */
  static Predicate compare(Column c, String sourceName, Op op, Object value) {
    String col = column(c, sourceName);
    if (col == null || (c.type() == ColumnType.CHAR && op != Op.EQ && op != Op.NE)) {
      return null;
    }
    String lit = literal(c, value);
    return lit == null ? null : new Compare(col, op, lit);
  }

  /** {@code c IN (values)}, or null if a value is NULL or not expressible exactly. */
  static Predicate in(Column c, String sourceName, List<?> values) {
    String col = column(c, sourceName);
    if (col == null) {
      return null;
    }
    List<String> lits = new ArrayList<>();
    for (Object v : values) {
      String lit = literal(c, v);
      if (lit == null) {
        return null;
      }
      lits.add(lit);
    }
    return new In(col, List.copyOf(lits));
  }

  /** {@code c IS NULL} ({@code negated}: IS NOT NULL), or null if filters on {@code c} are not pushed. */
  static Predicate isNull(Column c, String sourceName, boolean negated) {
    String col = column(c, sourceName);
    return col == null ? null : new Null(col, negated);
  }

  /** A match on a VARCHAR column, or null for other types. */
  static Predicate text(Column c, String sourceName, Match match, String value) {
    String col = column(c, sourceName);
    if (col == null || c.type() != ColumnType.VARCHAR || value == null) {
      return null;
    }
    return new Text(col, match, value);
  }

  static Predicate startsWith(Column c, String value) {
    return text(c, c.name(), Match.STARTS, value);
  }

  static Predicate and(Predicate left, Predicate right) {
    return left == null || right == null ? null : new Both(left, true, right);
  }

  static Predicate or(Predicate left, Predicate right) {
    return left == null || right == null ? null : new Both(left, false, right);
  }

  static Predicate not(Predicate child) {
    return child == null ? null : new Not(child);
  }

  /** A double-quoted identifier. */
  static String ident(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  /** The quoted source column, or null if filters on {@code c} are not pushed. */
  private static String column(Column c, String sourceName) {
    if (c == null || sourceName == null) {
      return null;
    }
    return switch (c.type()) {
      case SUPER, VARBYTE, GEOMETRY, TIME, TIMETZ -> null;
      default -> ident(sourceName);
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
        return t == null ? null : "CAST(" + SqlLiterals.quote(Literals.TS.format(t)) + " AS TIMESTAMP)";
      case TIMESTAMPTZ:
        Instant i = v instanceof Instant in ? in : v instanceof java.sql.Timestamp ts ? ts.toInstant() : null;
        return i == null ? null
            : "CAST(" + SqlLiterals.quote(Literals.TS.format(LocalDateTime.ofInstant(i, ZoneOffset.UTC)) + "+00")
                + " AS TIMESTAMPTZ)";
      default:
        return null;
    }
  }

  /** Constants of the literal writer. */
  final class Literals {
    static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");

    private Literals() {}
  }
}
