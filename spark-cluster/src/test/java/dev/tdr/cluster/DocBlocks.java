package dev.tdr.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The code blocks of a docs page marked {@code <!-- cluster-test: NAME -->} on the line before
 * their opening fence, by name: what the test runs is what the page shows.
 */
final class DocBlocks {
  private static final Pattern MARK = Pattern.compile("^<!-- cluster-test: (\\S+) -->$");

  private DocBlocks() {}

  static Map<String, String> read(Path page) throws IOException {
    List<String> lines = Files.readAllLines(page);
    Map<String, String> blocks = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = MARK.matcher(lines.get(i).strip());
      if (!m.matches()) {
        continue;
      }
      if (i + 1 >= lines.size() || !lines.get(i + 1).startsWith("```")) {
        throw new IllegalStateException(page + ":" + (i + 1) + ": the mark " + m.group(1) + " is not followed by a code block");
      }
      StringBuilder body = new StringBuilder();
      int j = i + 2;
      for (; j < lines.size() && !lines.get(j).startsWith("```"); j++) {
        body.append(lines.get(j)).append('\n');
      }
      if (j == lines.size()) {
        throw new IllegalStateException(page + ":" + (i + 2) + ": the block " + m.group(1) + " is not closed");
      }
      if (blocks.put(m.group(1), body.toString()) != null) {
        throw new IllegalStateException(page + ": two blocks are marked " + m.group(1));
      }
      i = j;
    }
    return blocks;
  }
}
