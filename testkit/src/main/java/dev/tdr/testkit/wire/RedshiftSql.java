package dev.tdr.testkit.wire;

import dev.tdr.core.sql.SqlLexer;
import dev.tdr.core.sql.SqlSyntaxException;
import dev.tdr.core.sql.SqlToken;
import dev.tdr.core.sql.SqlToken.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one place where the front turns the SQL a Redshift client sends into SQL the backing
 * PostgreSQL runs with Redshift's meaning:
 *
 * <ul>
 *   <li>quoted identifiers fold to lower case unless the session turned {@code
 *       enable_case_sensitive_identifier} on ({@code SET}, {@code RESET}, {@code SHOW} of it);
 *   <li>Redshift's session settings PostgreSQL does not know ({@code readonly} from
 *       redshift-jdbc42's {@code setReadOnly}, {@code query_group}, ...);
 *   <li>{@code pg_catalog.<name>} of the Redshift catalog objects the emulator adds, and {@code
 *       version()}, go to the emulator's schema (PostgreSQL does not let objects live in pg_catalog);
 *   <li>a number written against a word ({@code THEN 1WHEN}, in redshift-jdbc42's metadata SQL)
 *       gets a space, which PostgreSQL 15 and later require;
 *   <li>a select-list alias used later in the same select list (a lateral column alias) or in the
 *       WHERE clause is inlined, unless a relation of the FROM clause has a column of that name
 *       (which takes priority, as on Redshift).
 * </ul>
 *
 * <p>Text that cannot be tokenized is passed on unchanged, for PostgreSQL to report.
 */
public final class RedshiftSql {

  /** The session state the rewrites depend on. */
  static final class Session {
    private volatile boolean caseSensitive;

    boolean caseSensitive() {
      return caseSensitive;
    }
  }

  /** The emulator's objects that Redshift has in pg_catalog (its schema is on the search path). */
  static final Set<String> CATALOG_OBJECTS = Set.of(
      "svv_tables", "svv_columns", "svv_all_tables", "svv_all_columns", "svv_all_schemas",
      "svv_redshift_databases", "svv_external_schemas", "svv_external_tables",
      "svv_external_columns", "svv_table_info", "pg_table_def", "pg_proc_info", "stl_unload_log", "stl_query",
      "pg_last_query_id", "pg_last_unload_count", "pg_get_late_binding_view_cols", "version");

  static final String SCHEMA = "tdr_redshift";

  /** Redshift settings PostgreSQL lacks that only route or cache queries: kept, no effect. */
  private static final Map<String, String> INERT_SETTINGS = Map.of(
      "query_group", "default",
      "wlm_query_slot_count", "1",
      "enable_result_cache_for_session", "on");

  private static final String CASE_SETTING = "enable_case_sensitive_identifier";

  static final Set<String> CLAUSE_ENDS = Set.of(
      "from", "where", "group", "having", "order", "limit", "offset", "window", "qualify", "into",
      "union", "intersect", "except", "minus", "for", "fetch", "returning");

  private RedshiftSql() {}

  /**
   * {@code sql} as the front sends it to PostgreSQL, for a new session (quoted identifiers fold);
   * {@code relations} answers the catalog lookups of lateral aliases. For benchmarks and tools.
   */
  public static String rewrite(String sql, RelationColumns relations) {
    return rewrite(sql, new Session(), relations);
  }

  /** {@code sql} as the backend should run it. */
  static String rewrite(String original, Session session, RelationColumns relations) {
    @SuppressWarnings("unchecked")
    List<SqlToken>[] tokens = new List[1];
    String sql = RedshiftDialect.rewrite(original, tokens);
    String shaped = RedshiftClauses.rewrite(sql, relations);
    if (shaped != sql) {
      sql = shaped;
      tokens[0] = null;
    }
    List<SqlToken> t = tokens[0];
    if (t == null) {
      List<SqlToken> all;
      try {
        all = SqlLexer.tokenize(sql);
      } catch (SqlSyntaxException e) {
        return sql;
      }
      t = new ArrayList<>(all.size());
      for (SqlToken k : all) {
        if (!k.isComment()) {
          t.add(k);
        }
      }
    }
    List<Edit> edits = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= t.size(); i++) {
      if (i == t.size() || t.get(i).kind() == Kind.SEMICOLON) {
        if (i > start) {
          statement(sql, t.subList(start, i), session, relations, edits);
        }
        start = i + 1;
      }
    }
    return edits.isEmpty() ? sql : apply(sql, edits);
  }

  /** The edits of one statement; a setting changes how the statements after it read. */
  private static void statement(String sql, List<SqlToken> t, Session session, RelationColumns relations,
      List<Edit> edits) {
    int before = edits.size();
    setting(t, session, edits);
    if (edits.size() > before) {
      return;
    }
    boolean fold = !session.caseSensitive();
    int[] match = RedshiftDialect.matchingParens(t); // one pairing of parentheses for the rules below
    seriesInCase(sql, t, match, edits);
    decimalTypes(sql, t, match, fold, relations, edits); // insertions first: they must not lose to a replacement at the same place
    lateralAliases(sql, t, match, fold, relations, edits);
    for (int i = 0; i < t.size(); i++) {
      SqlToken k = t.get(i);
      if (k.kind() == Kind.QUOTED_IDENTIFIER && fold && !isUserName(t, i)) {
        String folded = k.text().toLowerCase(Locale.ROOT);
        if (!folded.equals(k.text())) {
          edits.add(new Edit(k.start(), k.end(), folded));
        }
      } else if (k.kind() == Kind.NUMBER && i + 1 < t.size() && t.get(i + 1).kind() == Kind.WORD
          && t.get(i + 1).start() == k.end()) {
        // "THEN 1WHEN": Redshift reads a number and a word; PostgreSQL 15+ calls it trailing junk
        edits.add(new Edit(k.end(), k.end(), " "));
      } else if (k.kind() == Kind.WORD && k.text().equalsIgnoreCase("pg_catalog") && i + 2 < t.size()
          && t.get(i + 1).text().equals(".")
          && CATALOG_OBJECTS.contains(name(t.get(i + 2), true))) {
        edits.add(new Edit(k.start(), k.end(), SCHEMA));
      } else if (k.kind() == Kind.WORD && k.text().equalsIgnoreCase("version") && i + 2 < t.size()
          && t.get(i + 1).kind() == Kind.LEFT_PAREN && t.get(i + 2).kind() == Kind.RIGHT_PAREN
          && (i == 0 || !t.get(i - 1).text().equals("."))) {
        edits.add(new Edit(k.start(), k.end(), SCHEMA + ".version"));
      }
    }
  }

  /** A user name in double quotes keeps its case whatever the setting (Redshift). */
  private static boolean isUserName(List<SqlToken> t, int i) {
    return i > 0 && (t.get(i - 1).isKeyword("user") || t.get(i - 1).isKeyword("authorization"));
  }

  // ---------------------------------------------------------------- settings

  /** A search_path value with the emulator's schema at its end (Redshift's catalog is always visible). */
  static String withCatalogSchema(String searchPath) {
    return searchPath.isBlank() ? SCHEMA : searchPath + ", " + SCHEMA;
  }

  private static void setting(List<SqlToken> s, Session session, List<Edit> edits) {
    SqlToken first = s.get(0);
    int stmtStart = first.start();
    int stmtEnd = s.get(s.size() - 1).end();
    if (first.isKeyword("show") && s.size() == 2) {
      String name = name(s.get(1), true);
      if (name.equals(CASE_SETTING)) {
        edits.add(new Edit(stmtStart, stmtEnd, "SELECT CASE WHEN current_setting('tdr." + CASE_SETTING
            + "', true) = 'on' THEN 'on' ELSE 'off' END AS " + CASE_SETTING));
      } else if (INERT_SETTINGS.containsKey(name)) {
        edits.add(new Edit(stmtStart, stmtEnd, "SELECT coalesce(nullif(current_setting('tdr." + name
            + "', true), ''), '" + INERT_SETTINGS.get(name) + "') AS " + name));
      } else if (name.equals("readonly")) {
        edits.add(new Edit(stmtStart, stmtEnd, "SELECT CASE current_setting('default_transaction_read_only')"
            + " WHEN 'on' THEN '1' ELSE '0' END AS readonly"));
      }
      return;
    }
    if (first.isKeyword("reset") && s.size() == 2) {
      String name = name(s.get(1), true);
      if (name.equals("all")) {
        session.caseSensitive = false;
      } else if (name.equals(CASE_SETTING) || INERT_SETTINGS.containsKey(name)) {
        if (name.equals(CASE_SETTING)) {
          session.caseSensitive = false;
        }
        edits.add(new Edit(stmtStart, stmtEnd, "RESET tdr." + name));
      } else if (name.equals("readonly")) {
        edits.add(new Edit(stmtStart, stmtEnd, "RESET default_transaction_read_only"));
      }
      return;
    }
    if (!first.isKeyword("set")) {
      return;
    }
    int i = 1;
    String scope = "";
    if (i < s.size() && (s.get(i).isKeyword("session") || s.get(i).isKeyword("local"))) {
      scope = s.get(i).text().toUpperCase(Locale.ROOT) + " ";
      i++;
    }
    if (i >= s.size()) {
      return;
    }
    String name = name(s.get(i), true);
    if (name.equals("search_path") && i + 2 < s.size()
        && (s.get(i + 1).isKeyword("to") || s.get(i + 1).text().equals("="))
        && !s.get(i + 2).isKeyword("default")) {
      // Redshift's catalog objects are always visible, whatever the search path says
      edits.add(new Edit(s.get(s.size() - 1).end(), s.get(s.size() - 1).end(), ", " + SCHEMA));
      return;
    }
    if (!name.equals(CASE_SETTING) && !name.equals("readonly") && !INERT_SETTINGS.containsKey(name)) {
      return;
    }
    if (i + 3 != s.size() || !(s.get(i + 1).isKeyword("to") || s.get(i + 1).text().equals("="))) {
      edits.add(new Edit(stmtStart, stmtEnd, refusal("22023", "syntax error in SET " + name + ": SET " + name + " TO value")));
      return;
    }
    SqlToken v = s.get(i + 2);
    String value = v.kind() == Kind.STRING ? dev.tdr.core.sql.SqlLiterals.unquote(v.text()) : v.text();
    String lower = value.toLowerCase(Locale.ROOT);
    if (name.equals(CASE_SETTING)) {
      Boolean on = switch (lower) {
        case "true", "on", "1", "yes" -> true;
        case "false", "off", "0", "no", "default" -> false;
        default -> null;
      };
      if (on == null) {
        edits.add(new Edit(stmtStart, stmtEnd,
            refusal("22023", "invalid value for parameter \"" + CASE_SETTING + "\": \"" + value + "\" (true or false)")));
        return;
      }
      session.caseSensitive = on;
      edits.add(new Edit(stmtStart, stmtEnd, "SET " + scope + "tdr." + CASE_SETTING + " TO '" + (on ? "on" : "off") + "'"));
    } else if (name.equals("readonly")) {
      boolean on = lower.equals("1") || lower.equals("true") || lower.equals("on");
      edits.add(new Edit(stmtStart, stmtEnd, "SET " + scope + "default_transaction_read_only TO " + (on ? "on" : "off")));
    } else {
      edits.add(new Edit(stmtStart, stmtEnd, "SET " + scope + "tdr." + name + " TO "
          + dev.tdr.core.sql.SqlLiterals.quote(lower.equals("default") ? INERT_SETTINGS.get(name) : value)));
    }
  }

  /** A statement that fails with {@code message} and {@code sqlState}, as Redshift refuses one. */
  static String refusal(String sqlState, String message) {
    return "DO $tdr$ BEGIN RAISE EXCEPTION USING ERRCODE = '" + sqlState + "', MESSAGE = "
        + dev.tdr.core.sql.SqlLiterals.quote(message) + "; END $tdr$";
  }

  // ---------------------------------------------------------------- set-returning functions in CASE

  /**
   * {@code CASE WHEN c THEN generate_series(a, b) - 1 ELSE generate_series(a, d) - 1 END}, as
   * redshift-jdbc42's getProcedureColumns and getFunctionColumns send it: Redshift runs it, PostgreSQL
   * 10 and later refuse a set-returning function inside CASE. When both branches are the same series
   * but for its end (and the same text after it), the CASE moves inside: {@code generate_series(a,
   * CASE WHEN c THEN b ELSE d END) - 1}, the same rows.
   */
  private static void seriesInCase(String sql, List<SqlToken> t, int[] match, List<Edit> edits) {
    for (int i = 0; i < t.size(); i++) {
      if (!t.get(i).isKeyword("case") || i + 1 >= t.size() || !t.get(i + 1).isKeyword("when")) {
        continue;
      }
      int then = -1;
      int otherwise = -1;
      int end = -1;
      int depth = 0;
      for (int j = i + 2; j < t.size() && end < 0; j++) {
        SqlToken k = t.get(j);
        if (k.kind() == Kind.LEFT_PAREN && match[j] > j) {
          j = match[j];
        } else if (k.isKeyword("case")) {
          depth++;
        } else if (k.isKeyword("end")) {
          if (depth == 0) {
            end = j;
          } else {
            depth--;
          }
        } else if (depth == 0 && k.isKeyword("when")) {
          break; // more than one WHEN: not this shape
        } else if (depth == 0 && k.isKeyword("then")) {
          then = j;
        } else if (depth == 0 && k.isKeyword("else")) {
          otherwise = j;
        }
      }
      if (then < 0 || otherwise < then || end < otherwise) {
        continue;
      }
      int[] a = series(t, match, then + 1, otherwise);
      int[] b = series(t, match, otherwise + 1, end);
      if (a == null || b == null
          || !tokens(t, a[1], a[2]).equals(tokens(t, b[1], b[2]))     // the same start
          || !tokens(t, a[4], otherwise).equals(tokens(t, b[4], end))) { // the same text after
        continue;
      }
      String cond = sql.substring(t.get(i + 2).start(), t.get(then - 1).end());
      String replacement = sql.substring(t.get(then + 1).start(), t.get(a[2] - 1).end()) + ", CASE WHEN " + cond
          + " THEN " + sql.substring(t.get(a[2] + 1).start(), t.get(a[3] - 1).end()) + " ELSE "
          + sql.substring(t.get(b[2] + 1).start(), t.get(b[3] - 1).end()) + " END"
          + sql.substring(t.get(a[3]).start(), t.get(otherwise - 1).end());
      edits.add(new Edit(t.get(i).start(), t.get(end).end(), replacement));
      i = end;
    }
  }

  /**
   * For {@code generate_series(x, y) rest} in tokens {@code from..to}: {from, first token of x, the
   * comma, the closing paren, first token of rest}; null if the branch is not that shape.
   */
  private static int[] series(List<SqlToken> t, int[] match, int from, int to) {
    int f = from;
    if (f + 2 < to && t.get(f).isKeyword("pg_catalog") && t.get(f + 1).text().equals(".")) {
      f += 2;
    }
    if (f + 1 >= to || !t.get(f).isKeyword("generate_series") || t.get(f + 1).kind() != Kind.LEFT_PAREN) {
      return null;
    }
    int close = match[f + 1];
    if (close < 0 || close >= to) {
      return null;
    }
    int comma = -1;
    for (int j = f + 2; j < close; j++) {
      if (t.get(j).kind() == Kind.LEFT_PAREN && match[j] > j) {
        j = match[j];
      } else if (t.get(j).kind() == Kind.COMMA) {
        if (comma >= 0) {
          return null; // a step argument: not this shape
        }
        comma = j;
      }
    }
    return comma < 0 ? null : new int[] {f, f + 2, comma, close, close + 1};
  }

  private static List<String> tokens(List<SqlToken> t, int from, int to) {
    List<String> out = new ArrayList<>();
    for (int j = from; j < to; j++) {
      out.add(t.get(j).text().toLowerCase(Locale.ROOT));
    }
    return out;
  }

  // ---------------------------------------------------------------- lateral column aliases

  private static void lateralAliases(String sql, List<SqlToken> t, int[] match, boolean fold,
      RelationColumns relations, List<Edit> edits) {
    for (int i = 0; i < t.size(); i++) {
      if (t.get(i).isKeyword("select")) {
        selectScope(sql, t, match, i, fold, relations, edits);
      }
    }
  }

  /** Index after the scope that starts at {@code from} (at its depth): a closing paren, ';' or the end. */
  static int clauseEnd(List<SqlToken> t, int[] match, int from, Set<String> ends) {
    int i = from;
    while (i < t.size()) {
      SqlToken k = t.get(i);
      if (k.kind() == Kind.RIGHT_PAREN || k.kind() == Kind.SEMICOLON) {
        return i;
      }
      if (k.kind() == Kind.WORD && ends.contains(k.text().toLowerCase(Locale.ROOT))) {
        return i;
      }
      i = k.kind() == Kind.LEFT_PAREN && match[i] > i ? match[i] + 1 : i + 1;
    }
    return i;
  }

  private record Item(int from, int to, String alias) {}

  /** The select list of the SELECT at {@code select}: its items and the index after it. */
  private record SelectList(int end, List<Item> items) {}

  private static SelectList selectList(List<SqlToken> t, int[] match, int select, boolean fold) {
    int listStart = select + 1;
    if (listStart < t.size() && (t.get(listStart).isKeyword("distinct") || t.get(listStart).isKeyword("all"))) {
      listStart++;
      if (listStart < t.size() && t.get(listStart - 1).isKeyword("distinct") && t.get(listStart).isKeyword("on")
          && listStart + 1 < t.size() && match[listStart + 1] > 0) {
        listStart = match[listStart + 1] + 1;
      }
    }
    if (listStart + 1 < t.size() && t.get(listStart).isKeyword("top")) {
      listStart += 2;
    }
    int listEnd = clauseEnd(t, match, listStart, CLAUSE_ENDS);
    List<Item> items = new ArrayList<>();
    int s = listStart;
    for (int i = listStart; i <= listEnd; i++) {
      if (i == listEnd || t.get(i).kind() == Kind.COMMA) {
        if (i > s) {
          String alias = null;
          if (i - s >= 3 && t.get(i - 2).isKeyword("as") && isIdentifier(t.get(i - 1))) {
            alias = name(t.get(i - 1), fold);
          }
          items.add(new Item(s, alias == null ? i : i - 2, alias));
        }
        s = i + 1;
      } else if (t.get(i).kind() == Kind.LEFT_PAREN && match[i] > i) {
        i = match[i];
      }
    }
    return new SelectList(listEnd, items);
  }

  // ---------------------------------------------------------------- DECIMAL result types

  /** Redshift's DECIMAL types for SUM/AVG and arithmetic of DECIMALs ({@link RedshiftDecimals}). */
  private static void decimalTypes(String sql, List<SqlToken> t, int[] match, boolean fold,
      RelationColumns relations, List<Edit> edits) {
    for (int i = 0; i < t.size(); i++) {
      if (!t.get(i).isKeyword("select")) {
        continue;
      }
      SelectList list = selectList(t, match, i, fold);
      List<int[]> items = new ArrayList<>();
      for (Item item : list.items()) {
        items.add(new int[] {item.from(), item.to(), item.alias() == null ? 0 : 1});
      }
      int listEnd = list.end();
      String from = "";
      if (listEnd < t.size() && t.get(listEnd).isKeyword("from")) {
        int end = clauseEnd(t, match, listEnd + 1, CLAUSE_ENDS);
        from = " " + sql.substring(t.get(listEnd).start(), t.get(end - 1).end());
      }
      String fromClause = from;
      List<RedshiftDecimals.Insert> inserts = new ArrayList<>();
      RedshiftDecimals.items(sql, t, match, items,
          (exprs, aggregates) -> relations.describe("SELECT " + String.join(", ", exprs) + fromClause).orElse(null),
          inserts);
      for (RedshiftDecimals.Insert in : inserts) {
        edits.add(new Edit(in.at(), in.at(), in.text()));
      }
    }
  }

  private static void selectScope(String sql, List<SqlToken> t, int[] match, int select, boolean fold,
      RelationColumns relations, List<Edit> edits) {
    SelectList list = selectList(t, match, select, fold);
    int listEnd = list.end();
    List<Item> items = list.items();
    Map<String, String> earlier = new HashMap<>();
    Map<String, Item> aliased = new HashMap<>();
    for (Item item : items) {
      if (item.alias() != null) {
        aliased.putIfAbsent(item.alias(), item);
      }
    }
    if (aliased.isEmpty()) {
      return;
    }
    // candidates: later items and WHERE referring to an alias
    boolean any = false;
    Set<String> seen = new HashSet<>();
    for (Item item : items) {
      if (references(t, match, item.from(), item.to(), seen, fold)) {
        any = true;
      }
      if (item.alias() != null) {
        seen.add(item.alias());
      }
    }
    int whereStart = -1;
    int whereEnd = -1;
    if (listEnd < t.size() && t.get(listEnd).isKeyword("from")) {
      int fromEnd = clauseEnd(t, match, listEnd + 1, CLAUSE_ENDS);
      if (fromEnd < t.size() && t.get(fromEnd).isKeyword("where")) {
        whereStart = fromEnd + 1;
        whereEnd = clauseEnd(t, match, whereStart, CLAUSE_ENDS);
        any |= references(t, match, whereStart, whereEnd, aliased.keySet(), fold);
      }
    }
    if (!any) {
      return;
    }
    Set<String> fromColumns = listEnd < t.size() && t.get(listEnd).isKeyword("from")
        ? fromColumns(t, match, listEnd + 1, clauseEnd(t, match, listEnd + 1, CLAUSE_ENDS), fold, relations)
        : Set.of();
    if (fromColumns == null) {
      return; // a relation we cannot see: leave the statement to PostgreSQL
    }
    for (Item item : items) {
      inline(sql, t, match, item.from(), item.to(), earlier, fromColumns, fold, edits);
      if (item.alias() != null && !earlier.containsKey(item.alias())) {
        earlier.put(item.alias(), "(" + text(sql, t, match, item.from(), item.to(), earlier, fromColumns, fold) + ")");
      }
    }
    if (whereStart >= 0) {
      inline(sql, t, match, whereStart, whereEnd, earlier, fromColumns, fold, edits);
    }
  }

  private static boolean isIdentifier(SqlToken k) {
    return k.kind() == Kind.WORD || k.kind() == Kind.QUOTED_IDENTIFIER;
  }

  /** The token as a name: unquoted folded to lower case; quoted unquoted, folded if {@code fold}. */
  static String name(SqlToken k, boolean fold) {
    if (k.kind() == Kind.QUOTED_IDENTIFIER) {
      String inner = k.text().substring(1, k.text().length() - 1).replace("\"\"", "\"");
      return fold ? inner.toLowerCase(Locale.ROOT) : inner;
    }
    return k.text().toLowerCase(Locale.ROOT);
  }

  /** True if token {@code i} is a bare column reference (not qualified, not a function, a type or an alias). */
  private static boolean isBareReference(List<SqlToken> t, int i) {
    SqlToken k = t.get(i);
    if (!isIdentifier(k)) {
      return false;
    }
    if (i > 0) {
      SqlToken p = t.get(i - 1);
      if (p.text().equals(".") || p.text().equals("::") || p.isKeyword("as")) {
        return false;
      }
    }
    if (i + 1 < t.size()) {
      SqlToken n = t.get(i + 1);
      return !n.text().equals(".") && n.kind() != Kind.LEFT_PAREN;
    }
    return true;
  }

  private static boolean isSubquery(List<SqlToken> t, int open) {
    return open + 1 < t.size() && (t.get(open + 1).isKeyword("select") || t.get(open + 1).isKeyword("with"));
  }

  private static boolean references(List<SqlToken> t, int[] match, int from, int to, Set<String> aliases,
      boolean fold) {
    for (int i = from; i < to; i++) {
      if (t.get(i).kind() == Kind.LEFT_PAREN && match[i] > i && isSubquery(t, i)) {
        i = match[i];
      } else if (isBareReference(t, i) && aliases.contains(name(t.get(i), fold))) {
        return true;
      }
    }
    return false;
  }

  private static void inline(String sql, List<SqlToken> t, int[] match, int from, int to,
      Map<String, String> earlier, Set<String> fromColumns, boolean fold, List<Edit> edits) {
    for (int i = from; i < to; i++) {
      if (t.get(i).kind() == Kind.LEFT_PAREN && match[i] > i && isSubquery(t, i)) {
        i = match[i];
      } else if (isBareReference(t, i)) {
        String n = name(t.get(i), fold);
        if (earlier.containsKey(n) && !fromColumns.contains(n)) {
          edits.add(new Edit(t.get(i).start(), t.get(i).end(), earlier.get(n)));
        }
      }
    }
  }

  /** The text of tokens {@code from..to} with earlier aliases inlined (for chains of aliases). */
  private static String text(String sql, List<SqlToken> t, int[] match, int from, int to,
      Map<String, String> earlier, Set<String> fromColumns, boolean fold) {
    List<Edit> local = new ArrayList<>();
    inline(sql, t, match, from, to, earlier, fromColumns, fold, local);
    int a = t.get(from).start();
    int b = t.get(to - 1).end();
    List<Edit> shifted = new ArrayList<>();
    for (Edit e : local) {
      shifted.add(new Edit(e.start() - a, e.end() - a, e.text()));
    }
    return apply(sql.substring(a, b), shifted);
  }

  /**
   * The columns the FROM clause's relations offer (tables and views through {@code relations},
   * subqueries by their select list, functions by their name or column list); null if any is unknown.
   */
  private static Set<String> fromColumns(List<SqlToken> t, int[] match, int from, int to, boolean fold,
      RelationColumns relations) {
    Set<String> out = new HashSet<>();
    int i = from;
    while (i < to) {
      SqlToken k = t.get(i);
      if (k.kind() == Kind.COMMA || k.isKeyword("join") || k.isKeyword("inner") || k.isKeyword("left")
          || k.isKeyword("right") || k.isKeyword("full") || k.isKeyword("outer") || k.isKeyword("cross")
          || k.isKeyword("natural") || k.isKeyword("lateral") || k.isKeyword("only")) {
        i++;
        continue;
      }
      if (k.isKeyword("on")) {
        // skip the join condition up to the next join or comma
        i++;
        while (i < to && t.get(i).kind() != Kind.COMMA && !t.get(i).isKeyword("join") && !t.get(i).isKeyword("left")
            && !t.get(i).isKeyword("right") && !t.get(i).isKeyword("inner") && !t.get(i).isKeyword("full")
            && !t.get(i).isKeyword("cross") && !t.get(i).isKeyword("natural")) {
          i = t.get(i).kind() == Kind.LEFT_PAREN && match[i] > i ? match[i] + 1 : i + 1;
        }
        continue;
      }
      if (k.isKeyword("using") && i + 1 < to && match[i + 1] > i + 1) {
        i = match[i + 1] + 1;
        continue;
      }
      if (k.kind() == Kind.LEFT_PAREN && match[i] > i) {
        if (!isSubquery(t, i)) {
          Set<String> inner = fromColumns(t, match, i + 1, match[i], fold, relations); // a parenthesized join
          if (inner == null) {
            return null;
          }
          out.addAll(inner);
          i = skipAlias(t, match, match[i] + 1, to, out, fold);
          continue;
        }
        Set<String> names = outputNames(t, match, i + 1, match[i], fold);
        if (names == null) {
          return null;
        }
        out.addAll(names);
        i = skipAlias(t, match, match[i] + 1, to, out, fold);
        continue;
      }
      if (!isIdentifier(k)) {
        return null;
      }
      // [schema.]name, or a function call
      StringBuilder relation = new StringBuilder(k.kind() == Kind.QUOTED_IDENTIFIER && fold
          ? k.text().toLowerCase(Locale.ROOT) : k.text());
      String last = name(k, fold);
      int j = i + 1;
      while (j + 1 < to && t.get(j).text().equals(".") && isIdentifier(t.get(j + 1))) {
        SqlToken p = t.get(j + 1);
        relation.append('.').append(p.kind() == Kind.QUOTED_IDENTIFIER && fold ? p.text().toLowerCase(Locale.ROOT) : p.text());
        last = name(p, fold);
        j += 2;
      }
      Set<String> aliasColumns = new HashSet<>();
      if (j < to && t.get(j).kind() == Kind.LEFT_PAREN && match[j] > j) {
        int after = skipAlias(t, match, match[j] + 1, to, aliasColumns, fold);
        out.addAll(aliasColumns.isEmpty() ? Set.of(last) : aliasColumns);
        i = after;
        continue;
      }
      String rel = relation.toString();
      if (rel.toLowerCase(Locale.ROOT).startsWith("pg_catalog.") && CATALOG_OBJECTS.contains(last)) {
        rel = SCHEMA + "." + last; // as rewritten below
      }
      Optional<Set<String>> columns = relations.columns(rel);
      if (columns.isEmpty()) {
        return null;
      }
      out.addAll(columns.get());
      i = skipAlias(t, match, j, to, aliasColumns, fold);
      out.addAll(aliasColumns);
    }
    return out;
  }

  /** Skips {@code [AS] alias [(col, ...)]}; adds the column names of a column list to {@code columns}. */
  private static int skipAlias(List<SqlToken> t, int[] match, int i, int to, Set<String> columns, boolean fold) {
    if (i < to && t.get(i).isKeyword("as")) {
      i++;
    }
    if (i < to && isIdentifier(t.get(i)) && !isJoinWord(t.get(i))) {
      i++;
      if (i < to && t.get(i).kind() == Kind.LEFT_PAREN && match[i] > i) {
        for (int c = i + 1; c < match[i]; c++) {
          if (isIdentifier(t.get(c)) && (t.get(c - 1).kind() == Kind.LEFT_PAREN || t.get(c - 1).kind() == Kind.COMMA)) {
            columns.add(name(t.get(c), fold));
          }
        }
        i = match[i] + 1;
      }
    }
    return i;
  }

  private static boolean isJoinWord(SqlToken k) {
    for (String w : List.of("join", "inner", "left", "right", "full", "cross", "natural", "on", "using",
        "where", "group", "order", "limit")) {
      if (k.isKeyword(w)) {
        return true;
      }
    }
    return false;
  }

  /** The output column names of the select list of a subquery; null if it has a {@code *}. */
  private static Set<String> outputNames(List<SqlToken> t, int[] match, int from, int to, boolean fold) {
    int select = from;
    if (!t.get(select).isKeyword("select")) {
      return null;
    }
    int listEnd = clauseEnd(t, match, select + 1, CLAUSE_ENDS);
    Set<String> out = new HashSet<>();
    int s = select + 1;
    for (int i = select + 1; i <= listEnd; i++) {
      if (i == listEnd || t.get(i).kind() == Kind.COMMA) {
        if (i > s) {
          SqlToken last = t.get(i - 1);
          if (last.text().equals("*")) {
            return null;
          }
          if (isIdentifier(last)) {
            out.add(name(last, fold));
          }
        }
        s = i + 1;
      } else if (t.get(i).kind() == Kind.LEFT_PAREN && match[i] > i) {
        i = match[i];
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- edits

  private record Edit(int start, int end, String text) {}

  private static String apply(String sql, List<Edit> edits) {
    edits.sort(Comparator.comparingInt(Edit::start));
    StringBuilder b = new StringBuilder(sql.length() + 64);
    int at = 0;
    for (Edit e : edits) {
      if (e.start() < at) {
        continue; // overlapping: the first wins
      }
      b.append(sql, at, e.start()).append(e.text());
      at = e.end();
    }
    return b.append(sql, at, sql.length()).toString();
  }
}
