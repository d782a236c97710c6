package dev.tdr.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Data sizes as benchmark options write them: {@code 10mb}, {@code 300MB}, {@code 1gb}. */
public record DataSize(String label, long bytes) {
  private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(b|kb|mb|gb)");

  /** Parses one size, e.g. {@code "300mb"}; units are binary (1 mb = 1,048,576 bytes). */
  public static DataSize parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    Matcher m = SIZE.matcher(t);
    if (!m.matches()) {
      throw new IllegalArgumentException("size '" + text + "' is not like 10mb, 300mb or 1gb");
    }
    double n = Double.parseDouble(m.group(1));
    long unit = switch (m.group(2)) {
      case "b" -> 1L;
      case "kb" -> 1L << 10;
      case "mb" -> 1L << 20;
      default -> 1L << 30;
    };
    return new DataSize(t.replace(" ", ""), Math.round(n * unit));
  }

  /** Parses a comma-separated list, e.g. {@code "10mb,300mb,1gb"}. */
  public static List<DataSize> parseList(String text) {
    List<DataSize> out = new ArrayList<>();
    for (String s : text.split(",")) {
      if (!s.isBlank()) {
        out.add(parse(s));
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no sizes given; use e.g. --sizes 10mb,300mb");
    }
    return out;
  }
}
