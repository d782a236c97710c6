package dev.tdr.snippets;

/**
 * One named SQL fragment.
 *
 * @param name how queries refer to it: {@code {{name}}}
 * @param description what it means (from the file's leading comment), or ""
 * @param sql its Jinja template text
 * @param source where it came from (a file path, or "inline")
 * @param overrides the source of a snippet of the same name it replaced, or null
 */
public record Snippet(String name, String description, String sql, String source, String overrides) {
  private static final java.util.regex.Pattern MACRO =
      java.util.regex.Pattern.compile("\\{%-?\\s*macro\\s+((\\w+)\\s*\\([^)]*\\))");

  /** {@code name(args)} for a macro snippet ({@code watched_between(start, end)}), else the name. */
  public String signature() {
    if (macro()) {
      java.util.regex.Matcher m = MACRO.matcher(sql);
      while (m.find()) {
        if (m.group(2).equals(name)) {
          return m.group(1).replaceAll("\\s+", " ").replace(" (", "(");
        }
      }
    }
    return name;
  }

  /** True if the snippet defines a Jinja macro of its own name, called like a function. */
  public boolean macro() {
    return sql.matches("(?s).*\\{%-?\\s*macro\\s+" + java.util.regex.Pattern.quote(name) + "\\s*\\(.*");
  }
}
