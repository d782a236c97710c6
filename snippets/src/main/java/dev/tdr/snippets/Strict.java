package dev.tdr.snippets;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.el.ext.NamedParameter;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.lib.fn.MacroFunction;
import com.hubspot.jinjava.lib.tag.MacroTag;
import com.hubspot.jinjava.objects.SafeString;
import com.hubspot.jinjava.tree.TagNode;
import com.hubspot.jinjava.util.HasObjectTruthValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Jinja's "strict undefined" for snippets: a name that was never passed or defined renders to an
 * error, never to {@code NULL} or empty text, wherever it is used (output, filters, tests,
 * comparisons, {@code if}, attributes, macro arguments). The two ways a template says what an
 * absent value means stay open: {@code x | default(...)} and {@code x is defined}. A macro
 * called without an argument that has no default, or with arguments it does not take, is an
 * error too.
 */
final class Strict {
  private Strict() {}

  /** Filters that are asked about absence itself: they see an undefined value as null. */
  private static final Set<String> ABSENCE_FILTERS = Set.of("default", "d");
  /** Tests that are asked about absence itself. */
  private static final Set<String> ABSENCE_TESTS = Set.of("defined", "undefined");

  /**
   * The value of a name nobody defined: every use of it except {@code default} and {@code is
   * defined} throws the error it carries.
   */
  static final class Undefined implements HasObjectTruthValue, CharSequence {
    private final String message;

    Undefined(String message) {
      this.message = message;
    }

    SnippetException error() {
      return new SnippetException(message);
    }

    @Override
    public boolean getObjectTruthValue() {
      throw error();
    }

    @Override
    public String toString() {
      throw error();
    }

    // A CharSequence only so that jinjava's "in" operator asks it something, and fails.
    @Override
    public int length() {
      throw error();
    }

    @Override
    public char charAt(int index) {
      throw error();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      throw error();
    }

    @Override
    public boolean equals(Object o) {
      if (o == this) {
        return true;
      }
      throw error();
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(this);
    }
  }

  /** Throws if {@code value} (or a list or map element of it) is undefined. */
  static void check(Object value) {
    if (value instanceof Undefined u) {
      throw u.error();
    }
    if (value instanceof NamedParameter p && p.getValue() instanceof Undefined u) {
      throw u.error();
    }
  }

  /**
   * {@code var} itself, or for an undefined value: null where the filter or test asks about
   * absence ({@code askingAboutAbsence}), else its error.
   */
  private static Object defined(Object var, boolean askingAboutAbsence) {
    if (var instanceof Undefined u) {
      if (askingAboutAbsence) {
        return null;
      }
      throw u.error();
    }
    return var;
  }

  /** {@code jinjava} with every filter and test strict about undefined values, and strict macros. */
  static void install(Jinjava jinjava) {
    Context global = jinjava.getGlobalContext();
    for (Filter f : new ArrayList<>(global.getAllFilters())) {
      global.registerFilter(new StrictFilter(f));
    }
    for (ExpTest t : new ArrayList<>(global.getAllExpTests())) {
      global.registerExpTest(new StrictTest(t));
    }
    global.registerTag(new StrictMacroTag());
  }

  private record StrictFilter(Filter delegate) implements Filter {
    @Override
    public String getName() {
      return delegate.getName();
    }

    private Object in(Object var) {
      return defined(var, ABSENCE_FILTERS.contains(delegate.getName()));
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
      return delegate.filter(in(var), interpreter, args);
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
      for (Object a : args) {
        check(a);
      }
      for (Object a : kwargs.values()) {
        check(a);
      }
      return delegate.filter(in(var), interpreter, args, kwargs);
    }

    @Override
    public Object filter(SafeString var, JinjavaInterpreter interpreter, String... args) {
      return delegate.filter(var, interpreter, args);
    }

    @Override
    public boolean preserveSafeString() {
      return delegate.preserveSafeString();
    }
  }

  private record StrictTest(ExpTest delegate) implements ExpTest {
    @Override
    public String getName() {
      return delegate.getName();
    }

    private Object in(Object var) {
      return defined(var, ABSENCE_TESTS.contains(delegate.getName()));
    }

    @Override
    public boolean evaluate(Object var, JinjavaInterpreter interpreter, Object... args) {
      for (Object a : args) {
        check(a);
      }
      return delegate.evaluate(in(var), interpreter, args);
    }

    @Override
    public boolean evaluateNegated(Object var, JinjavaInterpreter interpreter, Object... args) {
      for (Object a : args) {
        check(a);
      }
      return delegate.evaluateNegated(in(var), interpreter, args);
    }
  }

  /** The {@code macro} tag, making macros that check how they are called. */
  private static final class StrictMacroTag extends MacroTag {
    private static final long serialVersionUID = 1L;

    @Override
    protected MacroFunction constructMacroFunction(TagNode tagNode, JinjavaInterpreter interpreter, String name,
        LinkedHashMap<String, Object> argNamesWithDefaults) {
      MacroFunction plain = super.constructMacroFunction(tagNode, interpreter, name, argNamesWithDefaults);
      return new StrictMacro(plain, name, required(tagNode.getHelpers()));
    }

    /** The parameters without a default, from the tag's {@code name(a, b, c=1)}. */
    private static List<String> required(String helpers) {
      Matcher m = MACRO_PATTERN.matcher(helpers);
      List<String> out = new ArrayList<>();
      if (m.find() && m.group(2) != null) {
        for (String p : m.group(2).split(",")) {
          String param = p.strip();
          if (!param.isEmpty() && !param.contains("=")) {
            out.add(param);
          }
        }
      }
      return out;
    }
  }

  /** A macro that refuses missing, undefined or unknown arguments. */
  private static final class StrictMacro extends MacroFunction {
    private final List<String> required;

    StrictMacro(MacroFunction source, String name, List<String> required) {
      super(source, name);
      this.required = required;
    }

    private String signature() {
      return getName() + "(" + String.join(", ", getArguments()) + ")";
    }

    @Override
    public Object evaluate(Object... args) {
      List<String> params = getArguments();
      int positional = 0;
      List<String> named = new ArrayList<>();
      for (Object a : args) {
        check(a);
        if (a instanceof NamedParameter p) {
          if (!params.contains(p.getName())) {
            throw new SnippetException("macro " + signature() + " has no argument '" + p.getName() + "'"
                + SnippetLibrary.closest(p.getName(), params));
          }
          named.add(p.getName());
        } else {
          positional++;
        }
      }
      if (positional > params.size()) {
        throw new SnippetException("macro " + signature() + " takes " + params.size() + " argument"
            + (params.size() == 1 ? "" : "s") + ", called with " + positional);
      }
      List<String> missing = new ArrayList<>();
      for (int i = positional; i < params.size(); i++) {
        String p = params.get(i);
        if (required.contains(p) && !named.contains(p)) {
          missing.add("'" + p + "'");
        }
      }
      if (!missing.isEmpty()) {
        throw new SnippetException("macro " + signature() + " was called without "
            + (missing.size() == 1 ? "its argument " : "its arguments ") + String.join(", ", missing)
            + " (an argument without a default must be passed)");
      }
      return super.evaluate(args);
    }
  }
}
