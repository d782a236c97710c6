package dev.tdr.core.sql;

/**
 * One lexical token of Redshift SQL, with its position in the source text.
 *
 * @param kind what the token is
 * @param text the token exactly as written in the source (quotes and comment markers included)
 * @param start offset of the first character in the source
 * @param end offset just past the last character in the source
 */
public record SqlToken(Kind kind, String text, int start, int end) {

  /** Token kinds. Whitespace is not a token; comments are, so callers can keep or drop them. */
  public enum Kind {
    /** A keyword or unquoted identifier, e.g. {@code SELECT}, {@code my_table}. */
    WORD,
    /** A double-quoted identifier, e.g. {@code "Order Id"}. */
    QUOTED_IDENTIFIER,
    /** A string literal: {@code '...'}, {@code E'...'} or {@code $tag$...$tag$}. */
    STRING,
    /** A numeric literal. */
    NUMBER,
    /** {@code (} */
    LEFT_PAREN,
    /** {@code )} */
    RIGHT_PAREN,
    /** {@code ;} */
    SEMICOLON,
    /** {@code ,} */
    COMMA,
    /** {@code -- ...} up to the end of the line, or {@code /* ... *}{@code /}. */
    COMMENT,
    /** Any other operator or punctuation, e.g. {@code =}, {@code ::}, {@code .}. */
    SYMBOL
  }

  /** True for a {@link Kind#WORD} equal to {@code keyword}, ignoring case. */
  public boolean isKeyword(String keyword) {
    return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
  }

  /** True if this token is a comment. */
  public boolean isComment() {
    return kind == Kind.COMMENT;
  }
}
