package dev.tdr.core.sql;

/**
 * Redshift string literals: quoting a value so Redshift reads it back unchanged, and decoding a
 * literal as Redshift does.
 *
 * <p>In an ordinary Redshift literal a backslash is an escape character (Redshift's own {@code
 * QUOTE_LITERAL} doubles backslashes), so the safe rule is: double every backslash, then double
 * every single quote.
 */
public final class SqlLiterals {
  private SqlLiterals() {}

  /** {@code value} as a single-quoted Redshift literal, e.g. {@code it's \ } → {@code 'it''s \\'}. */
  public static String quote(String value) {
    StringBuilder sb = new StringBuilder(value.length() + 8).append('\'');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\') {
        sb.append("\\\\");
      } else if (c == '\'') {
        sb.append("''");
      } else {
        sb.append(c);
      }
    }
    return sb.append('\'').toString();
  }

  /**
   * The value of a string literal token ({@code '...'}, {@code E'...'} or {@code $tag$...$tag$}):
   * {@code ''} becomes {@code '}; {@code \b \f \n \r \t} become control characters, {@code \ooo}
   * an octal byte value, {@code \xhh} a hex value, and a backslash before any other character
   * stands for that character.
   *
   * @throws IllegalArgumentException if {@code literal} is not a string literal
   */
  public static String unquote(String literal) {
    if (literal.startsWith("$")) {
      int tagEnd = literal.indexOf('$', 1) + 1;
      String tag = literal.substring(0, tagEnd);
      if (tagEnd <= 0 || !literal.endsWith(tag) || literal.length() < 2 * tag.length()) {
        throw new IllegalArgumentException("not a dollar-quoted literal: " + literal);
      }
      return literal.substring(tagEnd, literal.length() - tag.length());
    }
    int from = 0;
    if (literal.startsWith("E'") || literal.startsWith("e'")) {
      from = 1;
    }
    if (literal.length() < from + 2 || literal.charAt(from) != '\''
        || literal.charAt(literal.length() - 1) != '\'') {
      throw new IllegalArgumentException("not a quoted literal: " + literal);
    }
    String body = literal.substring(from + 1, literal.length() - 1);
    StringBuilder sb = new StringBuilder(body.length());
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\'' && i + 1 < body.length() && body.charAt(i + 1) == '\'') {
        sb.append('\'');
        i++;
      } else if (c == '\\' && i + 1 < body.length()) {
        char e = body.charAt(++i);
        switch (e) {
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'n' -> sb.append('\n');
          case 'r' -> sb.append('\r');
          case 't' -> sb.append('\t');
          case 'x' -> {
            int j = i + 1;
            while (j < body.length() && j < i + 3 && Character.digit(body.charAt(j), 16) >= 0) {
              j++;
            }
            if (j == i + 1) {
              sb.append('x');
            } else {
              sb.append((char) Integer.parseInt(body.substring(i + 1, j), 16));
              i = j - 1;
            }
          }
          default -> {
            if (e >= '0' && e <= '7') {
              int j = i;
              while (j < body.length() && j < i + 3 && body.charAt(j) >= '0' && body.charAt(j) <= '7') {
                j++;
              }
              sb.append((char) Integer.parseInt(body.substring(i, j), 8));
              i = j - 1;
            } else {
              sb.append(e);
            }
          }
        }
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
