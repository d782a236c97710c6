package dev.tdr.notebook.rapaio;

import java.lang.reflect.Field;
import java.util.List;
import org.rapaio.jupyter.kernel.core.magic.MagicEngine;
import org.rapaio.jupyter.kernel.core.magic.MagicHandler;
import org.rapaio.jupyter.kernel.display.DisplayRenderer;
import org.rapaio.jupyter.kernel.display.DisplaySystem;

/**
 * Loads TDR into a rapaio-jupyter-kernel notebook: {@code dev.tdr.notebook.rapaio.TdrRapaio.load()}
 * after {@code %jar /path/to/tdr.jar}.
 *
 * <p>rapaio 3.0.1 has a service for display renderers but none for magics: its magic handlers are
 * a private static list in {@code MagicEngine}. This class is the only place that reaches into
 * the kernel by reflection; if a kernel version changes those internals, {@link #load()} says
 * what failed and the rest (display, {@code TdrNotebook.sql(...)}, profiles, catalog) still works.
 */
public final class TdrRapaio {
  private static final String TESTED_WITH = "rapaio-jupyter-kernel 3.0.1";

  private TdrRapaio() {}

  /** Registers the magics and renderers; returns what was done, for the cell's output. */
  public static synchronized String load() {
    dev.tdr.notebook.TdrNotebook.warmUp();
    StringBuilder report = new StringBuilder("TDR loaded: ");
    report.append(registerRenderers()).append("; ").append(registerMagics());
    report.append(". Try %%sql, %snippets, profile(df), search(\"...\"), describe(\"table\")"
        + " after: import static dev.tdr.notebook.TdrNotebook.*;");
    return report.toString();
  }

  /** Our renderers into the kernel's display system (through its service, else directly). */
  static String registerRenderers() {
    DisplaySystem ds = DisplaySystem.inst();
    ds.refreshSpiDisplayHandlers();
    try {
      List<DisplayRenderer> spi = field(DisplaySystem.class, "spiDisplayRenderers", ds);
      if (spi.stream().noneMatch(r -> r.getClass().getName().startsWith(TdrRenderers.class.getName()))) {
        spi.addAll(0, new TdrRenderers().getDisplayRenderers());
      }
      return "display renderers";
    } catch (ReflectiveOperationException | RuntimeException e) {
      return "display renderers NOT registered (" + e + "; tested with " + TESTED_WITH
          + "): results show as text; use TdrNotebook.bundle(x)";
    }
  }

  /** Our magic handler at the front of the kernel's list (once). */
  static String registerMagics() {
    try {
      List<MagicHandler> handlers = field(MagicEngine.class, "magicHandlers", null);
      handlers.removeIf(h -> h.getClass().getName().equals(TdrMagics.class.getName()));
      handlers.add(0, new TdrMagics());
      return "magics %%sql, %sql, %snippets";
    } catch (ReflectiveOperationException | RuntimeException e) {
      return "magics NOT registered (" + e + "; tested with " + TESTED_WITH
          + "): use df = dev.tdr.notebook.TdrNotebook.sql(\"...\") instead";
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T field(Class<?> owner, String name, Object target) throws ReflectiveOperationException {
    Field f = owner.getDeclaredField(name);
    f.setAccessible(true);
    Object v = f.get(target);
    if (!(v instanceof List)) {
      throw new NoSuchFieldException(owner.getSimpleName() + "." + name + " is not a list");
    }
    return (T) v;
  }
}
