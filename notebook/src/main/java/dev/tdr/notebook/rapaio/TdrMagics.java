package dev.tdr.notebook.rapaio;

import dev.tdr.notebook.CellResult;
import dev.tdr.query.Messages;
import dev.tdr.notebook.TdrNotebook;
import java.util.List;
import java.util.stream.Collectors;
import org.rapaio.jupyter.kernel.core.RapaioKernel;
import org.rapaio.jupyter.kernel.core.magic.MagicEvalException;
import org.rapaio.jupyter.kernel.core.magic.MagicHandler;
import org.rapaio.jupyter.kernel.core.magic.MagicSnippet;
import org.rapaio.jupyter.kernel.core.magic.SnippetMagicHandler;

/**
 * {@code %%sql}, {@code %sql} and {@code %snippets} for rapaio-jupyter-kernel. The result is
 * bound as a JShell variable ({@code org.dflib.DataFrame df = ...}) and returned, so the kernel
 * shows it through {@link TdrRenderers}. Errors become the cell's error: one message, no stack
 * trace.
 */
final class TdrMagics extends MagicHandler {
  private static final List<String> HELP = List.of(
      "%%sql [name] [--via auto|local|jdbc|spark]  run the cell's SQL (snippets expanded), bind the DataFrame to name (default df), show it",
      "%sql SQL                                    run one line of SQL, bind it to df, show it",
      "%snippets                                   list the snippet library");

  private final List<SnippetMagicHandler> handlers = List.of(
      SnippetMagicHandler.cellMagic()
          .syntaxMatcher("%%sql .*")
          .syntaxHelp(List.of(HELP.get(0)))
          .syntaxPrefix("%%sql")
          .documentation(List.of("Runs the SQL below the magic through TDR (UNLOAD to S3, parallel read)."))
          .canHandlePredicate(s -> s.isCellMagic() && isMagic(s.line(0).code(), "%%sql"))
          .evalFunction(TdrMagics::sqlCell)
          .build(),
      SnippetMagicHandler.lineMagic()
          .syntaxMatcher("%sql .*")
          .syntaxHelp(List.of(HELP.get(1)))
          .syntaxPrefix("%sql")
          .documentation(List.of("Runs one line of SQL through TDR."))
          .canHandlePredicate(s -> s.isLineMagic() && isMagic(s.line(0).code(), "%sql"))
          .evalFunction(TdrMagics::sqlLine)
          .build(),
      SnippetMagicHandler.lineMagic()
          .syntaxMatcher("%snippets")
          .syntaxHelp(List.of(HELP.get(2)))
          .syntaxPrefix("%snippets")
          .documentation(List.of("Lists the snippets of TDR_SNIPPETS."))
          .canHandlePredicate(s -> s.isLineMagic() && isMagic(s.line(0).code(), "%snippets"))
          .evalFunction((k, s) -> run(s, () -> TdrRenderers.displayData(TdrNotebook.session().snippetsFrame())))
          .build());

  @Override
  public String name() {
    return "TDR Redshift";
  }

  @Override
  public List<String> helpMessage() {
    return HELP;
  }

  @Override
  public List<SnippetMagicHandler> snippetMagicHandlers() {
    return handlers;
  }

  @Override
  public boolean canHandleSnippet(MagicSnippet snippet) {
    return handlers.stream().anyMatch(h -> h.canHandlePredicate().test(snippet));
  }

  /** True if {@code line} is {@code magic} alone or followed by whitespace. */
  static boolean isMagic(String line, String magic) {
    String l = line.strip();
    return l.equals(magic) || (l.startsWith(magic) && Character.isWhitespace(l.charAt(magic.length())));
  }

  private static String rest(String line, String magic) {
    return line.strip().substring(magic.length()).strip();
  }

  private static Object sqlCell(RapaioKernel kernel, MagicSnippet s) throws MagicEvalException {
    return run(s, () -> {
      String args = rest(s.line(0).code(), "%%sql");
      String body = s.lines().stream().skip(1).map(MagicSnippet.CodeLine::code).collect(Collectors.joining("\n"));
      return bind(kernel, TdrNotebook.cellAsKernelCode(args, body,
          code -> kernel.javaEngine().eval(kernel.executionContext(), code)));
    });
  }

  private static Object sqlLine(RapaioKernel kernel, MagicSnippet s) throws MagicEvalException {
    return run(s, () -> bind(kernel, TdrNotebook.cellAsKernelCode("", rest(s.line(0).code(), "%sql"),
        code -> kernel.javaEngine().eval(kernel.executionContext(), code))));
  }

  /** Declares {@code DataFrame <name>} in the kernel's JShell and returns the display data. */
  private static Object bind(RapaioKernel kernel, CellResult r) throws Exception {
    String key = "rapaio:" + r.name();
    TdrNotebook.handOff(key, r.df());
    try {
      kernel.javaEngine().eval(kernel.executionContext(),
          "org.dflib.DataFrame " + r.name() + " = dev.tdr.notebook.TdrNotebook.take(\"" + key + "\");");
    } finally {
      TdrNotebook.take(key); // normally taken by the declaration; never left behind
    }
    return TdrRenderers.displayData(r);
  }

  private interface Body {
    Object run() throws Exception;
  }

  private static Object run(MagicSnippet s, Body body) throws MagicEvalException {
    try {
      return body.run();
    } catch (MagicEvalException e) {
      throw e;
    } catch (Exception | LinkageError e) {
      throw new MagicEvalException(s, Messages.describe(e));
    }
  }
}
