package dev.tdr.snippets;

import dev.tdr.core.SettingKind;
import dev.tdr.core.SettingSpec;
import dev.tdr.core.SettingsProvider;
import dev.tdr.core.TdrConfig;
import java.nio.file.Path;
import java.util.List;

/** The snippets module's setting: where the snippet library comes from. */
public final class SnippetSettings implements SettingsProvider {
  /** Snippet sources rendered into every query. */
  public static final SettingSpec SNIPPETS = new SettingSpec.Declared("snippets", "TDR_SNIPPETS", SettingKind.PATHS,
      "none", "set(SnippetSettings.SNIPPETS, List<Path>)", "--snippets", "snippets",
      "[snippet](snippets.md) sources (directories of `.sql` files, `.yaml`, `.properties`), `:` or `,` separated,"
          + " later wins; with them every query is a template");

  @Override
  public List<SettingSpec> settings() {
    return List.of(SNIPPETS);
  }

  /** The configured snippet sources, in layering order; may be empty. */
  @SuppressWarnings("unchecked")
  public static List<Path> sources(TdrConfig config) {
    Object v = config.value(SNIPPETS);
    return v == null ? List.of() : (List<Path>) v;
  }

  /** The library the configured sources make (empty without sources). */
  public static SnippetLibrary library(TdrConfig config) {
    List<Path> sources = sources(config);
    return sources.isEmpty() ? SnippetLibrary.empty() : SnippetLibrary.load(sources);
  }
}
