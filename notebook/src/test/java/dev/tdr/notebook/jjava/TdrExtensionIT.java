package dev.tdr.notebook.jjava;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdr.core.TdrConfig;
import dev.tdr.notebook.NotebookSession;
import dev.tdr.notebook.TdrNotebook;
import dev.tdr.testkit.RedshiftEmulator;
import dev.tdr.testkit.RedshiftEmulatorExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.dflib.DataFrame;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.BaseKernelBuilder;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JJava extension on jjava-jupyter 1.0-a6's real registry, renderer and magics, with a
 * minimal kernel around them (the JJava kernel itself is not on Maven Central) and the emulator
 * behind the session.
 */
@ExtendWith(RedshiftEmulatorExtension.class)
class TdrExtensionIT {
  @TempDir
  static Path dir;
  private static TestKernel kernel;

  @BeforeAll
  static void start(RedshiftEmulator emu) throws Exception {
    Files.writeString(dir.resolve("one.sql"), "-- The number one.\n1\n");
    TdrNotebook.use(new NotebookSession(TdrConfig.builderFromEnvironment(emu.environment()).set(dev.tdr.snippets.SnippetSettings.SNIPPETS, List.of(dir)).build()));
    kernel = new Builder().build();
    Extension ext = ServiceLoader.load(Extension.class).stream().map(ServiceLoader.Provider::get)
        .filter(e -> e instanceof TdrExtension).findFirst().orElseThrow(() -> new AssertionError("no service entry"));
    ext.install(kernel);
  }

  @AfterAll
  static void stop() {
    TdrNotebook.session().close();
  }

  @Test
  void registersMagics() {
    assertThat(kernel.getMagicsRegistry().getCellMagicNames()).contains("sql");
    assertThat(kernel.getMagicsRegistry().getLineMagicNames()).contains("sql", "snippets");
  }

  @Test
  void rendersDataFramesWithTdrBundle() {
    DisplayData d = kernel.getRenderer().render(DataFrame.foldByRow("a").of(1, 2));
    assertThat(d.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.parse("text/html")).toString())
        .contains("<table", "2 rows");
    assertThat(d.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.parse("application/vnd.dataresource+json")))
        .isNotNull();
  }

  @Test
  void sqlCellBindsAndDisplays() throws Exception {
    kernel.displayed.clear();
    Object r = kernel.getMagicsRegistry().evalCellMagic(kernel, "sql", List.of("ones"), "select {{ one }} as x");
    assertThat(r).isNull();
    assertThat(kernel.evaluated).contains(
        "org.dflib.DataFrame ones = dev.tdr.notebook.TdrNotebook.take(\"jjava:ones\");");
    DataFrame df = (DataFrame) kernel.bound.get("ones");
    assertThat(df.getColumn("x").get(0)).isEqualTo(1);
    assertThat((Object) TdrNotebook.take("jjava:ones")).as("nothing left behind").isNull();
    assertThat(kernel.displayed).hasSize(1);
    assertThat(kernel.displayed.get(0).getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.parse("text/html"))
        .toString()).contains("1 row");
  }

  @Test
  void errorsAreOneMessage() {
    assertThatThrownBy(() -> kernel.getMagicsRegistry().evalCellMagic(kernel, "sql", List.of(), "select {{ onee }}"))
        .isInstanceOf(TdrNotebook.NotebookError.class).hasMessageContaining("did you mean 'one'")
        .satisfies(e -> assertThat(e.getStackTrace()).isEmpty());
    assertThatThrownBy(() -> kernel.getMagicsRegistry().evalCellMagic(kernel, "sql", List.of("--via", "odbc"), "select 1"))
        .hasMessageContaining("--via odbc is not a route");
    // %sql takes SQL only: "--via odbc" is an SQL comment
    assertThatThrownBy(() -> kernel.getMagicsRegistry().evalLineMagic(kernel, "sql", List.of("--via", "odbc")))
        .hasMessageContaining("the query is empty");
  }

  static final class TestKernel extends BaseKernel {
    final List<String> evaluated = new ArrayList<>();
    final java.util.Map<String, Object> bound = new java.util.HashMap<>();
    final List<DisplayData> displayed = new ArrayList<>();

    TestKernel(Builder b) {
      super("test", "1", new LanguageInfo("java", "17", "text/x-java", ".java", "java", null, null), List.of(),
          b.history(), b.io(), b.comms(), b.renderer(), new MagicParser("%", "%%", b.transpiler()), b.registry(), true,
          b.styler());
    }

    @Override
    public Object evalRaw(String code) {
      evaluated.add(code);
      // what JShell does with TDR's declaration: "org.dflib.DataFrame NAME = ...take("KEY");"
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("DataFrame (\\w+) = .*take\\(\"([^\"]+)\"\\)").matcher(code);
      if (m.find()) {
        bound.put(m.group(1), TdrNotebook.take(m.group(2)));
      }
      // and with the cell a magic runs as kernel code: "dev.tdr.notebook.TdrNotebook.runCell("KEY");"
      java.util.regex.Matcher cell = java.util.regex.Pattern.compile("TdrNotebook\\.runCell\\(\"([^\"]+)\"\\)").matcher(code);
      if (cell.find()) {
        TdrNotebook.runCell(cell.group(1));
      }
      return null;
    }

    @Override
    public void display(DisplayData data) {
      displayed.add(data);
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extra) {
      return null;
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
      return null;
    }

    @Override
    public String isComplete(String code) {
      return IS_COMPLETE_YES;
    }
  }

  static final class Builder extends BaseKernelBuilder<Builder, TestKernel> {
    @Override
    public TestKernel build() {
      return new TestKernel(this);
    }

    org.dflib.jjava.jupyter.kernel.history.HistoryManager history() {
      return buildHistoryManager();
    }

    org.dflib.jjava.jupyter.kernel.JupyterIO io() {
      return buildJupyterIO(StandardCharsets.UTF_8);
    }

    org.dflib.jjava.jupyter.kernel.comm.CommManager comms() {
      return buildCommManager();
    }

    org.dflib.jjava.jupyter.kernel.display.Renderer renderer() {
      return buildRenderer();
    }

    org.dflib.jjava.jupyter.kernel.magic.MagicTranspiler transpiler() {
      return buildMagicTranspiler();
    }

    org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry registry() {
      return buildMagicsRegistry();
    }

    org.dflib.jjava.jupyter.kernel.util.StringStyler styler() {
      return buildErrorStyler();
    }
  }
}
