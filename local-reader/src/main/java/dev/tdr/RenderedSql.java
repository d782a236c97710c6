package dev.tdr;

import java.util.Objects;

/**
 * SQL whose snippets have been rendered, to be run exactly as written: what {@link
 * Tdr#prepare(String)} returns, and what a caller that renders itself (the command line, with its
 * {@code -D} variables) wraps. The methods of {@link Tdr} that take it never render again, so a
 * {@code {{ ... }}} that rendering produced (the output of {@code {% raw %}...{% endraw %}})
 * reaches the database as text: snippets are rendered exactly once, wherever a query enters.
 */
public record RenderedSql(String text) {
  public RenderedSql {
    Objects.requireNonNull(text, "text");
  }

  @Override
  public String toString() {
    return text;
  }
}
