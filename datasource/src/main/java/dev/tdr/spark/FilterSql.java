package dev.tdr.spark;

import dev.tdr.core.Column;
import dev.tdr.core.Schema;
import dev.tdr.core.sql.Predicate;
import java.util.Arrays;
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
 * Translates Spark filters into the engine's {@link Predicate} values (which write Redshift SQL
 * with the same meaning), or says it cannot (then Spark evaluates the filter after the scan).
 * Translated: comparisons, IN, IS [NOT] NULL, AND, OR, NOT, and string prefix/suffix/contains.
 * What cannot be pushed exactly is decided by {@link Predicate}'s factories; this class adds only
 * what is Spark's: filters Spark has no exact counterpart for here (null-safe equality) stay with Spark.
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

  /** SQL for {@code f}, or null if it cannot be translated exactly. */
  String sql(Filter f) {
    Predicate p = predicate(f);
    return p == null ? null : p.sql();
  }

  /** The predicate for {@code f}, or null if it cannot be translated exactly. */
  Predicate predicate(Filter f) {
    if (f instanceof And a) {
      return Predicate.and(predicate(a.left()), predicate(a.right()));
    }
    if (f instanceof Or o) {
      return Predicate.or(predicate(o.left()), predicate(o.right()));
    }
    if (f instanceof Not n) {
      return Predicate.not(predicate(n.child()));
    }
    if (f instanceof IsNull n) {
      return Predicate.isNull(col(n.attribute()), source(n.attribute()), false);
    }
    if (f instanceof IsNotNull n) {
      return Predicate.isNull(col(n.attribute()), source(n.attribute()), true);
    }
    if (f instanceof EqualTo e) {
      return compare(e.attribute(), Predicate.Op.EQ, e.value());
    }
    if (f instanceof GreaterThan g) {
      return compare(g.attribute(), Predicate.Op.GT, g.value());
    }
    if (f instanceof GreaterThanOrEqual g) {
      return compare(g.attribute(), Predicate.Op.GE, g.value());
    }
    if (f instanceof LessThan l) {
      return compare(l.attribute(), Predicate.Op.LT, l.value());
    }
    if (f instanceof LessThanOrEqual l) {
      return compare(l.attribute(), Predicate.Op.LE, l.value());
    }
    if (f instanceof In in) {
      return Predicate.in(col(in.attribute()), source(in.attribute()), Arrays.asList(in.values()));
    }
    if (f instanceof StringStartsWith s) {
      return Predicate.text(col(s.attribute()), source(s.attribute()), Predicate.Match.STARTS, s.value());
    }
    if (f instanceof StringEndsWith s) {
      return Predicate.text(col(s.attribute()), source(s.attribute()), Predicate.Match.ENDS, s.value());
    }
    if (f instanceof StringContains s) {
      return Predicate.text(col(s.attribute()), source(s.attribute()), Predicate.Match.CONTAINS, s.value());
    }
    return null;
  }

  private Predicate compare(String attribute, Predicate.Op op, Object value) {
    return Predicate.compare(col(attribute), source(attribute), op, value);
  }

  private Column col(String attribute) {
    int i = schema.indexOf(attribute);
    return i < 0 ? null : schema.column(i);
  }

  private String source(String attribute) {
    int i = schema.indexOf(attribute);
    return i < 0 ? null : sourceNames.get(i);
  }
}
