package dev.tdr.notebook.rapaio;

import dev.tdr.notebook.Display;
import dev.tdr.notebook.DisplayBundle;
import dev.tdr.notebook.TdrNotebook;
import java.util.List;
import java.util.Map;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.DisplayRenderer;
import org.rapaio.jupyter.kernel.display.DisplayTransformer;
import org.rapaio.jupyter.kernel.display.spi.DisplayProvider;

/**
 * rapaio-jupyter-kernel's display service: DataFrames, profiles, described tables and bundles
 * shown with TDR's MIME bundles. Registered in {@code META-INF/services}; {@link TdrRapaio#load()}
 * also adds it when the kernel's service loader cannot see jars added at run time.
 */
public final class TdrRenderers implements DisplayProvider {
  @Override
  public List<DisplayRenderer> getDisplayRenderers() {
    return Display.TYPES.stream().<DisplayRenderer>map(Renderer::new).toList();
  }

  @Override
  public List<DisplayTransformer> getDisplayTransformers() {
    return List.of();
  }

  /** The kernel's display data for TDR's bundle of {@code value}. */
  static DisplayData displayData(Object value) {
    return toDisplayData(TdrNotebook.bundle(value));
  }

  static DisplayData toDisplayData(DisplayBundle b) {
    DisplayData d = DisplayData.fromText(b.textPlain());
    for (Map.Entry<String, Object> e : b.data().entrySet()) {
      d.putData(e.getKey(), e.getValue());
    }
    for (Map.Entry<String, Object> e : b.metadata().entrySet()) {
      d.putMetaData(e.getKey(), e.getValue());
    }
    return d;
  }

  private record Renderer(Class<?> type) implements DisplayRenderer {
    @Override
    public Class<?> rendererClass() {
      return type;
    }

    @Override
    public boolean canRender(String mime) {
      return mime == null || mime.isEmpty() || mime.equals(DisplayBundle.TEXT) || mime.equals(DisplayBundle.HTML)
          || mime.equals(DisplayBundle.DATA_RESOURCE);
    }

    @Override
    public DisplayData render(String mime, Object o) {
      return displayData(o);
    }
  }
}
