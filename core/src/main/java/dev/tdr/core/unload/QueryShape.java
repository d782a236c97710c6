package dev.tdr.core.unload;

import dev.tdr.core.sql.SqlLexer;
import dev.tdr.core.sql.SqlToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the outermost level of a query does that UNLOAD would lose: a LIMIT/OFFSET (UNLOAD rejects
 * it there) and an ORDER BY (UNLOAD in parallel does not keep it).
 *
 * @param outerLimit true if the outermost level has LIMIT, OFFSET or FETCH
 * @param orderBy the outermost ORDER BY keys, empty if none
 */
public record QueryShape(boolean outerLimit, List<OrderKey> orderBy) {

  /**
   * One ORDER BY key.
   *
   * @param text the key as written
   * @param ordinal a 1-based output column position, or 0
   * @param name an output column name (unquoted names folded to lower case), or null
   * @param descending DESC
   * @param nullsFirst where NULLs go (Redshift's default: last for ASC, first for DESC)
   */
  public record OrderKey(String text, int ordinal, String name, boolean descending, boolean nullsFirst) {
    /** True if the key is an expression, not a name or position TDR can sort by locally. */
    public boolean expression() {
      return ordinal == 0 && name == null;
    }
  }

  /** Analyses one statement (without a trailing {@code ;}). */
  public static QueryShape analyze(String sql) {
    List<SqlToken> tokens = new ArrayList<>();
    for (SqlToken t : SqlLexer.tokenize(sql)) {
      if (!t.isComment()) {
        tokens.add(t);
      }
    }
    int depth = 0;
    boolean limit = false;
    int orderStart = -1;
    int orderEnd = tokens.size();
    for (int i = 0; i < tokens.size(); i++) {
      SqlToken t = tokens.get(i);
      if (t.kind() == SqlToken.Kind.LEFT_PAREN) {
        depth++;
      } else if (t.kind() == SqlToken.Kind.RIGHT_PAREN) {
        depth--;
      } else if (depth == 0 && t.kind() == SqlToken.Kind.WORD) {
        if (t.isKeyword("LIMIT") || t.isKeyword("OFFSET") || t.isKeyword("FETCH")) {
          limit = true;
          if (orderStart >= 0 && orderEnd == tokens.size()) {
            orderEnd = i;
          }
        } else if (t.isKeyword("ORDER") && i + 1 < tokens.size() && tokens.get(i + 1).isKeyword("BY")) {
          orderStart = i + 2;
          orderEnd = tokens.size();
        } else if (orderStart >= 0 && orderEnd == tokens.size()
            && (t.isKeyword("FOR") || t.isKeyword("UNION") || t.isKeyword("EXCEPT") || t.isKeyword("INTERSECT"))) {
          // ORDER BY inside a set operation's branch is not the outermost one
          if (!t.isKeyword("FOR")) {
            orderStart = -1;
          } else {
            orderEnd = i;
          }
        }
      }
    }
    List<OrderKey> keys = new ArrayList<>();
    if (orderStart >= 0) {
      List<SqlToken> key = new ArrayList<>();
      int d = 0;
      for (int i = orderStart; i < orderEnd; i++) {
        SqlToken t = tokens.get(i);
        if (t.kind() == SqlToken.Kind.LEFT_PAREN) {
          d++;
        } else if (t.kind() == SqlToken.Kind.RIGHT_PAREN) {
          d--;
        }
        if (d == 0 && t.kind() == SqlToken.Kind.COMMA) {
          keys.add(key(sql, key));
          key = new ArrayList<>();
        } else {
          key.add(t);
        }
      }
      if (!key.isEmpty()) {
        keys.add(key(sql, key));
      }
    }
    return new QueryShape(limit, keys);
  }

  private static OrderKey key(String sql, List<SqlToken> tokens) {
    String text = sql.substring(tokens.get(0).start(), tokens.get(tokens.size() - 1).end());
    int end = tokens.size();
    Boolean nullsFirst = null;
    boolean desc = false;
    boolean complex = false;
    if (end >= 2 && tokens.get(end - 2).isKeyword("NULLS")) {
      nullsFirst = tokens.get(end - 1).isKeyword("FIRST");
      end -= 2;
    }
    if (end >= 1 && (tokens.get(end - 1).isKeyword("ASC") || tokens.get(end - 1).isKeyword("DESC"))) {
      desc = tokens.get(end - 1).isKeyword("DESC");
      end -= 1;
    }
    for (int i = 0; i < end; i++) {
      if (tokens.get(i).isKeyword("USING") || tokens.get(i).isKeyword("COLLATE")) {
        complex = true;
      }
    }
    boolean nf = nullsFirst != null ? nullsFirst : desc;
    if (end == 1 && !complex) {
      SqlToken t = tokens.get(0);
      if (t.kind() == SqlToken.Kind.NUMBER && t.text().matches("\\d+")) {
        return new OrderKey(text, Integer.parseInt(t.text()), null, desc, nf);
      }
      if (t.kind() == SqlToken.Kind.WORD) {
        return new OrderKey(text, 0, t.text().toLowerCase(Locale.ROOT), desc, nf);
      }
      if (t.kind() == SqlToken.Kind.QUOTED_IDENTIFIER) {
        String raw = t.text();
        return new OrderKey(text, 0, raw.substring(1, raw.length() - 1).replace("\"\"", "\""), desc, nf);
      }
    }
    return new OrderKey(text, 0, null, desc, nf);
  }
}
