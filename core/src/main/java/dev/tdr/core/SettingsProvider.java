package dev.tdr.core;

import java.util.List;

/**
 * Settings declared by a module other than {@code core/} (found with {@link java.util.ServiceLoader}
 * through {@code META-INF/services/dev.tdr.core.SettingsProvider}). They are read from the same
 * environment and properties file as the engine's own; the module reads its value with
 * {@link TdrConfig#value(SettingSpec)}.
 */
public interface SettingsProvider {
  List<SettingSpec> settings();
}
