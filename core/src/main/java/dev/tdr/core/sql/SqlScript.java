package dev.tdr.core.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Statement-level views of SQL text: splitting a script on {@code ;}, finding the first keyword,
 * removing trailing terminators and comments. Quotes, identifiers, dollar strings and comments
 * are respected, so a {@code ;} inside them never splits.
 *
 * <pre>{@code
 * List<String> stmts = SqlScript.split("create table t (a int); insert into t values (1);");
 * }</pre>
 */
public final class SqlScript {
  private SqlScript() {}

  /**
   * The statements of a script, in order, each without its terminating {@code ;} and with
   * surrounding whitespace removed. Statements consisting only of comments are dropped.
   */
  public static List<String> split(String script) {
    List<String> out = new ArrayList<>();
    List<SqlToken> tokens = SqlLexer.tokenize(script);
    int stmtStart = -1;
    int stmtEnd = -1;
    boolean hasCode = false;
    for (SqlToken t : tokens) {
      if (t.kind() == SqlToken.Kind.SEMICOLON) {
        if (hasCode) {
          out.add(script.substring(stmtStart, stmtEnd).strip());
        }
        stmtStart = -1;
        hasCode = false;
        continue;
      }
      if (stmtStart < 0) {
        stmtStart = t.start();
      }
      stmtEnd = t.end();
      if (!t.isComment()) {
        hasCode = true;
      }
    }
    if (hasCode) {
      out.add(script.substring(stmtStart, stmtEnd).strip());
    }
    return out;
  }

  /** The first keyword of {@code sql} in upper case, skipping comments and parentheses, or "". */
  public static String firstKeyword(String sql) {
    for (SqlToken t : SqlLexer.tokenize(sql)) {
      if (t.kind() == SqlToken.Kind.WORD) {
        return t.text().toUpperCase(java.util.Locale.ROOT);
      }
      if (!t.isComment() && t.kind() != SqlToken.Kind.LEFT_PAREN) {
        return "";
      }
    }
    return "";
  }

  /**
   * {@code sql} without trailing {@code ;} terminators and trailing comments, e.g. {@code "select
   * 1; -- done"} becomes {@code "select 1"}. Text inside the statement is unchanged.
   */
  public static String stripTrailing(String sql) {
    List<SqlToken> tokens = SqlLexer.tokenize(sql);
    int end = 0;
    for (SqlToken t : tokens) {
      if (!t.isComment() && t.kind() != SqlToken.Kind.SEMICOLON) {
        end = t.end();
      }
    }
    int start = 0;
    for (SqlToken t : tokens) {
      if (!t.isComment()) {
        break;
      }
      start = t.end();
    }
    return start >= end ? "" : sql.substring(0, end).strip();
  }

  /** True if the only tokens in {@code sql} are comments and terminators. */
  public static boolean isBlank(String sql) {
    for (SqlToken t : SqlLexer.tokenize(sql)) {
      if (!t.isComment() && t.kind() != SqlToken.Kind.SEMICOLON) {
        return false;
      }
    }
    return true;
  }
}
