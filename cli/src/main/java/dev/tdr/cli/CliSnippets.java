package dev.tdr.cli;

import dev.tdr.core.TdrConfig;
import dev.tdr.snippets.SnippetLibrary;
import java.util.List;
import java.util.Map;

/**
 * The command line renders snippets itself, once, so it can show and save exactly the SQL it
 * runs; the client it connects is then given that SQL as is.
 */
final class CliSnippets {
  private CliSnippets() {}

  /** The library named by --snippets / $TDR_SNIPPETS (empty if none). */
  static SnippetLibrary load(TdrConfig config) {
    return config.snippets().isEmpty() ? SnippetLibrary.empty() : SnippetLibrary.load(config.snippets());
  }

  /** {@code config} for a client that sends SQL as written (it has been rendered already). */
  static TdrConfig verbatim(TdrConfig config) {
    return config.snippets().isEmpty() ? config : config.toBuilder().snippets(List.of()).build();
  }

  /** {@code sql} rendered with {@code library} and {@code vars}; as written when there are neither. */
  static String render(SnippetLibrary library, String sql, Map<String, String> vars) {
    if (library.isEmpty() && (vars == null || vars.isEmpty())) {
      return sql;
    }
    return library.render(sql, vars == null ? Map.of() : vars);
  }
}
