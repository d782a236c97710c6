package dev.tdr.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Data sizes as benchmark options write them: CSV bytes ({@code 10mb}, {@code 300MB}, {@code 1gb})
 * or rows ({@code 1mrows}, {@code 500krows}, {@code 20000rows}).
 *
 * @param label as written, lower case
 * @param bytes the CSV bytes asked for, or -1 for a size in rows
 * @param rows the rows asked for, or -1 for a size in bytes
 */
public record DataSize(String label, long bytes, long rows) {
  private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(b|kb|mb|gb|rows|krows|mrows)");

  /** Parses one size, e.g. {@code "300mb"} or {@code "1mrows"}; byte units are binary (1 mb = 1,048,576 bytes). */
  public static DataSize parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    Matcher m = SIZE.matcher(t);
    if (!m.matches()) {
      throw new IllegalArgumentException("size '" + text + "' is not like 10mb, 300mb, 1gb or 1mrows");
    }
    double n = Double.parseDouble(m.group(1));
    String label = t.replace(" ", "");
    return switch (m.group(2)) {
      case "rows" -> new DataSize(label, -1, Math.round(n));
      case "krows" -> new DataSize(label, -1, Math.round(n * 1_000));
      case "mrows" -> new DataSize(label, -1, Math.round(n * 1_000_000));
      case "b" -> new DataSize(label, Math.round(n), -1);
      case "kb" -> new DataSize(label, Math.round(n * (1L << 10)), -1);
      case "mb" -> new DataSize(label, Math.round(n * (1L << 20)), -1);
      default -> new DataSize(label, Math.round(n * (1L << 30)), -1);
    };
  }

  /** Parses a comma-separated list, e.g. {@code "10mb,1mrows,300mb"}. */
  public static List<DataSize> parseList(String text) {
    List<DataSize> out = new ArrayList<>();
    for (String s : text.split(",")) {
      if (!s.isBlank()) {
        out.add(parse(s));
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no sizes given; use e.g. --sizes 10mb,1mrows,300mb");
    }
    return out;
  }
}
