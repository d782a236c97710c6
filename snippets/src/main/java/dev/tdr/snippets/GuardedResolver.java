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
    if (!readable(base)) {
      throw denied(base, property);
    }
    return delegate.getValue(context, base, property);
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
