package dev.tdr.testkit.wire;

import dev.tdr.core.sql.SqlToken;
import dev.tdr.core.sql.SqlToken.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * unconstrained ({@link NumericResults}). Values are rounded half away from zero to the scale,
 * but a top-level AVG, which Redshift truncates.
 */
final class RedshiftDecimals {
  private RedshiftDecimals() {}

  /** A DECIMAL type, or an integer type taking part in DECIMAL arithmetic as DECIMAL(p,0). */
  record Dec(int precision, int scale, boolean integer) {
    Dec(int precision, int scale) {
      this(precision, scale, false);
    }

    static Dec of(int precision, int scale) {
      int s = Math.min(scale, 38);
      int p = Math.max(Math.min(precision, 38), s);
      return new Dec(Math.max(p, 1), s);
    }

    static Dec integer(int precision) {
      return new Dec(precision, 0, true);
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

  /**
   * The types of expressions as PostgreSQL describes them ({@code format_type} names: {@code
   * numeric(12,2)}, {@code integer}, ...), in order; null if they cannot be described (then
   * nothing is typed). {@code aggregates} says the expressions contain aggregate calls.
   */
  interface Describer {
    List<String> types(List<String> expressions, boolean aggregates);
  }

  private static final Set<String> AGGREGATE_NAMES = Set.of("sum", "avg", "count", "min", "max", "median",
      "listagg", "string_agg", "stddev", "stddev_samp", "stddev_pop", "variance", "var_samp", "var_pop",
      "percentile_cont", "percentile_disc", "bool_and", "bool_or", "bit_and", "bit_or", "over");
  private static final Set<String> ROUNDING = Set.of("round", "trunc", "ceil", "ceiling", "floor");

  /**
   * The insertions that give the items {@code items} ({@code [from, to, aliased]}) of a select
   * list Redshift's DECIMAL types; {@code describer} is asked, once for the list, for the types
   * of the operands that are neither literals nor casts to a DECIMAL.
   */
  static void items(String sql, List<SqlToken> t, int[] match, List<int[]> items, Describer describer,
      List<Insert> out) {
    List<int[]> typed = new ArrayList<>();
    Map<Long, Dec> leaves = new LinkedHashMap<>();
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
      Map<Long, Dec> mine = new LinkedHashMap<>();
      if (typeOf(t, match, from, to, (a, b) -> {
        mine.put(key(a, b), PROBE);
        return PROBE;
      }) != null) {
        typed.add(new int[] {from, to, aliased ? 1 : 0});
        leaves.putAll(mine);
      }
    }
    if (typed.isEmpty()) {
      return;
    }
    if (!leaves.isEmpty() && !describe(sql, t, leaves, describer)) {
      return;
    }
    for (int[] item : typed) {
      int from = item[0];
      int to = item[1];
      Dec d = typeOf(t, match, from, to, (a, b) -> leaves.get(key(a, b)));
      if (d == null || d.integer()) {
        continue;
      }
      // PostgreSQL names a cast of one call after the function, as the call itself; an
      // expression of several terms is "?column?" on both, which the cast would turn into "numeric"
      int f = callName(t, from, to);
      boolean oneCall = f >= 0 && callEnd(t, match, match[f + 1], to) == to - 1;
      // Redshift's AVG of a DECIMAL cuts the digits past the scale (avg of 2.50, 3.75, 1.90 is 2.71)
      boolean avg = oneCall && lower(t.get(f)).equals("avg");
      out.add(new Insert(t.get(from).start(), avg ? "CAST((trunc(" : "CAST(("));
      out.add(new Insert(t.get(to - 1).end(), (avg ? ", " + d.scale() + ")" : "") + ") AS " + d.sql() + ")"
          + (item[2] != 0 ? "" : avg ? " AS \"avg\"" : oneCall ? "" : " AS \"?column?\"")));
    }
  }

  private static final Dec PROBE = new Dec(1, 0);

  private static long key(int from, int to) {
    return ((long) from << 32) | to;
  }

  /** Fills in the leaves' types (null where not a DECIMAL or an integer); false if they cannot be described. */
  private static boolean describe(String sql, List<SqlToken> t, Map<Long, Dec> leaves, Describer describer) {
    List<Long> plain = new ArrayList<>();
    List<Long> aggregated = new ArrayList<>();
    for (Long k : leaves.keySet()) {
      int from = (int) (k >>> 32);
      int to = (int) (long) k;
      boolean agg = false;
      for (int i = from; i < to && !agg; i++) {
        agg = t.get(i).kind() == Kind.WORD && AGGREGATE_NAMES.contains(lower(t.get(i)))
            && (i + 1 < to && t.get(i + 1).kind() == Kind.LEFT_PAREN || lower(t.get(i)).equals("over"));
      }
      (agg ? aggregated : plain).add(k);
    }
    for (List<Long> group : List.of(plain, aggregated)) {
      if (group.isEmpty()) {
        continue;
      }
      List<String> texts = new ArrayList<>();
      for (Long k : group) {
        texts.add(sql.substring(t.get((int) (k >>> 32)).start(), t.get((int) (long) k - 1).end()));
      }
      List<String> types = describer.types(texts, group == aggregated);
      if (types == null || types.size() != group.size()) {
        return false;
      }
      for (int i = 0; i < group.size(); i++) {
        leaves.put(group.get(i), formatted(types.get(i)));
      }
    }
    return true;
  }

  /** A described type as a DECIMAL: integers are DECIMAL(5|10|19, 0); others null. */
  static Dec formatted(String type) {
    if (type == null) {
      return null;
    }
    Matcher m = FORMATTED.matcher(type);
    if (m.matches()) {
      return Dec.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }
    return switch (type) {
      case "smallint" -> Dec.integer(5);
      case "integer" -> Dec.integer(10);
      case "bigint" -> Dec.integer(19);
      default -> null;
    };
  }

  private interface Leaf {
    Dec type(int from, int to);
  }

  /** True if the item is SUM/AVG, ROUND and the like, or has a top-level arithmetic operator. */
  private static boolean candidate(List<SqlToken> t, int[] match, int from, int to) {
    int f = callName(t, from, to);
    if (f >= 0 && (AGGREGATES.contains(lower(t.get(f))) || ROUNDING.contains(lower(t.get(f)))
        || lower(t.get(f)).equals("mod"))) {
      return true;
    }
    return lastBinary(t, match, from, to, "+", "-") > from || lastBinary(t, match, from, to, "*", "/") > from
        || (t.get(from).kind() == Kind.LEFT_PAREN && match[from] == to - 1);
  }

  private static Dec typeOf(List<SqlToken> t, int[] match, int from, int to, Leaf leaf) {
    if (from >= to) {
      return null;
    }
    SqlToken first = t.get(from);
    if (first.kind() == Kind.LEFT_PAREN && match[from] == to - 1) {
      return isSubquery(t, from) ? null : typeOf(t, match, from + 1, to - 1, leaf);
    }
    int op = lastBinary(t, match, from, to, "+", "-");
    if (op <= from) {
      op = lastBinary(t, match, from, to, "*", "/");
    }
    if (op > from) {
      Dec a = typeOf(t, match, from, op, leaf);
      Dec b = a == null ? null : typeOf(t, match, op + 1, to, leaf);
      return b == null ? null : combine(t.get(op).text(), a, b);
    }
    if (first.text().equals("-") || first.text().equals("+")) {
      return typeOf(t, match, from + 1, to, leaf);
    }
    int cast = lastTop(t, match, from, to, "::");
    if (cast > from) {
      Dec d = typeName(t, match, cast + 1, to);
      return d != null ? d : leaf.type(from, to);
    }
    int f = callName(t, from, to);
    if (f >= 0) {
      int close = match[f + 1];
      int callEnd = callEnd(t, match, close, to);
      boolean windowed = callEnd != close;
      if (callEnd != to - 1) {
        return null;
      }
      String name = lower(t.get(f));
      List<int[]> args = RedshiftDialect.arguments(t, match, f + 1, close);
      if (AGGREGATES.contains(name) && args.size() == 1) {
        int a = args.get(0)[0];
        if (a < close && (t.get(a).isKeyword("distinct") || t.get(a).isKeyword("all"))) {
          a++;
        }
        Dec arg = typeOf(t, match, a, args.get(0)[1], leaf);
        return arg == null || arg.integer() ? null : Dec.of(38, arg.scale());
      }
      if (windowed) {
        return null;
      }
      if (name.equals("cast") && f == from) {
        int as = lastTop(t, match, f + 2, close, "as");
        Dec d = as > f + 2 ? typeName(t, match, as + 1, close) : null;
        return d != null ? d : leaf.type(from, to);
      }
      if (ROUNDING.contains(name) && (args.size() == 1 || args.size() == 2 && !name.startsWith("c")
          && !name.equals("floor"))) {
        Dec arg = typeOf(t, match, args.get(0)[0], args.get(0)[1], leaf);
        if (arg == null || arg.integer()) {
          return arg;
        }
        int digits = 0;
        if (args.size() == 2) {
          int[] n = args.get(1);
          boolean negative = n[1] - n[0] == 2 && t.get(n[0]).text().equals("-");
          SqlToken num = t.get(n[1] - 1);
          if (n[1] - n[0] > 2 || num.kind() != Kind.NUMBER || num.text().contains(".")) {
            return null;
          }
          digits = negative ? 0 : Math.min(Integer.parseInt(num.text()), arg.scale());
        }
        return Dec.of(arg.precision() - arg.scale() + digits + (digits == 0 ? 1 : 0), digits);
      }
      if (name.equals("mod") && args.size() == 2) {
        Dec a = typeOf(t, match, args.get(0)[0], args.get(0)[1], leaf);
        Dec b = a == null ? null : typeOf(t, match, args.get(1)[0], args.get(1)[1], leaf);
        if (b == null) {
          return null;
        }
        Dec m = Dec.of(Math.max(a.precision(), b.precision()), Math.max(a.scale(), b.scale()));
        return a.integer() && b.integer() ? Dec.integer(m.precision()) : m;
      }
      return leaf.type(from, to);
    }
    if (to - from == 1 && first.kind() == Kind.NUMBER) {
      return literal(first.text());
    }
    if (first.kind() == Kind.STRING || first.isKeyword("null")) {
      return null;
    }
    return leaf.type(from, to);
  }

  /**
   * The last token of a call whose argument list closes at {@code close}: after its {@code FILTER
   * (WHERE ...)} and {@code OVER (...)} if it has them.
   */
  private static int callEnd(List<SqlToken> t, int[] match, int close, int to) {
    int end = close;
    if (end + 2 < to && t.get(end + 1).isKeyword("filter") && t.get(end + 2).kind() == Kind.LEFT_PAREN
        && match[end + 2] > end + 2) {
      end = match[end + 2];
    }
    if (end + 2 < to && t.get(end + 1).isKeyword("over") && t.get(end + 2).kind() == Kind.LEFT_PAREN
        && match[end + 2] > end + 2) {
      end = match[end + 2];
    }
    return end;
  }

  private static boolean isSubquery(List<SqlToken> t, int open) {
    return open + 1 < t.size() && (t.get(open + 1).isKeyword("select") || t.get(open + 1).isKeyword("with"));
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
    if (a.integer() && b.integer()) {
      return Dec.integer(Math.max(a.precision(), b.precision())); // integer arithmetic stays integer
    }
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

  /**
   * A numeric literal's type: {@code 12.50} is DECIMAL(4,2); an integer is an INTEGER or a BIGINT
   * (DECIMAL(10,0) or (19,0) in these rules) or, past BIGINT, a DECIMAL of its digits; an
   * exponent makes a DOUBLE PRECISION (null).
   */
  static Dec literal(String text) {
    int dot = text.indexOf('.');
    if (text.indexOf('e') >= 0 || text.indexOf('E') >= 0) {
      return null;
    }
    if (dot < 0) {
      String digits = text.replaceFirst("^0+", "");
      if (digits.length() > 19 || digits.length() == 19 && digits.compareTo("9223372036854775807") > 0) {
        return Dec.of(digits.length(), 0);
      }
      return digits.length() < 10 || digits.length() == 10 && digits.compareTo("2147483647") <= 0
          ? Dec.integer(10) : Dec.integer(19);
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
    return lastTop(t, match, from, to, i -> i > from && t.get(i).kind() == Kind.SYMBOL
        && (t.get(i).text().equals(ops[0]) || t.get(i).text().equals(ops[1])) && endsOperand(t.get(i - 1)));
  }

  /** The last top-level {@code word} (a keyword or {@code ::}) in {@code from..to}, or -1. */
  private static int lastTop(List<SqlToken> t, int[] match, int from, int to, String word) {
    return lastTop(t, match, from, to, i -> t.get(i).text().equalsIgnoreCase(word)
        && (t.get(i).kind() == Kind.WORD || t.get(i).kind() == Kind.SYMBOL));
  }

  /** The last token outside parentheses in {@code from..to} that {@code wanted} accepts, or -1. */
  private static int lastTop(List<SqlToken> t, int[] match, int from, int to, java.util.function.IntPredicate wanted) {
    int found = -1;
    for (int i = from; i < to; i++) {
      if (t.get(i).kind() == Kind.LEFT_PAREN && match[i] > i) {
        i = match[i];
      } else if (wanted.test(i)) {
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
}
