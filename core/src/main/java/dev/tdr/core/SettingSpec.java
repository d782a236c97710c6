package dev.tdr.core;

/**
 * One setting, declared once: its key in a properties file, its environment variable, its type,
 * its default and a one-line description, and (where it has them) its CLI flag and Spark option.
 * The readers of the environment and of the {@code TDR_CONFIG} file, the CLI's flags, the Spark
 * connector's option names and the settings table in docs/user-guide.md are all derived from the
 * declarations: {@link TdrConfig.Setting} for what the engine uses, and {@link SettingsProvider}s
 * for what other modules use (snippets, the catalog).
 */
public interface SettingSpec {
  /** The key in a properties file, e.g. {@code url}. */
  String key();

  /** The environment variable, e.g. {@code TDR_URL}. */
  String env();

  SettingKind kind();

  /** The default, as the docs say it ({@code ""}: none; {@code "required"}). */
  String defaultText();

  /** One line: what the setting does. */
  String doc();

  /** The builder call that sets it in Java, e.g. {@code url(..)}. */
  String builder();

  /** The CLI flag, e.g. {@code --url}, or null if the CLI takes it from the environment only. */
  default String cliFlag() {
    return null;
  }

  /** The {@code spark.read.format("tdr-redshift")} option, or null if the connector has none. */
  default String sparkOption() {
    return null;
  }

  /** A module's setting, declared as a value. */
  record Declared(String key, String env, SettingKind kind, String defaultText, String builder, String cliFlag,
      String sparkOption, String doc) implements SettingSpec {}
}
