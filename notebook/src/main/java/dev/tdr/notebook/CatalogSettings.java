package dev.tdr.notebook;

import dev.tdr.core.SettingKind;
import dev.tdr.core.SettingSpec;
import dev.tdr.core.SettingsProvider;
import dev.tdr.core.TdrConfig;
import java.nio.file.Path;
import java.util.List;

/** The catalog's setting: the team's descriptions file. */
public final class CatalogSettings implements SettingsProvider {
  /** The team's catalog descriptions file (YAML). */
  public static final SettingSpec CATALOG = new SettingSpec.Declared("catalog", "TDR_CATALOG", SettingKind.PATH,
      "none", "set(CatalogSettings.CATALOG, Path)", "--catalog", null,
      "the team's table and column descriptions (YAML) for the [catalog](notebooks.md#catalog) in notebooks and"
          + " `tdr catalog`");

  @Override
  public List<SettingSpec> settings() {
    return List.of(CATALOG);
  }

  /** The configured descriptions file, or null. */
  public static Path descriptions(TdrConfig config) {
    return (Path) config.value(CATALOG);
  }
}
