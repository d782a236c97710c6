package dev.tdr.testkit.wire;

import dev.tdr.core.sql.SqlToken;
import dev.tdr.core.sql.SqlToken.Kind;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Redshift's DECIMAL result types where PostgreSQL's would be an unconstrained {@code numeric}
 * (Redshift has none): a select-list item that is {@code SUM}/{@code AVG} of a DECIMAL, or
 * {@code + - * /} of DECIMALs, is cast to the type the Redshift SQL reference gives it, so that the
 * value, the JDBC metadata and the UNLOAD manifest all carry Redshift's precision and scale:
 *
 * <ul>
 *   <li>{@code SUM}/{@code AVG} of {@code DECIMAL(p,s)}: {@code DECIMAL(38,s)} (Aggregate functions);
 *   <li>{@code +}/{@code -}: scale {@code max(s1,s2)}, precision {@code max(p1-s1,p2-s2)+1+scale};
 *       {@code *}: scale {@code s1+s2}, precision {@code p1+p2+1}; {@code /}: scale {@code
 *       max(4,s1+p2-s2+1)}, precision {@code p1-s1+s2+scale}; at most 38 each ("Computations with
 *       numeric values").
 * </ul>
 *
 * <p>Operands it knows: columns of the FROM clause's tables and views (their declared types, from
 * the catalog), decimal literals ({@code 12.50} is {@code DECIMAL(4,2)}), {@code CAST(x AS
 * DECIMAL(p,s))} and {@code x::DECIMAL(p,s)}, and those combined with parentheses, the four
 * operators and SUM/AVG (also as window functions). Anything else (integers mixed with decimals,
 * other functions, CASE) is left as it is, and the front's last resort types what is still
 * unconstrained ({@link TypeOids}). Values are rounded half away from zero to the scale.
 */
final class RedshiftDecimals {
  private RedshiftDecimals() {}

  /** A DECIMAL type. */
  record Dec(int precision, int scale) {
    static Dec of(int precision, int scale) {
      int s = Math.min(scale, 38);
      int p = Math.max(Math.min(precision, 38), s);
      return new Dec(Math.max(p, 1), s);
    }

    String sql() {
      return "numeric(" + precision + "," + scale + ")";
    }
  }

  /** An insertion into the statement's text. */
  record Insert(int at, String text) {}

  private static final Pattern FORMATTED = Pattern.compile("numeric\\((\\d+),(\\d+)\\)");
  private static final Set<String> AGGREGATES = Set.of("sum", "avg");
  private static final Set<String> NOT_OPERANDS = Set.of("and", "or", "not", "when", "then", "else", "case",
      "select", "in", "is", "like", "between");

  /** Column types by name for the select at hand; null for a name two relations type differently. */
  interface Columns {
    String type(String column);
  }

  /**
   * The insertions that give the items {@code items} of a select list Redshift's DECIMAL types;
   * {@code columns} is asked only when an item needs a column's type.
   */
  static void items(List<SqlToken> t, int[] match, List<int[]> items, java.util.function.Supplier<Columns> columns,
      List<Insert> out) {
    Columns[] known = new Columns[1];
    for (int[] item : items) {
      int from = item[0];
      int to = item[1];
      boolean aliased = item[2] != 0;
      if (!aliased && to - from >= 2 && isIdentifier(t.get(to - 1)) && !t.get(to - 2).text().equals(".")
          && (t.get(to - 2).kind() == Kind.RIGHT_PAREN || t.get(to - 2).kind() == Kind.NUMBER
          || isIdentifier(t.get(to - 2)))) {
        to--; // "sum(x) total": an alias without AS
        aliased = true;
      }
      if (to <= from || !candidate(t, match, from, to)) {
        continue;
      }
      Lookup lookup = name -> {
        if (known[0] == null) {
          known[0] = columns.get();
        }
        return known[0] == null ? null : known[0].type(name);
      };
      Dec d = typeOf(t, match, from, to, lookup);
      if (d == null) {
        continue;
      }
      int f = callName(t, from, to);
      boolean arithmetic = !(f >= 0 && AGGREGATES.contains(lower(t.get(f))));
      out.add(new Insert(t.get(from).start(), "CAST(("));
      out.add(new Insert(t.get(to - 1).end(), ") AS " + d.sql() + ")" + (aliased || !arithmetic ? "" : " AS \"?column?\"")));
    }
  }

  private interface Lookup {
    String type(String column);
  }

  /** True if the item is SUM/AVG or has a top-level arithmetic operator (worth typing). */
  private static boolean candidate(List<SqlToken> t, int[] match, int from, int to) {
    int f = callName(t, from, to);
    if (f >= 0 && AGGREGATES.contains(lower(t.get(f)))) {
      return true;
    }
    return lastBinary(t, match, from, to, "+", "-") > from || lastBinary(t, match, from, to, "*", "/") > from
        || (t.get(from).kind() == Kind.LEFT_PAREN && match[from] == to - 1);
  }

  private static Dec typeOf(List<SqlToken> t, int[] match, int from, int to, Lookup columns) {
    if (from >= to) {
      return null;
    }
    SqlToken first = t.get(from);
    if (first.kind() == Kind.LEFT_PAREN && match[from] == to - 1) {
      return typeOf(t, match, from + 1, to - 1, columns);
    }
    int op = lastBinary(t, match, from, to, "+", "-");
    if (op <= from) {
      op = lastBinary(t, match, from, to, "*", "/");
    }
    if (op > from) {
      Dec a = typeOf(t, match, from, op, columns);
      Dec b = a == null ? null : typeOf(t, match, op + 1, to, columns);
      return b == null ? null : combine(t.get(op).text(), a, b);
    }
    if (first.text().equals("-") || first.text().equals("+")) {
      return typeOf(t, match, from + 1, to, columns);
    }
    int cast = lastTop(t, match, from, to, "::");
    if (cast > from) {
      return typeName(t, match, cast + 1, to);
    }
    int f = callName(t, from, to);
    if (f >= 0) {
      int close = match[f + 1];
      boolean windowed = close + 1 < to && t.get(close + 1).isKeyword("over") && close + 2 < to
          && t.get(close + 2).kind() == Kind.LEFT_PAREN && match[close + 2] == to - 1;
      if (close != to - 1 && !windowed) {
        return null;
      }
      String name = lower(t.get(f));
      if (AGGREGATES.contains(name)) {
        int a = f + 2;
        if (a < close && (t.get(a).isKeyword("distinct") || t.get(a).isKeyword("all"))) {
          a++;
        }
        Dec arg = typeOf(t, match, a, close, columns);
        return arg == null ? null : Dec.of(38, arg.scale());
      }
      if (name.equals("cast") && !windowed && f == from) {
        int as = lastTop(t, match, f + 2, close, "as");
        return as > f + 2 ? typeName(t, match, as + 1, close) : null;
      }
      return null;
    }
    if (to - from == 1 && first.kind() == Kind.NUMBER) {
      return literal(first.text());
    }
    // [relation.]column
    if ((to - from) % 2 == 1 && isIdentifier(t.get(to - 1))) {
      for (int i = from; i < to; i++) {
        boolean ok = (i - from) % 2 == 0 ? isIdentifier(t.get(i)) : t.get(i).text().equals(".");
        if (!ok) {
          return null;
        }
      }
      String type = columns.type(RedshiftSql.name(t.get(to - 1), true));
      if (type == null) {
        return null;
      }
      Matcher m = FORMATTED.matcher(type);
      return m.matches() ? Dec.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))) : null;
    }
    return null;
  }

  /**
   * The index of the function name if {@code from} starts a call ({@code name(} or the emulator's
   * {@code tdr_redshift.name(}, as the dialect writes integer-aware AVG), else -1.
   */
  private static int callName(List<SqlToken> t, int from, int to) {
    int f = from;
    if (f + 3 < to && t.get(f).isKeyword(RedshiftSql.SCHEMA) && t.get(f + 1).text().equals(".")) {
      f += 2;
    }
    return f + 1 < to && t.get(f).kind() == Kind.WORD && t.get(f + 1).kind() == Kind.LEFT_PAREN ? f : -1;
  }

  /** Redshift's rules for a DECIMAL result of {@code a op b}. */
  static Dec combine(String op, Dec a, Dec b) {
    int p1 = a.precision();
    int s1 = a.scale();
    int p2 = b.precision();
    int s2 = b.scale();
    return switch (op) {
      case "+", "-" -> {
        int scale = Math.max(s1, s2);
        yield Dec.of(Math.max(p1 - s1, p2 - s2) + 1 + scale, scale);
      }
      case "*" -> Dec.of(p1 + p2 + 1, s1 + s2);
      default -> {
        int scale = Math.max(4, s1 + p2 - s2 + 1);
        yield Dec.of(p1 - s1 + s2 + scale, scale);
      }
    };
  }

  /** A decimal literal's type: {@code 12.50} is DECIMAL(4,2); integers and exponents are not DECIMALs. */
  static Dec literal(String text) {
    int dot = text.indexOf('.');
    if (dot < 0 || text.indexOf('e') >= 0 || text.indexOf('E') >= 0) {
      return null;
    }
    String whole = text.substring(0, dot).replaceFirst("^0+", "");
    int scale = text.length() - dot - 1;
    return Dec.of(Math.max(whole.length() + scale, 1), scale);
  }

  /** {@code DECIMAL(p[,s])} / {@code NUMERIC(p[,s])} spanning exactly {@code from..to}. */
  private static Dec typeName(List<SqlToken> t, int[] match, int from, int to) {
    if (to - from < 4 || !(t.get(from).isKeyword("numeric") || t.get(from).isKeyword("decimal"))
        || t.get(from + 1).kind() != Kind.LEFT_PAREN || match[from + 1] != to - 1
        || t.get(from + 2).kind() != Kind.NUMBER) {
      return null;
    }
    try {
      int p = Integer.parseInt(t.get(from + 2).text());
      int s = 0;
      if (to - from == 6 && t.get(from + 3).kind() == Kind.COMMA && t.get(from + 4).kind() == Kind.NUMBER) {
        s = Integer.parseInt(t.get(from + 4).text());
      } else if (to - from != 4) {
        return null;
      }
      return Dec.of(p, s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The last top-level binary operator among {@code ops} in {@code from..to}, or -1. */
  private static int lastBinary(List<SqlToken> t, int[] match, int from, int to, String... ops) {
    int found = -1;
    for (int i = from; i < to; i++) {
      SqlToken k = t.get(i);
      if (k.kind() == Kind.LEFT_PAREN && match[i] > i) {
        i = match[i];
        continue;
      }
      if (k.kind() == Kind.SYMBOL && i > from && (k.text().equals(ops[0]) || k.text().equals(ops[1]))
          && endsOperand(t.get(i - 1))) {
        found = i;
      }
    }
    return found;
  }

  private static int lastTop(List<SqlToken> t, int[] match, int from, int to, String word) {
    int found = -1;
    for (int i = from; i < to; i++) {
      SqlToken k = t.get(i);
      if (k.kind() == Kind.LEFT_PAREN && match[i] > i) {
        i = match[i];
        continue;
      }
      if (k.text().equalsIgnoreCase(word) && (k.kind() == Kind.WORD || k.kind() == Kind.SYMBOL)) {
        found = i;
      }
    }
    return found;
  }

  private static boolean endsOperand(SqlToken k) {
    return switch (k.kind()) {
      case NUMBER, STRING, RIGHT_PAREN, QUOTED_IDENTIFIER -> true;
      case WORD -> !NOT_OPERANDS.contains(lower(k));
      default -> false;
    };
  }

  private static boolean isIdentifier(SqlToken k) {
    return k.kind() == Kind.WORD || k.kind() == Kind.QUOTED_IDENTIFIER;
  }

  private static String lower(SqlToken k) {
    return k.text().toLowerCase(Locale.ROOT);
  }

  /** Column types from several relations: a name two of them type differently has no type. */
  static Columns merge(List<Map<String, String>> relations) {
    Map<String, String> all = new HashMap<>();
    Set<String> clash = new java.util.HashSet<>();
    for (Map<String, String> r : relations) {
      r.forEach((name, type) -> {
        String was = all.putIfAbsent(name, type);
        if (was != null && !was.equals(type)) {
          clash.add(name);
        }
      });
    }
    return name -> clash.contains(name) ? null : all.get(name);
  }
}
