package dev.tdr.snippets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/** Reads snippets from their sources (directories of .sql files, .yaml/.yml and .properties files) and layers them, later ones overriding earlier ones. */
final class SnippetLoader {
  /** YAML reading, made on first use (a library without YAML sources never loads it). */
  private static final class Yaml {
    static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());
  }

  private SnippetLoader() {}

  /** The snippets of every source in turn (directories, .sql, .yaml/.yml or .properties files). */
  static List<Snippet> readAll(List<Path> sources) {
    List<Snippet> all = new ArrayList<>();
    for (Path source : sources) {
      all.addAll(read(source));
    }
    return all;
  }

  /**
   * {@code snippets} by name, a later one replacing an earlier one of the same name and naming its
   * source as the one it overrides.
   */
  static Map<String, Snippet> layer(List<Snippet> snippets) {
    Map<String, Snippet> all = new LinkedHashMap<>();
    for (Snippet s : snippets) {
      Snippet previous = all.get(s.name());
      all.put(s.name(), previous == null ? s
          : new Snippet(s.name(), s.description(), s.sql(), s.source(), previous.source()));
    }
    return all;
  }

  private static List<Snippet> read(Path source) {
    if (!Files.exists(source)) {
      throw new SnippetException("snippet source " + source + " does not exist");
    }
    try {
      if (Files.isDirectory(source)) {
        return readDirectory(source);
      }
      String name = source.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
      if (name.endsWith(".yaml") || name.endsWith(".yml")) {
        return readYaml(source);
      }
      if (name.endsWith(".properties")) {
        return readProperties(source);
      }
      if (name.endsWith(".sql")) {
        return List.of(readSqlFile(source));
      }
    } catch (IOException e) {
      throw new SnippetException("cannot read snippets from " + source + ": " + e.getMessage(), e);
    }
    throw new SnippetException("snippet source " + source
        + " is not a directory, .sql, .yaml/.yml or .properties file");
  }

  private static List<Snippet> readDirectory(Path dir) throws IOException {
    List<Snippet> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".sql")).sorted().toList()) {
        out.add(readSqlFile(f));
      }
    }
    return out;
  }

  /** A .sql file: name = stem; leading {@code --} lines or a leading block comment describe it. */
  static Snippet readSqlFile(Path f) throws IOException {
    String file = f.getFileName().toString();
    String name = file.substring(0, file.length() - ".sql".length());
    try {
      SnippetNames.check(name);
    } catch (IllegalArgumentException e) {
      throw new SnippetException(f + ": " + e.getMessage() + " (rename the file)");
    }
    return parseSqlFile(name, Files.readString(f, StandardCharsets.UTF_8), f.toString());
  }

  /**
   * A snippet from the text of a {@code .sql} snippet file: leading {@code --} lines or a leading
   * block comment are its description.
   */
  static Snippet parseSqlFile(String name, String text, String source) {
    SnippetNames.check(name);
    String rest = text.stripLeading();
    StringBuilder description = new StringBuilder();
    if (rest.startsWith("/*")) {
      int end = rest.indexOf("*/");
      if (end > 0) {
        description.append(rest.substring(2, end).replaceAll("(?m)^\\s*\\*?\\s?", " ").strip());
        rest = rest.substring(end + 2);
      }
    } else {
      while (rest.startsWith("--")) {
        int nl = rest.indexOf('\n');
        String line = nl < 0 ? rest : rest.substring(0, nl);
        description.append(description.length() > 0 ? " " : "").append(line.substring(2).strip());
        rest = nl < 0 ? "" : rest.substring(nl + 1);
      }
    }
    return new Snippet(name, description.toString().replaceAll("\\s+", " ").strip(), rest.strip(), source, null);
  }

  private static List<Snippet> readYaml(Path f) throws IOException {
    JsonNode root;
    try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
      root = Yaml.MAPPER.readTree(r);
    }
    List<Snippet> out = new ArrayList<>();
    if (root == null) {
      return out;
    }
    if (root.isArray()) {
      for (JsonNode n : root) {
        out.add(yamlSnippet(f, n.path("name").asText(null), n));
      }
    } else if (root.isObject()) {
      for (Map.Entry<String, JsonNode> e : root.properties()) {
        out.add(yamlSnippet(f, e.getKey(), e.getValue()));
      }
    } else {
      throw new SnippetException(f + ": expected a mapping of snippet names, or a list of {name, description, sql}");
    }
    return out;
  }

  private static Snippet yamlSnippet(Path f, String name, JsonNode n) {
    if (name == null) {
      throw new SnippetException(f + ": a snippet without a name");
    }
    check(f, name);
    if (n.isTextual()) {
      return new Snippet(name, "", n.asText().strip(), f.toString(), null);
    }
    if (!n.path("sql").isTextual()) {
      throw new SnippetException(f + ": snippet '" + name + "' has no 'sql' text");
    }
    return new Snippet(name, n.path("description").asText("").strip(), n.path("sql").asText().strip(), f.toString(), null);
  }

  private static List<Snippet> readProperties(Path f) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    Map<String, String[]> byName = new LinkedHashMap<>();
    for (String key : p.stringPropertyNames().stream().sorted().toList()) {
      String name = key;
      int field = 0;
      if (key.endsWith(".sql")) {
        name = key.substring(0, key.length() - 4);
      } else if (key.endsWith(".description")) {
        name = key.substring(0, key.length() - 12);
        field = 1;
      }
      byName.computeIfAbsent(name, k -> new String[2])[field] = p.getProperty(key);
    }
    List<Snippet> out = new ArrayList<>();
    for (Map.Entry<String, String[]> e : byName.entrySet()) {
      check(f, e.getKey());
      if (e.getValue()[0] == null) {
        throw new SnippetException(f + ": snippet '" + e.getKey() + "' has a description but no sql");
      }
      out.add(new Snippet(e.getKey(), e.getValue()[1] == null ? "" : e.getValue()[1].strip(),
          e.getValue()[0].strip(), f.toString(), null));
    }
    return out;
  }

  private static void check(Path f, String name) {
    try {
      SnippetNames.check(name);
    } catch (IllegalArgumentException e) {
      throw new SnippetException(f + ": " + e.getMessage());
    }
  }
}
