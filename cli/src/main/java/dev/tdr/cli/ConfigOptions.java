package dev.tdr.cli;

import dev.tdr.core.SettingKind;
import dev.tdr.core.SettingSpec;
import dev.tdr.core.TdrConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * Connection and engine settings as flags; each overrides its {@code TDR_*} environment variable
 * (and the {@code TDR_CONFIG} properties file). The flags are not written here: {@link #install}
 * derives one from every declared setting that has a CLI flag ({@link SettingSpec#cliFlag()}), with
 * the setting's description, and adds it to each command that mixes these options in.
 */
final class ConfigOptions {
  @Option(names = "--config", paramLabel = "FILE", description = "Properties file with settings (default: $TDR_CONFIG).")
  Path configFile;

  /**
   * A command that uses only some settings: it gets flags for those alone (a command that does not
   * implement this gets a flag for every setting that has one).
   */
  interface Uses {
    java.util.Collection<SettingSpec> settings();
  }

  /** The connection: where Redshift is and who connects. */
  static final List<SettingSpec> CONNECTION = List.of(TdrConfig.Setting.URL, TdrConfig.Setting.USER);
  /** Where UNLOAD writes and how S3 is reached. */
  static final List<SettingSpec> S3 = List.of(TdrConfig.Setting.TEMPDIR, TdrConfig.Setting.S3_ENDPOINT,
      TdrConfig.Setting.REGION);
  /** Everything a query along any route uses. */
  static final List<SettingSpec> QUERY = List.of(TdrConfig.Setting.URL, TdrConfig.Setting.USER,
      TdrConfig.Setting.TEMPDIR, TdrConfig.Setting.IAM_ROLE, TdrConfig.Setting.S3_ENDPOINT, TdrConfig.Setting.REGION,
      TdrConfig.Setting.LOCAL_THRESHOLD, TdrConfig.Setting.MAX_FILE_SIZE, TdrConfig.Setting.PARALLELISM,
      TdrConfig.Setting.QUERY_TIMEOUT, dev.tdr.snippets.SnippetSettings.SNIPPETS);

  /** The command these options belong to (set by {@link #install}). */
  private CommandSpec command;

  /** Adds the settings' flags to every command under {@code root} that mixes in {@link ConfigOptions}. */
  static void install(CommandLine root) {
    for (Mixin m : mixins(root.getCommandSpec())) {
      m.options.addFlags(m.command);
    }
    for (CommandLine sub : root.getSubcommands().values()) {
      install(sub);
    }
  }

  private record Mixin(ConfigOptions options, CommandSpec command) {}

  private static List<Mixin> mixins(CommandSpec spec) {
    List<Mixin> out = new ArrayList<>();
    for (CommandSpec mixin : spec.mixins().values()) {
      if (mixin.userObject() instanceof ConfigOptions o) {
        out.add(new Mixin(o, spec));
      }
    }
    return out;
  }

  private void addFlags(CommandSpec spec) {
    this.command = spec;
    java.util.Collection<SettingSpec> used = spec.userObject() instanceof Uses u ? u.settings() : TdrConfig.allSettings();
    for (SettingSpec s : TdrConfig.allSettings()) {
      if (s.cliFlag() == null || spec.findOption(s.cliFlag()) != null || !used.contains(s)) {
        continue;
      }
      OptionSpec.Builder o = OptionSpec.builder(s.cliFlag()).paramLabel(paramLabel(s))
          .description(description(s));
      if (s.kind() == SettingKind.PATHS) {
        o.type(List.class).auxiliaryTypes(String.class).splitRegex(",");
      } else {
        o.type(String.class);
      }
      spec.addOption(o.build());
    }
  }

  /** The flag's help line: the setting's doc as plain text, and where its value comes from otherwise. */
  static String description(SettingSpec s) {
    String doc = s.doc().replaceAll("\\[([^]]+)]\\([^)]*\\)", "$1");
    boolean code = doc.startsWith("`");
    doc = doc.replace("`", "");
    String dflt = s.defaultText().replace("`", "");
    String from = "$" + s.env() + (dflt.isEmpty() || dflt.equals("none") ? ""
        : dflt.startsWith("required") ? "; " + dflt : ", else " + dflt);
    return (code ? doc : Character.toUpperCase(doc.charAt(0)) + doc.substring(1)) + " (default: "
        + from.replace("%", "%%") + ").";
  }

  /** The flag's parameter, e.g. {@code --url=URL}, {@code --local-threshold=SIZE}. */
  static String paramLabel(SettingSpec s) {
    return s.kind() == SettingKind.TEXT ? s.key().toUpperCase(java.util.Locale.ROOT) : s.kind().paramLabel();
  }

  /** The text given for {@code s} on the command line, or null. */
  String given(SettingSpec s) {
    Object v = value(s);
    return v == null ? null : v instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList()) : v.toString();
  }

  private Object value(SettingSpec s) {
    OptionSpec o = command == null || s.cliFlag() == null ? null : command.findOption(s.cliFlag());
    return o == null ? null : o.getValue();
  }

  /** The configuration: properties file, then environment, then these flags. */
  TdrConfig build(Map<String, String> env, boolean keepFiles) {
    Map<String, String> effective = env;
    if (configFile != null) {
      effective = new java.util.HashMap<>(env);
      effective.put(TdrConfig.CONFIG_FILE_ENV, configFile.toString());
    }
    TdrConfig.Builder b = TdrConfig.builderFromEnvironment(effective);
    for (SettingSpec s : TdrConfig.allSettings()) {
      Object v = value(s);
      if (v instanceof List<?> l) {
        b.set(s, l.stream().map(x -> Path.of(x.toString().strip())).toList());
      } else if (v != null) {
        b.set(s, v.toString(), s.cliFlag());
      }
    }
    if (keepFiles) {
      b.keepFiles(true);
    }
    return b.build();
  }
}
