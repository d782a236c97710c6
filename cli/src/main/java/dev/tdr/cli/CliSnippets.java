package dev.tdr.cli;

import dev.tdr.RenderedSql;
import dev.tdr.core.TdrConfig;
import dev.tdr.snippets.SnippetLibrary;
import java.util.Map;

/**
 * The command line renders snippets itself, once, so it can show and save exactly the SQL it
 * runs; the client it connects is then given that SQL as is.
 */
final class CliSnippets {
  private CliSnippets() {}

  /** The library named by --snippets / $TDR_SNIPPETS (empty if none). */
  static SnippetLibrary load(TdrConfig config) {
    return dev.tdr.snippets.SnippetSettings.library(config);
  }

  /**
   * {@code sql} rendered with {@code library} and {@code vars} (as written when there are
   * neither), once: the routes run a {@link RenderedSql} as is.
   */
  static RenderedSql render(SnippetLibrary library, String sql, Map<String, String> vars) {
    if (library.isEmpty() && (vars == null || vars.isEmpty())) {
      return new RenderedSql(sql);
    }
    return new RenderedSql(library.render(sql, vars == null ? Map.of() : vars));
  }
}
