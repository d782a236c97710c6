package dev.tdr.snippets;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.LazyExpression;
import com.hubspot.jinjava.interpret.TemplateError;
import dev.tdr.core.EditDistance;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A library of named SQL fragments ("snippets") used in queries as {@code {{name}}}, rendered
 * with Jinja (jinjava).
 *
 * <p>Sources: a directory of {@code .sql} files (name = file stem, an optional leading comment as
 * the description), a YAML file ({@code name: {description: ..., sql: ...}} or {@code name: sql}),
 * or a properties file ({@code name=sql}, or {@code name.sql} and {@code name.description}).
 * Several sources can be layered: a later one overrides a snippet of the same name, and the
 * override stays visible ({@link Snippet#overrides()}).
 *
 * <pre>{@code
 * SnippetLibrary lib = SnippetLibrary.load(List.of(Path.of("team-snippets"), Path.of("mine.yaml")));
 * String sql = lib.render("select count(*) from views where {{ott_app}} and day >= {{ since | sql_literal }}",
 *     Map.of("since", "2024-06-01"));
 * }</pre>
 *
 * <p>Rendering is strict: an unknown name is an error naming the closest known ones; snippets may
 * use other snippets (a cycle is an error naming it); a snippet that defines a macro of its own
 * name is called like a function ({@code {{ watched_since('2024-01-01') }}}). Templates cannot
 * reach Java objects or methods, and output size and nesting depth are bounded. A plain {@code
 * {{var}}} inserts the value's text as is: use {@code | sql_literal}, {@code | sql_in} or {@code |
 * sql_ident} for values that come from users. Immutable and thread-safe.
 *
 * <p>Reading the sources and layering them is {@code SnippetLoader}'s; this class renders.
 */
public final class SnippetLibrary {
  /** Largest rendered query, in characters. */
  public static final long MAX_OUTPUT = 10L << 20;
  /** Deepest nesting of snippets within snippets. */
  public static final int MAX_DEPTH = 32;

  private static final java.util.regex.Pattern CYCLE =
      java.util.regex.Pattern.compile("[Rr]endering cycle detected: '\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}'");

  private final Map<String, Snippet> snippets;
  /** Made on the first render: starting jinjava costs a quarter of a second, SQL without templates never needs it. */
  private volatile Jinjava jinjava;

  private SnippetLibrary(Map<String, Snippet> snippets) {
    this.snippets = Map.copyOf(snippets);
  }

  private Jinjava jinjava() {
    Jinjava j = jinjava;
    if (j == null) {
      synchronized (this) {
        j = jinjava;
        if (j == null) {
          j = newJinjava();
          jinjava = j;
        }
      }
    }
    return j;
  }

  private static Jinjava newJinjava() {
    JinjavaConfig config = JinjavaConfig.newBuilder()
        .withFailOnUnknownTokens(true)
        .withMaxOutputSize(MAX_OUTPUT)
        .withMaxRenderDepth(MAX_DEPTH)
        .withMaxMacroRecursionDepth(MAX_DEPTH)
        .withEnableRecursiveMacroCalls(false)
        .withNestedInterpretationEnabled(false)
        .withTrimBlocks(true)
        .withLstripBlocks(true)
        .withElResolver(new GuardedResolver())
        .build();
    // jinjava's EL looks classes up through the context class loader; in Spark, notebook kernels
    // and plugin hosts that may not be the loader that holds jinjava, so use our own.
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(SnippetLibrary.class.getClassLoader());
    Jinjava j;
    try {
      j = new Jinjava(config);
    } finally {
      thread.setContextClassLoader(previous);
    }
    j.registerFilter(new SqlFilters.Literal());
    j.registerFilter(new SqlFilters.In());
    j.registerFilter(new SqlFilters.Ident());
    Strict.install(j);
    return j;
  }

  /** An empty library: rendering only applies variables and filters. */
  public static SnippetLibrary empty() {
    return new SnippetLibrary(Map.of());
  }

  /** Snippets from {@code sources} (directories, .yaml/.yml or .properties files), later ones winning. */
  public static SnippetLibrary load(List<Path> sources) {
    return of(SnippetLoader.readAll(sources));
  }

  /** This library with {@code snippet} added (replacing one of the same name). */
  public SnippetLibrary with(String name, String sql, String description) {
    Map<String, Snippet> all = new LinkedHashMap<>(snippets);
    Snippet previous = all.get(SnippetNames.check(name));
    all.put(name, new Snippet(name, description == null ? "" : description, sql, "inline",
        previous == null ? null : previous.source()));
    return new SnippetLibrary(all);
  }

  /** Every snippet, by name. */
  public List<Snippet> list() {
    return snippets.values().stream().sorted(Comparator.comparing(Snippet::name)).toList();
  }

  public List<String> names() {
    return list().stream().map(Snippet::name).toList();
  }

  /** The snippet called {@code name}, or an error naming the closest known names. */
  public Snippet get(String name) {
    Snippet s = snippets.get(name);
    if (s == null) {
      throw new SnippetException("unknown snippet '" + name + "'" + closest(name, names()));
    }
    return s;
  }

  public boolean isEmpty() {
    return snippets.isEmpty();
  }

  /** True if {@code text} uses Jinja at all (so plain SQL can skip rendering). */
  public static boolean isTemplate(String text) {
    return text.contains("{{") || text.contains("{%") || text.contains("{#");
  }

  /** {@code template} with snippets expanded. */
  public String render(String template) {
    return render(template, Map.of());
  }

  /** {@code template} with snippets expanded and {@code variables} available. */
  public String render(String template, Map<String, ?> variables) {
    if (!isTemplate(template)) {
      return template;
    }
    Thread thread = Thread.currentThread();
    ClassLoader previousLoader = thread.getContextClassLoader();
    thread.setContextClassLoader(SnippetLibrary.class.getClassLoader());
    JinjavaInterpreter interpreter = jinjava().newInterpreter();
    JinjavaInterpreter.pushCurrent(interpreter);
    try {
      Deque<String> stack = new ArrayDeque<>();
      Map<String, Object> context = new HashMap<>(variables);
      List<String> known = new ArrayList<>(names());
      known.addAll(variables.keySet());
      interpreter.getContext().setDynamicVariableResolver(name -> {
        // A name passed as null, or set to none in the template, is null (and Jinja's none is
        // jinjava's null); only a name nobody
        // defined is undefined, and every use of it is an error.
        JinjavaInterpreter current = JinjavaInterpreter.getCurrent();
        if (variables.containsKey(name) || name.equals("none") || name.equals("None")
            || (current != null && current.getContext().containsKey(name))) {
          return null;
        }
        String where = stack.isEmpty() ? "the query" : "snippet '" + stack.peek() + "'";
        int line = current == null ? 0 : current.getLineNumber();
        return new Strict.Undefined("unknown snippet or variable '" + name + "' in " + where
            + (line > 0 ? " at line " + line : "") + closest(name, known));
      });
      StringBuilder macros = new StringBuilder();
      for (Snippet s : snippets.values()) {
        if (s.macro()) {
          macros.append(s.sql()).append('\n');
        } else if (!context.containsKey(s.name())) {
          context.put(s.name(), LazyExpression.of(() -> expand(interpreter, s, stack), s.name()));
        }
      }
      interpreter.getContext().putAll(context);
      if (macros.length() > 0) {
        renderChecked(interpreter, macros.toString(), "the macro snippets", stack);
      }
      return renderChecked(interpreter, template, "the query", stack);
    } finally {
      JinjavaInterpreter.popCurrent();
      thread.setContextClassLoader(previousLoader);
    }
  }

  /** The text of snippet {@code name} with everything it uses expanded. */
  public String renderSnippet(String name) {
    Snippet s = get(name);
    if (s.macro()) {
      return s.sql();
    }
    return render("{{ " + name + " }}");
  }

  private String expand(JinjavaInterpreter interpreter, Snippet s, Deque<String> stack) {
    if (stack.contains(s.name())) {
      List<String> cycle = new ArrayList<>();
      for (Iterator<String> it = stack.descendingIterator(); it.hasNext(); ) {
        cycle.add(it.next());
      }
      cycle.add(s.name());
      throw new SnippetException("snippets use each other in a cycle: " + String.join(" -> ",
          cycle.subList(cycle.indexOf(s.name()), cycle.size())));
    }
    if (stack.size() >= MAX_DEPTH) {
      throw new SnippetException("snippets nest deeper than " + MAX_DEPTH + ": " + String.join(" -> ", stack));
    }
    stack.push(s.name());
    try {
      return renderChecked(interpreter, s.sql(), "snippet '" + s.name() + "' (" + s.source() + ")", stack);
    } finally {
      stack.pop();
    }
  }

  private String renderChecked(JinjavaInterpreter interpreter, String template, String what, Deque<String> stack) {
    int before = interpreter.getErrors().size();
    String out;
    try {
      out = interpreter.render(template);
    } catch (com.hubspot.jinjava.interpret.UnknownTokenException e) {
      String token = e.getMessage().replaceFirst("^Unknown token found: ", "").strip();
      throw new SnippetException("unknown snippet or variable '" + token + "' in " + what + closest(token, names()));
    } catch (SnippetException e) {
      throw e;
    } catch (com.hubspot.jinjava.interpret.OutputTooBigException e) {
      throw new SnippetException(what + " renders to more than " + MAX_OUTPUT + " characters");
    } catch (RuntimeException e) {
      SnippetException inner = snippetCause(e);
      if (inner != null) {
        throw inner;
      }
      throw new SnippetException("cannot render " + what + ": " + e.getMessage(), e);
    }
    List<TemplateError> errors = interpreter.getErrors();
    if (errors.size() > before) {
      check(errors.subList(before, errors.size()), what, stack);
    }
    if (out.length() > MAX_OUTPUT) {
      throw new SnippetException(what + " renders to more than " + MAX_OUTPUT + " characters");
    }
    return out;
  }

  private static SnippetException snippetCause(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof SnippetException se) {
        return se;
      }
    }
    return null;
  }

  private void check(List<TemplateError> errors, String what, Deque<String> stack) {
    for (TemplateError e : errors) {
      SnippetException inner = snippetCause(e.getException());
      if (inner != null) {
        throw inner;
      }
    }
    for (TemplateError e : errors) {
      if (e.getException() instanceof com.hubspot.jinjava.interpret.OutputTooBigException
          || String.valueOf(e.getMessage()).contains("OutputTooBigException")) {
        throw new SnippetException(what + " renders to more than " + MAX_OUTPUT + " characters");
      }
    }
    TemplateError e = errors.get(0);
    String message = e.getMessage() == null ? String.valueOf(e.getReason()) : e.getMessage();
    java.util.regex.Matcher cycle = CYCLE.matcher(message);
    if (cycle.find()) {
      // jinjava notices a snippet rendering itself before our own check does: name the path.
      List<String> path = new ArrayList<>();
      stack.descendingIterator().forEachRemaining(path::add);
      String name = cycle.group(1);
      int start = path.indexOf(name);
      List<String> loop = new ArrayList<>(start < 0 ? path : path.subList(start, path.size()));
      loop.add(name);
      throw new SnippetException("snippets use each other in a cycle: " + String.join(" -> ", loop));
    }
    if (message.startsWith("Unknown token found") || e.getReason() == TemplateError.ErrorReason.UNKNOWN) {
      String token = e.getFieldName() != null ? e.getFieldName() : message.replaceFirst("^Unknown token found: ", "").strip();
      throw new SnippetException("unknown snippet or variable '" + token + "' in " + what
          + (e.getLineno() > 0 ? " at line " + e.getLineno() : "") + closest(token, names()));
    }
    throw new SnippetException("cannot render " + what + (e.getLineno() > 0 ? " at line " + e.getLineno() : "")
        + ": " + message);
  }

  /** "; did you mean 'a', 'b'?" for the known names closest to {@code name}, or "". */
  static String closest(String name, List<String> known) {
    List<String> close = known.stream()
        .filter(k -> EditDistance.between(k, name) <= Math.max(2, name.length() / 3) || k.contains(name) || name.contains(k))
        .sorted(Comparator.comparingInt(k -> EditDistance.between(k, name)))
        .limit(3).toList();
    if (close.isEmpty()) {
      return known.isEmpty() ? " (the library has no snippets)" : "";
    }
    return "; did you mean " + String.join(", ", close.stream().map(c -> "'" + c + "'").toList()) + "?";
  }

  // ------------------------------------------------------------------ loading (SnippetLoader)

  /**
   * A snippet from the text of a {@code .sql} snippet file (for snippets shipped as resources):
   * leading {@code --} lines or a leading block comment are its description.
   */
  public static Snippet parseSqlFile(String name, String text, String source) {
    return SnippetLoader.parseSqlFile(name, text, source);
  }

  /** A library of exactly {@code snippets} (later ones replacing earlier ones of the same name). */
  public static SnippetLibrary of(List<Snippet> snippets) {
    return new SnippetLibrary(SnippetLoader.layer(snippets));
  }
}
