package dev.tdr.cli;

import dev.tdr.core.TdrConfig;
import dev.tdr.notebook.Catalog;
import dev.tdr.notebook.Display;
import dev.tdr.notebook.DisplayOptions;
import dev.tdr.query.ResultWriter;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.dflib.DataFrame;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tdr catalog search|describe|tables}: find tables and columns. */
@Command(
    name = "catalog",
    mixinStandardHelpOptions = true,
    description = {
        "Tables and columns of the warehouse (SVV_TABLES, SVV_ALL_COLUMNS, remarks from COMMENT ON),"
            + " merged with the team's descriptions file (--catalog or $TDR_CATALOG).",
        "",
        "Examples:",
        "  ./tdr catalog search watch time",
        "  ./tdr catalog search '/^view.*_id$/'",
        "  ./tdr catalog describe viewing_events"},
    subcommands = {CatalogCommand.Search.class, CatalogCommand.Describe.class, CatalogCommand.Tables.class})
final class CatalogCommand {
  @ParentCommand
  TdrCli parent;

  Catalog open(ConfigOptions options) {
    TdrConfig config = options.build(parent.env(), false);
    return Catalog.of(config);
  }

  @Command(name = "search", mixinStandardHelpOptions = true,
      description = "Tables and columns whose names or descriptions hold every keyword (names rank first), or match /REGEX/.")
  static final class Search implements Callable<Integer>, ConfigOptions.Uses {
  @Override
  public java.util.Collection<dev.tdr.core.SettingSpec> settings() {
    return java.util.List.of(dev.tdr.core.TdrConfig.Setting.URL, dev.tdr.core.TdrConfig.Setting.USER, dev.tdr.notebook.CatalogSettings.CATALOG);
  }

    @Spec
    CommandSpec spec;

    @ParentCommand
    CatalogCommand catalog;

    @Parameters(arity = "1..*", paramLabel = "TERM", description = "Keywords, or one /regular expression/.")
    java.util.List<String> terms;

    @Option(names = "--max-rows", defaultValue = "50", paramLabel = "N", description = "Results shown (default: ${DEFAULT-VALUE}).")
    int maxRows;

    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() {
      DataFrame hits = catalog.open(options).searchFrame(String.join(" ", terms));
      PrintWriter out = spec.commandLine().getOut();
      if (hits.height() == 0) {
        out.println("nothing matches " + String.join(" ", terms));
        out.flush();
        return 1;
      }
      ResultWriter.table(hits, out, maxRows, 60);
      return 0;
    }
  }

  @Command(name = "describe", mixinStandardHelpOptions = true, description = "A table's type, description and columns.")
  static final class Describe implements Callable<Integer>, ConfigOptions.Uses {
  @Override
  public java.util.Collection<dev.tdr.core.SettingSpec> settings() {
    return java.util.List.of(dev.tdr.core.TdrConfig.Setting.URL, dev.tdr.core.TdrConfig.Setting.USER, dev.tdr.notebook.CatalogSettings.CATALOG);
  }

    @Spec
    CommandSpec spec;

    @ParentCommand
    CatalogCommand catalog;

    @Parameters(paramLabel = "TABLE", description = "schema.table, or a table name found in one schema.")
    String table;

    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() {
      Catalog.TableInfo t = catalog.open(options).describe(table);
      PrintWriter out = spec.commandLine().getOut();
      out.print(Display.table(t, new DisplayOptions(Integer.MAX_VALUE, 0, 80)).textPlain());
      out.flush();
      return 0;
    }
  }

  @Command(name = "tables", mixinStandardHelpOptions = true, description = "Every table and view with its description.")
  static final class Tables implements Callable<Integer>, ConfigOptions.Uses {
  @Override
  public java.util.Collection<dev.tdr.core.SettingSpec> settings() {
    return java.util.List.of(dev.tdr.core.TdrConfig.Setting.URL, dev.tdr.core.TdrConfig.Setting.USER, dev.tdr.notebook.CatalogSettings.CATALOG);
  }

    @Spec
    CommandSpec spec;

    @ParentCommand
    CatalogCommand catalog;

    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() {
      ResultWriter.table(catalog.open(options).tablesFrame(), spec.commandLine().getOut(), Integer.MAX_VALUE, 80);
      return 0;
    }
  }
}
