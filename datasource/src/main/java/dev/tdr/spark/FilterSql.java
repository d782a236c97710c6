package dev.tdr.spark;

import dev.tdr.core.Column;
import dev.tdr.core.Schema;
import dev.tdr.core.sql.Predicate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.connector.expressions.Expression;
import org.apache.spark.sql.connector.expressions.Literal;
import org.apache.spark.sql.connector.expressions.NamedReference;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Translates Spark's predicates (the V2 API: {@code =}, {@code <>}, {@code <}, {@code <=}, {@code
 * >}, {@code >=}, {@code IN}, {@code IS_NULL}, {@code IS_NOT_NULL}, {@code STARTS_WITH}, {@code
 * ENDS_WITH}, {@code CONTAINS}, {@code AND}, {@code OR}, {@code NOT}, {@code ALWAYS_TRUE/FALSE})
 * into the engine's {@link Predicate} values (which write Redshift SQL with the same meaning), or
 * says it cannot (then Spark evaluates the predicate after the scan). What cannot be pushed exactly
 * is decided by {@link Predicate}'s factories (CHAR ranges, SUPER, NaN, ...); here only what is
 * Spark's: literals in Spark's internal form become Java values, and predicates with no exact
 * Redshift counterpart ({@code <=>}, functions of columns) stay with Spark.
 */
final class FilterSql {
  private final Schema schema;
  private final List<String> sourceNames;

  /** {@code sourceNames}: each column's name in the source query (null if renamed: unusable). */
  FilterSql(Schema schema, List<String> sourceNames) {
    this.schema = schema;
    this.sourceNames = sourceNames;
  }

  static String ident(String name) {
    return Predicate.ident(name);
  }

  /** SQL for {@code p}, or null if it cannot be translated exactly. */
  String sql(org.apache.spark.sql.connector.expressions.filter.Predicate p) {
    Predicate q = predicate(p);
    return q == null ? null : q.sql();
  }

  /** The engine's predicate for {@code p}, or null if it cannot be translated exactly. */
  Predicate predicate(org.apache.spark.sql.connector.expressions.filter.Predicate p) {
    Expression[] c = p.children();
    switch (p.name()) {
      case "AND":
        return Predicate.and(predicate(child(c, 0)), predicate(child(c, 1)));
      case "OR":
        return Predicate.or(predicate(child(c, 0)), predicate(child(c, 1)));
      case "NOT":
        return Predicate.not(predicate(child(c, 0)));
      case "ALWAYS_TRUE":
        return new Predicate.Null("1", true); // 1 IS NOT NULL
      case "ALWAYS_FALSE":
        return new Predicate.In("1", List.of()); // FALSE
      case "IS_NULL":
      case "IS_NOT_NULL": {
        int i = column(c[0]);
        return i < 0 ? null : Predicate.isNull(schema.column(i), sourceNames.get(i), p.name().equals("IS_NOT_NULL"));
      }
      case "=":
      case "<>":
      case "<":
      case "<=":
      case ">":
      case ">=":
        return compare(p.name(), c);
      case "IN": {
        int i = column(c[0]);
        if (i < 0) {
          return null;
        }
        List<Object> values = new ArrayList<>();
        for (int k = 1; k < c.length; k++) {
          if (!(c[k] instanceof Literal<?> l)) {
            return null;
          }
          Object v = value(l);
          if (v == null) {
            return null;
          }
          values.add(v);
        }
        return Predicate.in(schema.column(i), sourceNames.get(i), values);
      }
      case "STARTS_WITH":
        return text(c, Predicate.Match.STARTS);
      case "ENDS_WITH":
        return text(c, Predicate.Match.ENDS);
      case "CONTAINS":
        return text(c, Predicate.Match.CONTAINS);
      default:
        return null;
    }
  }

  private static org.apache.spark.sql.connector.expressions.filter.Predicate child(Expression[] c, int i) {
    return c[i] instanceof org.apache.spark.sql.connector.expressions.filter.Predicate p ? p : null;
  }

  private Predicate compare(String name, Expression[] c) {
    boolean flipped = !(c[0] instanceof NamedReference) && c[1] instanceof NamedReference;
    Expression col = flipped ? c[1] : c[0];
    Expression lit = flipped ? c[0] : c[1];
    int i = column(col);
    if (i < 0 || !(lit instanceof Literal<?> l)) {
      return null;
    }
    Predicate.Op op = switch (name) {
      case "=" -> Predicate.Op.EQ;
      case "<>" -> Predicate.Op.NE;
      case "<" -> flipped ? Predicate.Op.GT : Predicate.Op.LT;
      case "<=" -> flipped ? Predicate.Op.GE : Predicate.Op.LE;
      case ">" -> flipped ? Predicate.Op.LT : Predicate.Op.GT;
      default -> flipped ? Predicate.Op.LE : Predicate.Op.GE;
    };
    return Predicate.compare(schema.column(i), sourceNames.get(i), op, value(l));
  }

  private Predicate text(Expression[] c, Predicate.Match match) {
    int i = column(c[0]);
    if (i < 0 || !(c[1] instanceof Literal<?> l) || !(value(l) instanceof String s)) {
      return null;
    }
    return Predicate.text(schema.column(i), sourceNames.get(i), match, s);
  }

  /** The schema position of a plain column reference, or -1. */
  private int column(Expression e) {
    if (e instanceof NamedReference r && r.fieldNames().length == 1) {
      return schema.indexOf(r.fieldNames()[0]);
    }
    return -1;
  }

  /** A literal in Spark's internal form as the Java value {@link Predicate} types, or null if none fits. */
  static Object value(Literal<?> l) {
    Object v = l.value();
    DataType t = l.dataType();
    if (v == null) {
      return null;
    }
    if (v instanceof UTF8String s) {
      return s.toString();
    }
    if (v instanceof Decimal d) {
      return d.toJavaBigDecimal();
    }
    if (t.equals(DataTypes.DateType) && v instanceof Integer days) {
      return LocalDate.ofEpochDay(days);
    }
    if (t.equals(DataTypes.TimestampType) && v instanceof Long micros) {
      return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }
    if (t.equals(DataTypes.TimestampNTZType) && v instanceof Long micros) {
      return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), (int) Math.floorMod(micros, 1_000_000L) * 1000,
          ZoneOffset.UTC);
    }
    if (v instanceof Boolean || v instanceof Byte || v instanceof Short || v instanceof Integer || v instanceof Long
        || v instanceof Float || v instanceof Double) {
      return v;
    }
    return null;
  }
}
