package dev.tdr.core.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits Redshift SQL into tokens.
 *
 * <p>Follows Redshift's (and PostgreSQL's with {@code standard_conforming_strings=off}) rules:
 * inside an ordinary {@code '...'} literal both {@code ''} and a backslash escape the next
 * character; {@code "..."} identifiers double their quotes; {@code $tag$...$tag$} strings end at
 * the same tag; block comments nest. An unterminated literal, identifier or comment raises {@link
 * SqlSyntaxException} naming the offset where it began.
 *
 * <pre>{@code
 * List<SqlToken> tokens = SqlLexer.tokenize("select 'it''s' -- note");
 * }</pre>
 */
public final class SqlLexer {
  private final String sql;
  private int pos;

  private SqlLexer(String sql) {
    this.sql = sql;
  }

  /** All tokens of {@code sql}, comments included, in source order. */
  public static List<SqlToken> tokenize(String sql) {
    return new SqlLexer(sql).run();
  }

  private List<SqlToken> run() {
    List<SqlToken> out = new ArrayList<>();
    int n = sql.length();
    while (true) {
      while (pos < n && Character.isWhitespace(sql.charAt(pos))) {
        pos++;
      }
      if (pos >= n) {
        return out;
      }
      int start = pos;
      char c = sql.charAt(pos);
      SqlToken.Kind kind;
      if (c == '-' && peek(1) == '-') {
        while (pos < n && sql.charAt(pos) != '\n') {
          pos++;
        }
        kind = SqlToken.Kind.COMMENT;
      } else if (c == '/' && peek(1) == '*') {
        blockComment(start);
        kind = SqlToken.Kind.COMMENT;
      } else if (c == '\'') {
        quotedString(start);
        kind = SqlToken.Kind.STRING;
      } else if ((c == 'E' || c == 'e') && peek(1) == '\'') {
        pos++;
        quotedString(start);
        kind = SqlToken.Kind.STRING;
      } else if (c == '"') {
        quotedIdentifier(start);
        kind = SqlToken.Kind.QUOTED_IDENTIFIER;
      } else if (c == '$' && dollarTagEnd(pos) > 0) {
        dollarString(start);
        kind = SqlToken.Kind.STRING;
      } else if (Character.isDigit(c) || (c == '.' && Character.isDigit(peek(1)))) {
        number();
        kind = SqlToken.Kind.NUMBER;
      } else if (Character.isLetter(c) || c == '_' || c > 127) {
        while (pos < n && isWordPart(sql.charAt(pos))) {
          pos++;
        }
        kind = SqlToken.Kind.WORD;
      } else if (c == '(') {
        pos++;
        kind = SqlToken.Kind.LEFT_PAREN;
      } else if (c == ')') {
        pos++;
        kind = SqlToken.Kind.RIGHT_PAREN;
      } else if (c == ';') {
        pos++;
        kind = SqlToken.Kind.SEMICOLON;
      } else if (c == ',') {
        pos++;
        kind = SqlToken.Kind.COMMA;
      } else {
        pos++;
        if (c == ':' && peek(0) == ':') {
          pos++;
        }
        kind = SqlToken.Kind.SYMBOL;
      }
      out.add(new SqlToken(kind, sql.substring(start, pos), start, pos));
    }
  }

  private static boolean isWordPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 127;
  }

  private char peek(int ahead) {
    int i = pos + ahead;
    return i < sql.length() ? sql.charAt(i) : '\0';
  }

  private void blockComment(int start) {
    int depth = 0;
    int n = sql.length();
    while (pos < n) {
      if (sql.startsWith("/*", pos)) {
        depth++;
        pos += 2;
      } else if (sql.startsWith("*/", pos)) {
        depth--;
        pos += 2;
        if (depth == 0) {
          return;
        }
      } else {
        pos++;
      }
    }
    throw new SqlSyntaxException("unterminated /* comment starting at offset " + start, start);
  }

  private void quotedString(int start) {
    quoted(start, '\'', true, "quoted string");
  }

  private void quotedIdentifier(int start) {
    quoted(start, '"', false, "quoted identifier");
  }

  /** Skips a {@code quote}-delimited token; a doubled quote (or a backslash, if allowed) escapes. */
  private void quoted(int start, char quote, boolean backslashEscapes, String what) {
    pos++; // opening quote
    int n = sql.length();
    while (pos < n) {
      char c = sql.charAt(pos);
      if (backslashEscapes && c == '\\') {
        pos += 2;
      } else if (c == quote) {
        if (peek(1) == quote) {
          pos += 2;
        } else {
          pos++;
          return;
        }
      } else {
        pos++;
      }
    }
    throw new SqlSyntaxException("unterminated " + what + " starting at offset " + start, start);
  }

  /** Offset just past the closing {@code $} of a dollar tag starting at {@code at}, or -1. */
  private int dollarTagEnd(int at) {
    int i = at + 1;
    int n = sql.length();
    if (i < n && Character.isDigit(sql.charAt(i))) {
      return -1; // $1 is a parameter, not a tag
    }
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '$') {
        return i + 1;
      }
      if (!(Character.isLetterOrDigit(c) || c == '_')) {
        return -1;
      }
      i++;
    }
    return -1;
  }

  private void dollarString(int start) {
    int tagEnd = dollarTagEnd(pos);
    String tag = sql.substring(pos, tagEnd);
    int close = sql.indexOf(tag, tagEnd);
    if (close < 0) {
      throw new SqlSyntaxException(
          "unterminated dollar-quoted string " + tag + " starting at offset " + start, start);
    }
    pos = close + tag.length();
  }

  private void number() {
    int n = sql.length();
    while (pos < n && (Character.isDigit(sql.charAt(pos)) || sql.charAt(pos) == '.')) {
      pos++;
    }
    if (pos < n && (sql.charAt(pos) == 'e' || sql.charAt(pos) == 'E')) {
      int save = pos;
      pos++;
      if (pos < n && (sql.charAt(pos) == '+' || sql.charAt(pos) == '-')) {
        pos++;
      }
      if (pos < n && Character.isDigit(sql.charAt(pos))) {
        while (pos < n && Character.isDigit(sql.charAt(pos))) {
          pos++;
        }
      } else {
        pos = save;
      }
    }
  }
}
