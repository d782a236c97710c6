package dev.tdr.notebook;

import dev.tdr.Route;
import dev.tdr.core.ConfigException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The arguments of {@code %%sql [name] [--via auto|local|jdbc|spark]}: the variable the result is
 * bound to (default {@code df}) and the route.
 */
public record SqlCell(String name, Route via) {
  public static final String DEFAULT_NAME = "df";

  private static final Set<String> JAVA_KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
      "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends", "final",
      "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long",
      "native", "new", "package", "private", "protected", "public", "return", "short", "static", "strictfp", "super",
      "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void", "volatile", "while", "true",
      "false", "null", "_");

  public static final String USAGE = "%%sql [name] [--via auto|local|jdbc|spark]";

  /** Parses the text after {@code %%sql} on the magic's line. */
  public static SqlCell parse(String args) {
    List<String> words = args == null || args.isBlank() ? List.of() : List.of(args.strip().split("\\s+"));
    String name = null;
    Route via = Route.AUTO;
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (w.equals("--via") || w.startsWith("--via=")) {
        String v;
        if (w.equals("--via")) {
          if (i + 1 >= words.size()) {
            throw new ConfigException("--via needs a route: auto, local, jdbc or spark (" + USAGE + ")");
          }
          v = words.get(++i);
        } else {
          v = w.substring("--via=".length());
        }
        via = via(v);
      } else if (w.startsWith("-")) {
        throw new ConfigException("unknown option '" + w + "' for %%sql; usage: " + USAGE);
      } else if (name != null) {
        throw new ConfigException("%%sql takes one result name, got '" + name + "' and '" + w
            + "'; the SQL goes on the lines below the magic (" + USAGE + ")");
      } else {
        name = checkName(w);
      }
    }
    return new SqlCell(name == null ? DEFAULT_NAME : name, via);
  }

  private static Route via(String v) {
    try {
      return Route.valueOf(v.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("--via " + v + " is not a route; use auto, local, jdbc or spark");
    }
  }

  /** {@code name} if it can name a Java variable, else an error saying why. */
  static String checkName(String name) {
    boolean ok = !name.isEmpty() && Character.isJavaIdentifierStart(name.codePointAt(0))
        && name.codePoints().allMatch(Character::isJavaIdentifierPart);
    if (!ok || JAVA_KEYWORDS.contains(name)) {
      throw new ConfigException("'" + name + "' cannot name the result: use a Java variable name such as df or"
          + " daily_users (" + USAGE + ")");
    }
    return name;
  }
}
