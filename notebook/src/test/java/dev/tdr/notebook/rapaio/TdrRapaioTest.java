package dev.tdr.notebook.rapaio;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.List;
import org.dflib.DataFrame;
import org.junit.jupiter.api.Test;
import org.rapaio.jupyter.kernel.core.magic.MagicEngine;
import org.rapaio.jupyter.kernel.core.magic.MagicHandler;
import org.rapaio.jupyter.kernel.core.magic.MagicSnippet;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.DisplaySystem;

/**
 * The rapaio adapter against rapaio-jupyter-kernel 3.0.1's own classes: if a kernel release
 * moves the internals {@link TdrRapaio} reaches into, this fails (and load() says so softly).
 */
class TdrRapaioTest {
  private static MagicSnippet snippet(MagicSnippet.Type type, String... lines) {
    return new MagicSnippet(type, java.util.Arrays.stream(lines)
        .map(l -> new MagicSnippet.CodeLine(l, false, 0, 0)).toList());
  }

  @Test
  void magicsGoFirstInTheKernelsListOnce() throws Exception {
    assertThat(TdrRapaio.registerMagics()).isEqualTo("magics %%sql, %sql, %snippets");
    assertThat(TdrRapaio.registerMagics()).isEqualTo("magics %%sql, %sql, %snippets");
    Field f = MagicEngine.class.getDeclaredField("magicHandlers");
    f.setAccessible(true);
    @SuppressWarnings("unchecked")
    List<MagicHandler> handlers = (List<MagicHandler>) f.get(null);
    assertThat(handlers.get(0)).isInstanceOf(TdrMagics.class);
    assertThat(handlers.stream().filter(h -> h instanceof TdrMagics)).hasSize(1);
  }

  @Test
  void handlesOnlyItsMagics() {
    TdrMagics m = new TdrMagics();
    assertThat(m.canHandleSnippet(snippet(MagicSnippet.Type.MAGIC_CELL, "%%sql top --via jdbc", "select 1"))).isTrue();
    assertThat(m.canHandleSnippet(snippet(MagicSnippet.Type.MAGIC_CELL, "%%sql", "select 1"))).isTrue();
    assertThat(m.canHandleSnippet(snippet(MagicSnippet.Type.MAGIC_LINE, "%sql select 1"))).isTrue();
    assertThat(m.canHandleSnippet(snippet(MagicSnippet.Type.MAGIC_LINE, "%snippets"))).isTrue();
    assertThat(m.canHandleSnippet(snippet(MagicSnippet.Type.MAGIC_CELL, "%%sqlite", "x"))).isFalse();
    assertThat(m.canHandleSnippet(snippet(MagicSnippet.Type.MAGIC_LINE, "%jar x.jar"))).isFalse();
    assertThat(m.helpMessage()).anyMatch(h -> h.startsWith("%%sql [name]"));
  }

  @Test
  void renderersGiveTheKernelTdrsBundle() {
    assertThat(TdrRapaio.registerRenderers()).isEqualTo("display renderers");
    DisplayData d = DisplaySystem.inst().render(DataFrame.foldByRow("a", "b").of(1, "x"));
    assertThat(d.data()).containsKeys("text/plain", "text/html", "application/vnd.dataresource+json");
    assertThat(d.data().get("text/html").toString()).contains("<table", "1 row");
    assertThat(d.metadata()).containsKey("application/vnd.dataresource+json");
  }
}
