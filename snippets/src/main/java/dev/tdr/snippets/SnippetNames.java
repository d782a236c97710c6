package dev.tdr.snippets;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Rules for snippet names: a snippet is used as {@code {{name}}}, so its name must be a Jinja
 * identifier that is not a Jinja keyword.
 *
 * <pre>{@code
 * SnippetNames.check("ott_app");   // "ott_app"
 * SnippetNames.check("ott-app");   // IllegalArgumentException naming the rule
 * }</pre>
 */
public final class SnippetNames {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Set<String> RESERVED = Set.of("and", "or", "not", "in", "is", "if", "else",
      "elif", "endif", "for", "endfor", "true", "false", "none", "True", "False", "None", "loop",
      "macro", "endmacro", "set", "block", "endblock", "extends", "include", "import", "from", "with");

  private SnippetNames() {}

  /** Returns {@code name} if it can name a snippet, else throws saying why and how to fix it. */
  public static String check(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("snippet name is empty; use letters, digits and _");
    }
    if (!IDENTIFIER.matcher(name).matches()) {
      throw new IllegalArgumentException("snippet name '" + name
          + "' is not an identifier: start with a letter or _, then letters, digits or _ (e.g. "
          + name.replaceAll("[^A-Za-z0-9_]", "_").replaceFirst("^([0-9])", "_$1") + ")");
    }
    if (RESERVED.contains(name)) {
      throw new IllegalArgumentException("snippet name '" + name + "' is a Jinja keyword; choose another name");
    }
    return name;
  }
}
