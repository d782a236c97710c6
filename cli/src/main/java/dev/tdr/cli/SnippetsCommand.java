package dev.tdr.cli;

import dev.tdr.core.ConfigException;
import dev.tdr.core.TdrConfig;
import dev.tdr.snippets.Snippet;
import dev.tdr.snippets.SnippetLibrary;
import dev.tdr.snippets.SnippetSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code tdr snippets list|show NAME|render}: look into a snippet library. */
@Command(
    name = "snippets",
    mixinStandardHelpOptions = true,
    description = {
        "Lists, shows and renders snippets: named SQL fragments used in queries as {{name}}.",
        "The library is --snippets PATH (repeatable or ','-separated; later wins), else $TDR_SNIPPETS,"
            + " else the 'snippets' key of the $TDR_CONFIG properties file.",
        "",
        "Examples:",
        "  ./tdr snippets --snippets examples/snippets list",
        "  ./tdr snippets --snippets examples/snippets show ott_app",
        "  ./tdr snippets --snippets examples/snippets render \\",
        "      'select * from viewing_events where {{ott_app}}'"},
    subcommands = {SnippetsCommand.ListCommand.class, SnippetsCommand.ShowCommand.class,
        SnippetsCommand.RenderCommand.class, CommandLine.HelpCommand.class})
final class SnippetsCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @ParentCommand
  TdrCli parent;

  @Option(names = "--snippets", paramLabel = "PATH", split = ",", scope = ScopeType.INHERIT,
      description = "Snippet sources: directories of .sql files, .yaml or .properties files (default: $TDR_SNIPPETS).")
  List<Path> sources;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return TdrCli.USAGE;
  }

  /** The configured sources, or an empty list. */
  List<Path> sources() {
    if (sources != null && !sources.isEmpty()) {
      return sources;
    }
    // $TDR_SNIPPETS, else the TDR_CONFIG file, read as every command reads them (no URL needed here)
    @SuppressWarnings("unchecked")
    List<Path> configured = (List<Path>) TdrConfig.builderFromEnvironment(parent.env()).moduleValue(SnippetSettings.SNIPPETS);
    return configured == null ? List.of() : configured;
  }

  /** The library; an error naming the fix when none is configured and {@code required}. */
  SnippetLibrary library(boolean required) {
    List<Path> paths = sources();
    if (paths.isEmpty()) {
      if (required) {
        throw new ConfigException("no snippet library: pass --snippets PATH (a directory of .sql files, a .yaml"
            + " or .properties file) or set $" + SnippetSettings.SNIPPETS.env());
      }
      return SnippetLibrary.empty();
    }
    return SnippetLibrary.load(paths);
  }


  @Command(name = "list", mixinStandardHelpOptions = true, description = "Every snippet: name, description, source.")
  static final class ListCommand implements Callable<Integer> {
    @ParentCommand
    SnippetsCommand snippets;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      SnippetLibrary lib = snippets.library(true);
      PrintWriter out = spec.commandLine().getOut();
      List<Snippet> all = lib.list();
      int width = Math.max(4, all.stream().mapToInt(s -> s.signature().length()).max().orElse(0));
      out.printf("%-" + width + "s  %s%n", "NAME", "DESCRIPTION (SOURCE)");
      for (Snippet s : all) {
        String where = s.source() + (s.overrides() == null ? "" : ", overrides " + s.overrides());
        out.printf("%-" + width + "s  %s(%s)%n", s.signature(), s.description().isEmpty() ? "" : s.description() + " ", where);
      }
      out.printf("(%d snippet%s)%n", all.size(), all.size() == 1 ? "" : "s");
      out.flush();
      return 0;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "One snippet: description, source, what it overrides, its text and the SQL it expands to.")
  static final class ShowCommand implements Callable<Integer> {
    @ParentCommand
    SnippetsCommand snippets;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The snippet's name.")
    String name;

    @Override
    public Integer call() {
      SnippetLibrary lib = snippets.library(true);
      Snippet s = lib.get(name);
      PrintWriter out = spec.commandLine().getOut();
      out.println(s.signature() + (s.description().isEmpty() ? "" : " -- " + s.description()));
      out.println("source: " + s.source());
      if (s.overrides() != null) {
        out.println("overrides: " + s.overrides());
      }
      out.println();
      out.println("-- template");
      out.println(s.sql());
      out.println();
      if (s.macro()) {
        out.println("-- a macro: use it as {{ " + s.signature() + " }} with values for its parameters");
      } else {
        out.println("-- expands to");
        out.println(lib.renderSnippet(name));
      }
      out.flush();
      return 0;
    }
  }

  @Command(name = "render", mixinStandardHelpOptions = true,
      description = "Prints SQL with its snippets expanded: exactly what tdr query would run.")
  static final class RenderCommand implements Callable<Integer> {
    @ParentCommand
    SnippetsCommand snippets;

    @Spec
    CommandSpec spec;

    @ArgGroup(multiplicity = "1", exclusive = true)
    SqlSource source;

    @Option(names = {"-D", "--var"}, paramLabel = "NAME=VALUE", description = "A template variable; repeatable.")
    Map<String, String> vars;

    @Override
    public Integer call() throws Exception {
      SnippetLibrary lib = snippets.library(vars == null || vars.isEmpty());
      PrintWriter out = spec.commandLine().getOut();
      out.println(lib.render(source.text(spec), vars == null ? Map.of() : vars));
      out.flush();
      return 0;
    }
  }
}
