package dev.tdr.core;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The type of a {@link SettingSpec}'s value: how its text (environment, properties file, CLI flag,
 * Spark option) is parsed, with a {@link ConfigException} naming where the text came from, and how a
 * value is written back as text.
 */
public enum SettingKind {
  /** Free text, stripped. */
  TEXT("TEXT"),
  /** A secret (password): never printed; not stripped. */
  SECRET("SECRET"),
  /** A URI, e.g. {@code http://127.0.0.1:9000}. */
  URI("URL"),
  /** {@code true/false}, {@code yes/no}, {@code 1/0}, {@code on/off}. */
  BOOLEAN("BOOL"),
  /** {@code 1gb}, {@code 500mb} or a byte count. */
  SIZE("SIZE"),
  /** A whole number. */
  INT("N"),
  /** Seconds, units ({@code 30s}, {@code 1h30m}) or ISO-8601. */
  DURATION("DURATION"),
  /** Paths separated by {@code :} or {@code ,}. */
  PATHS("PATH"),
  /** One path. */
  PATH("FILE"),
  /** {@code k=v;k=v}. */
  PROPERTIES("K=V;...");

  private final String label;

  SettingKind(String label) {
    this.label = label;
  }

  /** How a value of this kind is shown as a parameter in usage text. */
  public String paramLabel() {
    return label;
  }

  /** The value of {@code text}; {@code where} names its source in the error ({@code TDR_X}, {@code --x}). */
  public Object parse(String text, String where) {
    return switch (this) {
      case TEXT -> text.strip();
      case SECRET -> text;
      case URI -> {
        try {
          yield java.net.URI.create(text.strip());
        } catch (IllegalArgumentException e) {
          throw new ConfigException(where + "='" + text + "' is not a URI; use e.g. http://127.0.0.1:9000");
        }
      }
      case BOOLEAN -> TdrConfig.parseBoolean(text, where);
      case SIZE -> TdrConfig.parseSize(text, where);
      case INT -> {
        try {
          yield Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
          throw new ConfigException(where + "='" + text + "' is not a whole number");
        }
      }
      case DURATION -> TdrConfig.parseDuration(text, where);
      case PATHS -> TdrConfig.parsePaths(text);
      case PATH -> text.isBlank() ? null : Path.of(text.strip());
      case PROPERTIES -> TdrConfig.parseDriverProperties(text, where);
    };
  }

  /** {@code value} as text that {@link #parse} reads back to the same value. */
  public String format(Object value) {
    if (value instanceof Duration d) {
      return d.toString();
    }
    if (value instanceof List<?> l) {
      return l.stream().map(Object::toString).collect(Collectors.joining(","));
    }
    if (value instanceof Map<?, ?> m) {
      return m.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";"));
    }
    if (value instanceof URI || value instanceof Path) {
      return value.toString();
    }
    return String.valueOf(value);
  }
}
