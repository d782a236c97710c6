package dev.tdr.snippets;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import dev.tdr.core.sql.SqlLiterals;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Filters that make values safe to put into SQL: {@code sql_literal} (a Redshift literal: quotes
 * doubled, backslashes doubled), {@code sql_in} (a parenthesized list of literals), {@code
 * sql_ident} (a double-quoted identifier).
 */
final class SqlFilters {
  private SqlFilters() {}

  /** {@code value} as a Redshift literal: strings quoted and escaped, numbers and booleans as is. */
  static String literal(Object value) {
    if (value == null) {
      return "NULL";
    }
    if (value instanceof Boolean b) {
      return b ? "TRUE" : "FALSE";
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (value instanceof Double d) {
      if (!Double.isFinite(d)) {
        throw new SnippetException("sql_literal: " + d + " has no SQL literal");
      }
      return BigDecimal.valueOf(d).toPlainString();
    }
    if (value instanceof Float f) {
      return literal(f.doubleValue());
    }
    if (value instanceof Number n) {
      return n.toString();
    }
    if (value instanceof LocalDate d) {
      return "DATE " + SqlLiterals.quote(d.toString());
    }
    if (value instanceof LocalDateTime t) {
      return "TIMESTAMP " + SqlLiterals.quote(t.toString().replace('T', ' '));
    }
    return SqlLiterals.quote(String.valueOf(value));
  }

  static List<Object> items(Object value) {
    if (value instanceof Collection<?> c) {
      return new ArrayList<>(c);
    }
    if (value instanceof Object[] a) {
      return Arrays.asList(a);
    }
    if (value == null) {
      return List.of();
    }
    return List.of(value);
  }

  static final class Literal implements Filter {
    @Override
    public String getName() {
      return "sql_literal";
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
      return literal(var);
    }
  }

  static final class In implements Filter {
    @Override
    public String getName() {
      return "sql_in";
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
      List<Object> items = items(var);
      if (items.isEmpty()) {
        return "(NULL)"; // IN (NULL) matches no row, as an empty list should
      }
      List<String> lits = new ArrayList<>();
      for (Object o : items) {
        lits.add(literal(o));
      }
      return "(" + String.join(", ", lits) + ")";
    }
  }

  static final class Ident implements Filter {
    @Override
    public String getName() {
      return "sql_ident";
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
      if (var == null || String.valueOf(var).isEmpty()) {
        throw new SnippetException("sql_ident: an identifier cannot be empty");
      }
      return "\"" + String.valueOf(var).replace("\"", "\"\"") + "\"";
    }
  }
}
