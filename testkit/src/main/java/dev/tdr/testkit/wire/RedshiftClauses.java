package dev.tdr.testkit.wire;

import dev.tdr.core.sql.SqlLexer;
import dev.tdr.core.sql.SqlSyntaxException;
import dev.tdr.core.sql.SqlToken;
import dev.tdr.core.sql.SqlToken.Kind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Redshift's clauses that change a query's shape, rewritten into PostgreSQL's before the other
 * rules of {@link RedshiftSql} (one construct per pass, innermost last):
 *
 * <ul>
 *   <li>{@code QUALIFY cond}: the select gets {@code (cond) AS tdr_qualify} as a last column and
 *       becomes a subquery filtered on it; ORDER BY stays inside, LIMIT/OFFSET go outside;
 *   <li>{@code source PIVOT (agg(x) [AS a], ... FOR col IN (v [AS n], ...))}: a GROUP BY of the
 *       source's other columns with one {@code agg(x) FILTER (WHERE col IS NOT DISTINCT FROM v)}
 *       per value, named as Redshift names them ({@code n}, or {@code n_a} with an aggregate alias);
 *   <li>{@code source UNPIVOT [INCLUDE NULLS] (v FOR name IN (c [AS n], ...))}: the source's other
 *       columns with a {@code LATERAL (VALUES ('c', c), ...)} row per listed column (NULLs dropped
 *       unless INCLUDE NULLS).
 * </ul>
 *
 * <p>The output columns of the select (QUALIFY) and of the source (PIVOT, UNPIVOT) come from
 * describing them on the emulator's own connection; where that fails (a session's temporary
 * table), the statement is passed on as written and PostgreSQL reports the syntax error.
 */
final class RedshiftClauses {
  private RedshiftClauses() {}

  static String rewrite(String sql, RelationColumns relations) {
    String lower = sql.toLowerCase(Locale.ROOT);
    if (!lower.contains("qualify") && !lower.contains("pivot")) {
      return sql;
    }
    String current = sql;
    for (int pass = 0; pass < 8; pass++) {
      String next = pass(current, relations);
      if (next == null) {
        return current;
      }
      current = next;
    }
    return current;
  }

  /** The statement with one construct rewritten, or null if there is none left that can be. */
  private static String pass(String sql, RelationColumns relations) {
    List<SqlToken> t = new ArrayList<>();
    try {
      for (SqlToken k : SqlLexer.tokenize(sql)) {
        if (!k.isComment()) {
          t.add(k);
        }
      }
    } catch (SqlSyntaxException e) {
      return null;
    }
    int[] match = RedshiftDialect.matchingParens(t);
    for (int i = 0; i < t.size(); i++) {
      SqlToken k = t.get(i);
      if (k.isKeyword("pivot") && i + 1 < t.size() && t.get(i + 1).kind() == Kind.LEFT_PAREN) {
        String r = pivot(sql, t, match, i, relations);
        if (r != null) {
          return r;
        }
      } else if (k.isKeyword("unpivot")) {
        String r = unpivot(sql, t, match, i, relations);
        if (r != null) {
          return r;
        }
      } else if (k.isKeyword("qualify")) {
        String r = qualify(sql, t, match, i, relations);
        if (r != null) {
          return r;
        }
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- QUALIFY

  private static String qualify(String sql, List<SqlToken> t, int[] match, int q, RelationColumns relations) {
    // the SELECT of this scope: walk back at the same depth
    int select = -1;
    for (int i = q - 1; i >= 0; i--) {
      SqlToken k = t.get(i);
      if (k.kind() == Kind.RIGHT_PAREN) {
        int open = openOf(match, i);
        if (open < 0) {
          return null;
        }
        i = open;
        continue;
      }
      if (k.kind() == Kind.LEFT_PAREN || k.kind() == Kind.SEMICOLON) {
        break;
      }
      if (k.isKeyword("select")) {
        select = i;
        break;
      }
    }
    if (select < 0) {
      return null;
    }
    int condEnd = RedshiftSql.clauseEnd(t, match, q + 1, RedshiftSql.CLAUSE_ENDS);
    int scopeEnd = condEnd;
    int limitAt = -1;
    while (scopeEnd < t.size() && t.get(scopeEnd).kind() != Kind.RIGHT_PAREN && t.get(scopeEnd).kind() != Kind.SEMICOLON
        && !t.get(scopeEnd).isKeyword("union") && !t.get(scopeEnd).isKeyword("intersect")
        && !t.get(scopeEnd).isKeyword("except") && !t.get(scopeEnd).isKeyword("minus")) {
      SqlToken k = t.get(scopeEnd);
      if (limitAt < 0 && (k.isKeyword("limit") || k.isKeyword("offset") || k.isKeyword("fetch"))) {
        limitAt = scopeEnd;
      }
      scopeEnd = k.kind() == Kind.LEFT_PAREN && match[scopeEnd] > scopeEnd ? match[scopeEnd] + 1 : scopeEnd + 1;
    }
    if (condEnd == q + 1) {
      return null;
    }
    String head = sql.substring(t.get(select).start(), t.get(q).start()).stripTrailing();
    String cond = text(sql, t, q + 1, condEnd);
    String order = condEnd < (limitAt < 0 ? scopeEnd : limitAt)
        ? " " + text(sql, t, condEnd, limitAt < 0 ? scopeEnd : limitAt) : "";
    String limit = limitAt >= 0 ? " " + text(sql, t, limitAt, scopeEnd) : "";
    Optional<List<String>> names = relations.columnNames(head);
    if (names.isEmpty()) {
      return null;
    }
    List<String> n = names.get();
    StringBuilder cols = new StringBuilder();
    StringBuilder outer = new StringBuilder("SELECT ");
    for (int i = 0; i < n.size(); i++) {
      cols.append("tdr_c").append(i + 1).append(", ");
      outer.append(i > 0 ? ", " : "").append("tdr_c").append(i + 1).append(" AS ").append(quote(n.get(i)));
    }
    String replacement = outer + " FROM (" + listWith(head, select, t, sql, match) + ", (" + cond + ") AS tdr_qualify"
        + fromOf(head, select, t, sql, match) + order + ") AS tdr_q(" + cols + "tdr_qualify) WHERE tdr_q.tdr_qualify"
        + limit;
    int end = scopeEnd > 0 ? t.get(scopeEnd - 1).end() : sql.length();
    return sql.substring(0, t.get(select).start()) + replacement + sql.substring(end);
  }

  /** The select list part of {@code head} (from SELECT up to its FROM, or all of it). */
  private static String listWith(String head, int select, List<SqlToken> t, String sql, int[] match) {
    int from = fromIndex(t, match, select);
    return from < 0 ? head : sql.substring(t.get(select).start(), t.get(from).start()).stripTrailing();
  }

  private static String fromOf(String head, int select, List<SqlToken> t, String sql, int[] match) {
    int from = fromIndex(t, match, select);
    if (from < 0) {
      return "";
    }
    int base = t.get(select).start();
    return " " + head.substring(t.get(from).start() - base);
  }

  private static int fromIndex(List<SqlToken> t, int[] match, int select) {
    int end = RedshiftSql.clauseEnd(t, match, select + 1, RedshiftSql.CLAUSE_ENDS);
    return end < t.size() && t.get(end).isKeyword("from") ? end : -1;
  }

  // ---------------------------------------------------------------- PIVOT / UNPIVOT

  /** The source before {@code at} ({@code (subquery) [AS] alias} or {@code [schema.]table [AS] alias}): [start, aliasIndex or -1]. */
  private static int[] source(List<SqlToken> t, int[] match, int at) {
    int i = at - 1;
    int alias = -1;
    if (i >= 0 && (t.get(i).kind() == Kind.WORD || t.get(i).kind() == Kind.QUOTED_IDENTIFIER)
        && i - 1 >= 0 && (t.get(i - 1).kind() == Kind.RIGHT_PAREN || t.get(i - 1).isKeyword("as")
        || t.get(i - 1).kind() == Kind.WORD || t.get(i - 1).kind() == Kind.QUOTED_IDENTIFIER)
        && !(i - 1 >= 0 && (t.get(i - 1).isKeyword("from") || t.get(i - 1).isKeyword("join") || t.get(i - 1).text().equals(".")))) {
      alias = i;
      i--;
      if (i >= 0 && t.get(i).isKeyword("as")) {
        i--;
      }
    }
    if (i < 0) {
      return null;
    }
    if (t.get(i).kind() == Kind.RIGHT_PAREN) {
      int open = openOf(match, i);
      return open < 0 ? null : new int[] {open, alias};
    }
    int start = i;
    while (start - 2 >= 0 && t.get(start - 1).text().equals(".")) {
      start -= 2;
    }
    return new int[] {start, alias};
  }

  private static String pivot(String sql, List<SqlToken> t, int[] match, int p, RelationColumns relations) {
    int[] src = source(t, match, p);
    if (src == null) {
      return null;
    }
    int open = p + 1;
    int close = match[open];
    int forAt = -1;
    for (int i = open + 1; i < close; i++) {
      if (t.get(i).kind() == Kind.LEFT_PAREN && match[i] > i) {
        i = match[i];
      } else if (t.get(i).isKeyword("for")) {
        forAt = i;
        break;
      }
    }
    if (forAt < 0 || forAt + 3 >= close || !t.get(forAt + 2).isKeyword("in") || t.get(forAt + 3).kind() != Kind.LEFT_PAREN) {
      return null;
    }
    String column = t.get(forAt + 1).text();
    String columnName = RedshiftSql.name(t.get(forAt + 1), true);
    List<int[]> aggs = RedshiftDialect.arguments(t, match, open, forAt);
    List<int[]> values = RedshiftDialect.arguments(t, match, forAt + 3, match[forAt + 3]);
    String sourceText = text(sql, t, src[0], p);
    Optional<List<String>> names = relations.columnNames("SELECT * FROM " + withAlias(sourceText, src[1]));
    if (names.isEmpty()) {
      return null;
    }
    Set<String> used = new HashSet<>();
    used.add(columnName);
    List<String[]> aggregates = new ArrayList<>();
    for (int[] a : aggs) {
      int end = a[1];
      String alias = null;
      if (end - a[0] >= 3 && t.get(end - 2).isKeyword("as")) {
        alias = RedshiftSql.name(t.get(end - 1), true);
        end -= 2;
      }
      for (int i = a[0]; i < end; i++) {
        if (t.get(i).kind() == Kind.WORD || t.get(i).kind() == Kind.QUOTED_IDENTIFIER) {
          used.add(RedshiftSql.name(t.get(i), true));
        }
      }
      aggregates.add(new String[] {text(sql, t, a[0], end), alias});
    }
    List<String> group = new ArrayList<>();
    for (String n : names.get()) {
      if (!used.contains(n)) {
        group.add(quote(n));
      }
    }
    StringBuilder b = new StringBuilder("(SELECT ");
    for (String g : group) {
      b.append(g).append(", ");
    }
    boolean first = true;
    for (int[] v : values) {
      int end = v[1];
      String valueAlias = null;
      if (end - v[0] >= 3 && t.get(end - 2).isKeyword("as")) {
        valueAlias = RedshiftSql.name(t.get(end - 1), true);
        end -= 2;
      }
      String value = text(sql, t, v[0], end);
      String valueName = valueAlias != null ? valueAlias : unquoteLiteral(value);
      for (String[] agg : aggregates) {
        b.append(first ? "" : ", ");
        first = false;
        b.append(filtered(agg[0], column, value)).append(" AS ")
            .append(quote(agg[1] == null ? valueName : valueName + "_" + agg[1]));
      }
    }
    b.append(" FROM ").append(withAlias(sourceText, src[1]));
    if (!group.isEmpty()) {
      b.append(" GROUP BY ").append(String.join(", ", group));
    }
    b.append(")");
    return replaced(sql, t, src[0], close, b, "tdr_pivot");
  }

  /** {@code agg(args)} with a FILTER for one pivot value. */
  private static String filtered(String agg, String column, String value) {
    String cond = "NULL".equalsIgnoreCase(value.strip()) ? column + " IS NULL"
        : column + " IS NOT DISTINCT FROM " + value;
    return agg + " FILTER (WHERE " + cond + ")";
  }

  private static String unpivot(String sql, List<SqlToken> t, int[] match, int u, RelationColumns relations) {
    int[] src = source(t, match, u);
    if (src == null) {
      return null;
    }
    int open = u + 1;
    boolean includeNulls = false;
    if (open + 1 < t.size() && (t.get(open).isKeyword("include") || t.get(open).isKeyword("exclude"))
        && t.get(open + 1).isKeyword("nulls")) {
      includeNulls = t.get(open).isKeyword("include");
      open += 2;
    }
    if (open >= t.size() || t.get(open).kind() != Kind.LEFT_PAREN || match[open] < open) {
      return null;
    }
    int close = match[open];
    if (open + 4 >= close || !t.get(open + 2).isKeyword("for") || !t.get(open + 4).isKeyword("in")
        || t.get(open + 5).kind() != Kind.LEFT_PAREN) {
      return null;
    }
    String valueColumn = t.get(open + 1).text();
    String nameColumn = t.get(open + 3).text();
    List<int[]> columns = RedshiftDialect.arguments(t, match, open + 5, match[open + 5]);
    String sourceText = text(sql, t, src[0], src[1] >= 0 ? src[1] : u);
    if (src[1] >= 0 && t.get(src[1] - 1).isKeyword("as")) {
      sourceText = text(sql, t, src[0], src[1] - 1);
    }
    Optional<List<String>> names = relations.columnNames("SELECT * FROM " + sourceText + " AS tdr_src");
    if (names.isEmpty()) {
      return null;
    }
    Set<String> listed = new HashSet<>();
    StringBuilder rows = new StringBuilder();
    for (int[] c : columns) {
      int end = c[1];
      String alias = null;
      if (end - c[0] >= 3 && t.get(end - 2).isKeyword("as")) {
        alias = RedshiftSql.name(t.get(end - 1), true);
        end -= 2;
      }
      String col = RedshiftSql.name(t.get(end - 1), true);
      listed.add(col);
      rows.append(rows.length() == 0 ? "" : ", ").append("(").append(dev.tdr.core.sql.SqlLiterals.quote(alias != null ? alias : col))
          .append(", tdr_src.").append(quote(col)).append(")");
    }
    StringBuilder b = new StringBuilder("(SELECT ");
    for (String n : names.get()) {
      if (!listed.contains(n)) {
        b.append("tdr_src.").append(quote(n)).append(", ");
      }
    }
    b.append("tdr_u.").append(nameColumn).append(", tdr_u.").append(valueColumn).append(" FROM ").append(sourceText)
        .append(" AS tdr_src CROSS JOIN LATERAL (VALUES ").append(rows).append(") AS tdr_u(").append(nameColumn)
        .append(", ").append(valueColumn).append(")");
    if (!includeNulls) {
      b.append(" WHERE tdr_u.").append(valueColumn).append(" IS NOT NULL");
    }
    b.append(")");
    return replaced(sql, t, src[0], close, b, "tdr_unpivot");
  }

  // ---------------------------------------------------------------- helpers

  /**
   * {@code sql} with tokens {@code from..close} and the alias after them ({@code [AS] name}, or
   * {@code defaultAlias}) replaced by the derived table {@code table}.
   */
  private static String replaced(String sql, List<SqlToken> t, int from, int close, CharSequence table,
      String defaultAlias) {
    int end = close + 1;
    String outerAlias = " AS " + defaultAlias;
    if (end < t.size() && t.get(end).isKeyword("as") && end + 1 < t.size()) {
      outerAlias = " AS " + t.get(end + 1).text();
      end += 2;
    } else if (end < t.size() && (t.get(end).kind() == Kind.WORD && !isClauseWord(t.get(end))
        || t.get(end).kind() == Kind.QUOTED_IDENTIFIER)) {
      outerAlias = " AS " + t.get(end).text();
      end++;
    }
    return sql.substring(0, t.get(from).start()) + table + outerAlias + sql.substring(t.get(end - 1).end());
  }

  private static final Set<String> CLAUSE_WORDS = Set.of("where", "group", "having", "order", "limit", "offset",
      "window", "qualify", "union", "intersect", "except", "minus", "join", "inner", "left", "right", "full",
      "cross", "natural", "on", "using", "fetch", "for", "pivot", "unpivot");

  private static boolean isClauseWord(SqlToken k) {
    return CLAUSE_WORDS.contains(k.text().toLowerCase(Locale.ROOT));
  }

  private static String withAlias(String source, int alias) {
    return alias >= 0 ? source : source + " AS tdr_src";
  }

  private static String unquoteLiteral(String value) {
    String v = value.strip();
    if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
      return v.substring(1, v.length() - 1).replace("''", "'");
    }
    return v.toLowerCase(Locale.ROOT);
  }

  private static String quote(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  private static String text(String sql, List<SqlToken> t, int from, int to) {
    return to <= from ? "" : sql.substring(t.get(from).start(), t.get(to - 1).end());
  }

  private static int openOf(int[] match, int close) {
    for (int i = close - 1; i >= 0; i--) {
      if (match[i] == close) {
        return i;
      }
    }
    return -1;
  }
}
