package dev.tdr.notebook.jjava;

import dev.tdr.notebook.CellResult;
import dev.tdr.notebook.Display;
import dev.tdr.notebook.DisplayBundle;
import dev.tdr.query.Messages;
import dev.tdr.notebook.TdrNotebook;
import java.util.List;
import java.util.Map;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.magic.CellMagic;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;

/**
 * TDR for JJava (jjava-jupyter 1.0-a6): registered through {@code
 * META-INF/services/org.dflib.jjava.jupyter.Extension}, so JJava installs it when {@code tdr.jar}
 * is added with {@code %jars}. Renderers for DataFrames, profiles and described tables; the
 * magics {@code %%sql}, {@code %sql} and {@code %snippets}. JJava does not display a cell magic's
 * return value, so the magics display their result themselves; the DataFrame is bound by
 * evaluating a declaration in the kernel.
 */
public final class TdrExtension implements Extension {
  @Override
  public void install(BaseKernel kernel) {
    TdrNotebook.warmUp();
    Renderer renderer = kernel.getRenderer();
    for (Class<?> type : Display.TYPES) {
      register(renderer, type);
    }
    kernel.getMagicsRegistry()
        .registerCellMagic("sql", (CellMagic<Object, BaseKernel>) (k, args, body) -> {
          show(k, () -> bind(k, TdrNotebook.cellAsKernelCode(String.join(" ", args), body, k::evalRaw)));
          return null;
        })
        .registerLineMagic("sql", (LineMagic<Object, BaseKernel>) (k, args) -> {
          show(k, () -> bind(k, TdrNotebook.cellAsKernelCode("", String.join(" ", args), k::evalRaw)));
          return null;
        })
        .registerLineMagic("snippets", (LineMagic<Object, BaseKernel>) (k, args) -> {
          show(k, () -> TdrNotebook.session().snippetsFrame());
          return null;
        });
  }

  private static <T> void register(Renderer renderer, Class<T> type) {
    renderer.createRegistration(type)
        .preferring(DisplayBundle.HTML)
        .supporting(DisplayBundle.TEXT, DisplayBundle.HTML, DisplayBundle.DATA_RESOURCE, DisplayBundle.PROFILE_JSON)
        .register((value, ctx) -> ctx.getOutputContainer().assign(toDisplayData(TdrNotebook.bundle(value))));
  }

  /** JJava's display data for a TDR bundle. */
  static DisplayData toDisplayData(DisplayBundle b) {
    DisplayData d = new DisplayData(b.textPlain());
    for (Map.Entry<String, Object> e : b.data().entrySet()) {
      d.putData(e.getKey(), e.getValue());
    }
    for (Map.Entry<String, Object> e : b.metadata().entrySet()) {
      d.putMetaData(e.getKey(), e.getValue());
    }
    return d;
  }

  /** Declares {@code DataFrame <name>} in the notebook; returns the result to show. */
  private static Object bind(BaseKernel k, CellResult r) {
    String key = "jjava:" + r.name();
    TdrNotebook.handOff(key, r.df());
    try {
      k.evalRaw("org.dflib.DataFrame " + r.name() + " = dev.tdr.notebook.TdrNotebook.take(\"" + key + "\");");
    } finally {
      TdrNotebook.take(key); // normally taken by the declaration; never left behind
    }
    return r;
  }

  private interface Body {
    Object run() throws Exception;
  }

  /** Runs {@code body} and displays its value; errors become one message, no stack trace. */
  private static void show(BaseKernel k, Body body) {
    Object value;
    try {
      value = body.run();
    } catch (Exception | LinkageError e) {
      throw new TdrNotebook.NotebookError(Messages.describe(e));
    }
    k.display(toDisplayData(TdrNotebook.bundle(value)));
  }
}
