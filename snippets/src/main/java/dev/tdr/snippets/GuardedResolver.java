package dev.tdr.snippets;

import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import java.beans.FeatureDescriptor;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELException;
import jinjava.javax.el.ELResolver;

/**
 * Jinjava's read-only resolver, limited to what templates need: map keys, list and array items,
 * and jinjava's own objects (filters, macros, loops). Any other Java object's properties and
 * methods are out of reach, so a template cannot call into the JVM.
 */
final class GuardedResolver extends ELResolver {
  private final ELResolver delegate = JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY;

  private static boolean jinjavaOwn(Object base) {
    return base instanceof com.hubspot.jinjava.lib.filter.Filter
        || base instanceof com.hubspot.jinjava.lib.exptest.ExpTest
        || base.getClass().getName().startsWith("com.hubspot.jinjava.");
  }

  private static boolean readable(Object base) {
    return base == null || base instanceof Map || base instanceof List || base.getClass().isArray() || jinjavaOwn(base);
  }

  private static ELException denied(Object base, Object what) {
    return new ELException("templates cannot use '" + what + "' of a " + base.getClass().getSimpleName()
        + " (no access to Java objects or methods)");
  }

  @Override
  public Object getValue(ELContext context, Object base, Object property) {
    Strict.check(base);
    if (!readable(base)) {
      throw denied(base, property);
    }
    if (base instanceof Map<?, ?> map && !map.containsKey(property)) {
      // {{ user.cuntry }} of a map without that key is a mistake, not NULL. An
      // IllegalArgumentException lets jinjava go on to a method of that name (dict.items()).
      throw new MissingKey(property, map);
    }
    if (base instanceof List<?> list && index(property) != null
        && (index(property) >= list.size() || index(property) < -list.size())) {
      throw new MissingKey(property, list);
    }
    return delegate.getValue(context, base, property);
  }

  /** {@code property} as a list index (jinjava passes them as numbers or as their text), or null. */
  private static Long index(Object property) {
    if (property instanceof Number n) {
      return n.longValue();
    }
    if (property instanceof String s && s.matches("-?[0-9]{1,18}")) {
      return Long.parseLong(s);
    }
    return null;
  }

  /** A key or index a template asked for that its map or list does not have. */
  static final class MissingKey extends IllegalArgumentException {
    MissingKey(Object property, Map<?, ?> map) {
      super(null, new SnippetException("no key '" + property + "' in a map with keys "
          + map.keySet().stream().map(k -> "'" + k + "'").sorted().toList()
          + (map.isEmpty() ? "" : SnippetLibrary.closest(String.valueOf(property), map.keySet().stream().map(String::valueOf).toList()))));
    }

    MissingKey(Object property, List<?> list) {
      super(null, new SnippetException("no item " + property + " in a list of " + list.size()));
    }

    @Override
    public String getMessage() {
      return getCause().getMessage();
    }
  }

  @Override
  public Object invoke(ELContext context, Object base, Object method, Class<?>[] types, Object[] params) {
    if (base != null && !jinjavaOwn(base)) {
      throw denied(base, method);
    }
    return delegate.invoke(context, base, method, types, params);
  }

  @Override
  public Class<?> getType(ELContext context, Object base, Object property) {
    if (!readable(base)) {
      throw denied(base, property);
    }
    return delegate.getType(context, base, property);
  }

  @Override
  public void setValue(ELContext context, Object base, Object property, Object value) {
    throw new ELException("templates cannot assign to '" + property + "'");
  }

  @Override
  public boolean isReadOnly(ELContext context, Object base, Object property) {
    return true;
  }

  @Override
  public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
    return null;
  }

  @Override
  public Class<?> getCommonPropertyType(ELContext context, Object base) {
    return readable(base) ? delegate.getCommonPropertyType(context, base) : null;
  }
}
