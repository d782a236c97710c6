package dev.tdr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tdr.core.TdrConfig;
import dev.tdr.testkit.RedshiftEmulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Executes the example notebooks of docs/notebooks on the real rapaio-jupyter-kernel (from Maven
 * Central) with Jupyter from Debian's packages, against the emulator loaded with the demo
 * dataset, and checks their outputs. Renders a result table and a profile to PNG with headless
 * Chromium (target/notebooks/*.png).
 */
class NotebookIT {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final Path NOTEBOOKS = ROOT.resolve("docs/notebooks");
  private static final Path OUT = Path.of("target", "notebooks").toAbsolutePath();
  private static final ObjectMapper JSON = new ObjectMapper();

  private static RedshiftEmulator emu;
  private static Path jupyterPath;

  @BeforeAll
  static void start() throws Exception {
    JupyterSetup.ensure();
    emu = RedshiftEmulator.start();
    DemoCommand.loadDataset(emu, 20_000);
    Files.createDirectories(OUT);
    jupyterPath = Files.createTempDirectory("tdr-jupyter");
    Path spec = jupyterPath.resolve("kernels/rapaio-jupyter-kernel");
    Files.createDirectories(spec);
    Path kernelJar = Path.of("target", "kernels", "rapaio-jupyter-kernel.jar").toAbsolutePath();
    assertThat(kernelJar).as("copied by the build (mvn package)").exists();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Map<String, Object> kernel = Map.of(
        "argv", List.of(java, "-Xmx1g", "-jar", kernelJar.toString(), "{connection_file}"),
        "display_name", "Rapaio Kernel (TDR tests)",
        "language", "java",
        "interrupt_mode", "message",
        "env", Map.of("RJK_TIMEOUT_MILLIS", "-1"));
    Files.writeString(spec.resolve("kernel.json"), JSON.writeValueAsString(kernel));
  }

  @AfterAll
  static void stop() throws IOException {
    if (emu != null) {
      emu.close();
    }
    if (jupyterPath != null) {
      try (var files = Files.walk(jupyterPath)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  /** Runs docs/notebooks/NAME through execute.py; returns the executed notebook's cells. */
  private static List<JsonNode> execute(String name) throws IOException, InterruptedException {
    Path out = OUT.resolve(name);
    Files.deleteIfExists(out);
    List<String> cmd = List.of(JupyterSetup.PYTHON.toString(), NOTEBOOKS.resolve("execute.py").toString(),
        NOTEBOOKS.resolve(name).toString(), out.toString(), "--startup-timeout", "15");
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().putAll(emu.environment());
    pb.environment().put("TDR_SNIPPETS", ROOT.resolve("examples/snippets").toString());
    pb.environment().put("TDR_CATALOG", NOTEBOOKS.resolve("catalog.yaml").toString());
    pb.environment().put("JUPYTER_PATH", jupyterPath.toString());
    JupyterSetup.Result r = JupyterSetup.run(pb, 15);
    // the harness's own lines (kernel restarts) are always shown; the kernel's log only on failure
    r.output().lines().filter(l -> l.startsWith("kernel ")).forEach(l -> System.err.println("[NotebookIT] " + name + ": " + l));
    assertThat(r.status()).as("execute.py %s:%n%s", name, r.output()).isZero();
    List<JsonNode> cells = new ArrayList<>();
    JSON.readTree(out.toFile()).get("cells").forEach(cells::add);
    return cells;
  }

  private static JsonNode cell(List<JsonNode> cells, String sourceStart) {
    return cells.stream().filter(c -> source(c).startsWith(sourceStart)).findFirst()
        .orElseThrow(() -> new AssertionError("no cell starting with " + sourceStart));
  }

  private static String source(JsonNode cell) {
    JsonNode s = cell.get("source");
    if (s.isArray()) {
      StringBuilder b = new StringBuilder();
      s.forEach(x -> b.append(x.asText()));
      return b.toString();
    }
    return s.asText();
  }

  /** The data of the cell's display or result output (MIME type to value). */
  private static JsonNode data(JsonNode cell) {
    for (JsonNode o : cell.get("outputs")) {
      if (o.has("data")) {
        return o.get("data");
      }
    }
    throw new AssertionError("cell has no display output: " + cell.get("outputs"));
  }

  private static JsonNode error(JsonNode cell) {
    for (JsonNode o : cell.get("outputs")) {
      if ("error".equals(o.path("output_type").asText())) {
        return o;
      }
    }
    throw new AssertionError("cell has no error output: " + cell.get("outputs"));
  }

  private static String text(JsonNode mime) {
    if (mime.isArray()) {
      StringBuilder b = new StringBuilder();
      mime.forEach(x -> b.append(x.asText()));
      return b.toString();
    }
    return mime.asText();
  }

  @Test
  void interruptingASqlCellCancelsItOnTheServerAndTheKernelGoesOn() throws Exception {
    Path work = Files.createTempDirectory("tdr-interrupt");
    Path script = work.resolve("interrupt_cell.py");
    try (java.io.InputStream in = NotebookIT.class.getResourceAsStream("interrupt_cell.py")) {
      Files.copy(in, script);
    }
    Path go = work.resolve("go");
    String fragment = "generate_series(1, 3000000401)";
    ProcessBuilder pb = new ProcessBuilder(JupyterSetup.PYTHON.toString(), script.toString(), "rapaio-jupyter-kernel",
        Path.of("target", "tdr.jar").toAbsolutePath().toString(), go.toString(),
        "select count(*) as n from (select " + fragment + " as g) s")
        .redirectErrorStream(true).redirectOutput(work.resolve("out.txt").toFile());
    pb.environment().putAll(emu.environment());
    pb.environment().put("JUPYTER_PATH", jupyterPath.toString());
    pb.environment().put("TDR_JSTACK", Path.of(System.getProperty("java.home"), "bin", "jstack").toString());
    Process p = pb.start();
    try {
      long end = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(3);
      while (activeQueries(fragment) == 0) {
        assertThat(p.isAlive()).as(Files.readString(work.resolve("out.txt"))).isTrue();
        assertThat(System.nanoTime()).as("the cell's query to run on the server").isLessThan(end);
        java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L);
      }
      Files.writeString(go, "go");
      assertThat(p.waitFor(3, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
      String out = Files.readString(work.resolve("out.txt"));
      assertThat(p.exitValue()).as(out).isZero();
      Map<String, JsonNode> cells = new java.util.HashMap<>();
      for (String line : out.lines().filter(l -> l.startsWith("{")).toList()) {
        JsonNode n = JSON.readTree(line);
        cells.put(n.get("cell").asText(), n);
      }
      // The query stopped on the server: that is TDR's part. What rapaio-jupyter-kernel 3.0.1 does
      // next is its own: the interrupted cell's reply sometimes never comes, and it runs no more
      // code until restarted (its executor is shut down), which the next %sql cell says.
      assertThat(activeQueries(fragment)).as(out).isZero();
      JsonNode interrupted = cells.get("interrupted");
      assertThat(interrupted).as(out).isNotNull();
      if (interrupted.get("errors").size() > 0) {
        assertThat(interrupted.get("errors").toString()).as(out).contains("interrupted: the query was cancelled on the server");
      }
      JsonNode after = cells.get("after");
      assertThat(after).as(out).isNotNull();
      if (!"ok".equals(after.get("status").asText())) {
        assertThat(after.get("errors").toString()).as(out).contains("the kernel did not run the cell's code")
            .contains("restart it");
      }
      TdrConfig config = TdrConfig.builderFromEnvironment(emu.environment()).build();
      try (dev.tdr.core.s3.PartStore store = dev.tdr.core.s3.PartStore.create(config, 1)) {
        assertThat(store.list(dev.tdr.core.s3.S3Uri.parse(config.tempDir()))).isEmpty();
      }
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  private static int activeQueries(String fragment) {
    return emu.runningStatements(fragment).size();
  }

  @Test
  void sqlCellsBindDisplayAndFailCleanly() throws Exception {
    List<JsonNode> cells = execute("sql-and-display.ipynb");

    // rapaio shows plain Java values as text/html
    assertThat(text(data(cell(cells, "import static")).get("text/html"))).contains("TDR loaded", "magics %%sql");
    assertThat(text(data(cell(cells, "%snippets")).get("text/plain"))).contains("ott_app", "engaged",
        "watched_between(first_day, last_day)");

    // displayed through the kernel's DisplayProvider service, before load()
    JsonNode early = data(cell(cells, "org.dflib.DataFrame.foldByRow"));
    assertThat(early.has("application/vnd.dataresource+json")).isTrue();
    assertThat(text(early.get("text/html"))).contains("&lt;Berlin&gt;", "Zürich", "<span class=\"null\">NULL</span>");

    JsonNode top = data(cell(cells, "%%sql top_titles"));
    assertThat(top.has("text/plain")).isTrue();
    String html = text(top.get("text/html"));
    assertThat(html).contains("<table", "title", "varchar", "decimal", "10 rows");
    assertThat(html).containsPattern("10 rows × 4 columns · \\d+\\.\\d{3} s via local \\(UNLOAD \\d+\\.\\d{3} s, read");
    JsonNode resource = top.get("application/vnd.dataresource+json");
    assertThat(resource.at("/schema/fields").findValuesAsText("name")).containsExactly("index", "title", "kind", "hours", "viewers");
    assertThat(resource.at("/schema/fields/3/type").asText()).isEqualTo("number");
    assertThat(resource.at("/schema/fields/4/type").asText()).isEqualTo("integer");
    assertThat(resource.get("data")).hasSize(10);
    // ordered by hours descending
    assertThat(resource.at("/data/0/hours").decimalValue()).isGreaterThanOrEqualTo(resource.at("/data/9/hours").decimalValue());
    screenshot("table", html, 600);

    assertThat(text(data(cell(cells, "top_titles.height()")).get("text/html"))).isEqualTo("10");

    JsonNode jdbc = data(cell(cells, "%%sql --via jdbc"));
    assertThat(jdbc.at("/application~1vnd.dataresource+json/schema/fields").findValuesAsText("name"))
        .containsExactly("index", "app", "sessions");
    assertThat(text(jdbc.get("text/html"))).containsPattern("\\d+\\.\\d{3} s via jdbc</div>");
    String apps = jdbc.at("/application~1vnd.dataresource+json/data").findValuesAsText("app").toString();
    assertThat(apps).contains("roku").doesNotContain("ios", "web");
    assertThat(text(data(cell(cells, "df.getColumnsIndex()")).get("text/html"))).contains("app", "sessions");

    JsonNode line = data(cell(cells, "%sql select kind"));
    assertThat(line.at("/application~1vnd.dataresource+json/data")).hasSize(2);

    JsonNode badSnippet = error(cell(cells, "%%sql oops\nselect * from viewing_events where"));
    assertThat(badSnippet.get("evalue").asText() + badSnippet.get("traceback")).contains("ott_ap", "ott_app")
        .doesNotContain("at dev.tdr", "at java.");
    JsonNode badColumn = error(cell(cells, "%%sql oops\nselect no_such_column"));
    assertThat(badColumn.get("evalue").asText() + badColumn.get("traceback")).contains("no_such_column", "42703")
        .doesNotContain("at dev.tdr", "at java.");
  }

  /**
   * The data explorer extension in the classic Notebook server Debian ships, in a real browser:
   * the executed notebook's results (rendered before the extension loads) become explorers; a
   * view chosen in one is saved in that output's metadata, and the notebook opened again in a
   * fresh browser profile shows that view.
   */
  @Test
  void theDataExplorerKeepsItsViewInTheNotebook() throws Exception {
    execute("sql-and-display.ipynb");
    Path dir = Files.createTempDirectory("tdr-nbserver");
    Path notebook = dir.resolve("explore.ipynb");
    Files.copy(OUT.resolve("sql-and-display.ipynb"), notebook);
    Path extension = ROOT.resolve("notebook/src/main/resources/dev/tdr/notebook/nbextension/tdr-explorer");
    Map<String, String> env = Map.of("JUPYTER_CONFIG_DIR", dir.resolve(".jupyter-config").toString(),
        "JUPYTER_DATA_DIR", dir.resolve(".jupyter-data").toString(), "JUPYTER_PATH", jupyterPath.toString());
    // as docs/notebooks.md says to install it
    for (List<String> cmd : List.of(List.of("/usr/bin/jupyter-nbextension", "install", "--user", extension.toString()),
        List.of("/usr/bin/jupyter-nbextension", "enable", "--user", "tdr-explorer/main"))) {
      ProcessBuilder pb = new ProcessBuilder(cmd);
      pb.environment().putAll(env);
      JupyterSetup.Result r = JupyterSetup.run(pb, 2);
      assertThat(r.status()).as(String.join(" ", cmd) + ":\n" + r.output()).isZero();
    }
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path log = dir.resolve("server.log");
    ProcessBuilder server = new ProcessBuilder("/usr/bin/jupyter-notebook", "--no-browser", "--allow-root",
        "--ip=127.0.0.1", "--port=" + port, "--port-retries=0", "--NotebookApp.token=", "--NotebookApp.password=",
        "--notebook-dir=" + dir).redirectErrorStream(true).redirectOutput(log.toFile());
    server.environment().putAll(env);
    server.environment().putAll(emu.environment());
    Process p = server.start();
    String mime = "application/vnd.dataresource+json";
    String url = "http://127.0.0.1:" + port + "/notebooks/explore.ipynb";
    String first = "document.querySelectorAll('.tdr-explorer')[0]";
    try {
      ExploreIT.awaitOutput(p, log, java.util.regex.Pattern.compile("is running at"));
      int explorers;
      try (Browser b = Browser.start(1280, 1000)) {
        b.open(url);
        b.await(first + " && " + first + ".querySelector('.dx-button-bar')", java.time.Duration.ofMinutes(2));
        explorers = b.eval("document.querySelectorAll('.tdr-explorer').length").asInt();
        assertThat(explorers).isGreaterThanOrEqualTo(1);
        // (the notebook may already be marked modified: the kernel's language_info replaces the one saved)
        b.eval("Jupyter.notebook.set_dirty(false)");
        b.eval(first + ".querySelector('button[title^=\"Bar charts\"]').click()");
        b.await("Jupyter.notebook.get_cells().some(c => c.output_area && c.output_area.outputs.some(o =>"
            + " o.metadata && o.metadata['" + mime + "'] && o.metadata['" + mime + "'].dx"
            + " && o.metadata['" + mime + "'].dx.view === 'bar'))", java.time.Duration.ofSeconds(30));
        assertThat(b.eval("Jupyter.notebook.dirty").asBoolean()).as("a changed view is a change to save").isTrue();
        assertThat(b.eval("Jupyter.notebook.save_notebook().then(() => true)").asBoolean()).isTrue();
      }
      List<String> views = new ArrayList<>();
      for (JsonNode c : JSON.readTree(notebook.toFile()).get("cells")) {
        for (JsonNode o : c.path("outputs")) {
          if (o.path("data").has(mime)) {
            views.add(o.path("metadata").path(mime).path("dx").path("view").asText("none"));
          }
        }
      }
      assertThat(views).as("the saved notebook's explorers").hasSize(explorers).first().isEqualTo("bar");
      assertThat(views.subList(1, views.size())).doesNotContain("bar");

      try (Browser fresh = Browser.start(1280, 1000)) {
        fresh.open(url);
        fresh.await(first + " && " + first + ".querySelector('svg rect')", java.time.Duration.ofMinutes(2));
        assertThat(fresh.eval(first + ".querySelector('.rt-table') === null").asBoolean()).as("not the grid").isTrue();
        fresh.eval(first + ".scrollIntoView()");
        // a bar is on the screen: what the browser shows at its middle is the bar itself (not
        // clipped away by the notebook's styles)
        fresh.await(ExploreIT.barOnScreen(first), java.time.Duration.ofSeconds(30));
        fresh.screenshot(OUT.resolve("explorer.png"));
        assertThat(Files.size(OUT.resolve("explorer.png"))).isGreaterThan(10_000);
      }
    } finally {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
      if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  @Test
  void profileAndCatalog() throws Exception {
    List<JsonNode> cells = execute("profile-and-catalog.ipynb");

    JsonNode events = data(cell(cells, "%%sql events"));
    JsonNode meta = cell(cells, "%%sql events").get("outputs").findValue("metadata");
    assertThat(meta.at("/application~1vnd.dataresource+json/sampled").asBoolean()).isTrue();
    assertThat(meta.at("/application~1vnd.dataresource+json/rows").asInt()).isEqualTo(20_000);
    assertThat(events.at("/application~1vnd.dataresource+json/data")).hasSize(1_000);
    assertThat(text(events.get("text/html"))).contains("showing 20 of 20,000 rows");

    JsonNode profile = data(cell(cells, "profile(events)"));
    String html = text(profile.get("text/html"));
    assertThat(html).contains("<svg", "seconds_watched", "MOSTLY MISSING").doesNotContain("<script");
    assertThat(text(profile.get("text/plain"))).contains("20,000 rows", "seconds_watched");
    assertThat(profile.has("application/json")).as("JupyterLab would show a JSON tree instead of the HTML").isFalse();
    assertThat(profile.at("/application~1vnd.tdr.profile+json/table/rows").asInt()).isEqualTo(20_000);
    screenshot("profile", html, 2400);

    JsonNode search = data(cell(cells, "search(\"watch time\")"));
    List<String> columns = search.at("/application~1vnd.dataresource+json/data").findValuesAsText("column");
    assertThat(columns).contains("seconds_watched");
    JsonNode regex = data(cell(cells, "search(\"/^(viewer|title)_id$/\")"));
    assertThat(regex.at("/application~1vnd.dataresource+json/data").findValuesAsText("column"))
        .contains("viewer_id", "title_id");

    String described = text(data(cell(cells, "describe(\"viewing_events\")")).get("text/html"));
    assertThat(described).contains("public.viewing_events", "One row per playback session",
        "The account that watched", "Watch time of the session in seconds");

    JsonNode unknown = error(cell(cells, "describe(\"viewing_event\")"));
    assertThat(unknown.get("evalue").asText() + unknown.get("traceback")).contains("closest: viewing_events")
        .doesNotContain("at dev.tdr");
  }

  /** Renders {@code fragment} to target/notebooks/NAME.png with headless Chromium, to look at. */
  private static void screenshot(String name, String fragment, int height) throws Exception {
    Path html = OUT.resolve(name + ".html");
    Files.writeString(html, page(fragment));
    Path png = OUT.resolve(name + ".png");
    Files.deleteIfExists(png);
    Path profileDir = Files.createTempDirectory("tdr-chromium");
    JupyterSetup.Result r = JupyterSetup.run(new ProcessBuilder(JupyterSetup.CHROMIUM.toString(), "--headless",
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--user-data-dir=" + profileDir, "--hide-scrollbars",
        "--window-size=1280," + height, "--screenshot=" + png, html.toUri().toString()), 2);
    assertThat(png).as(r.output()).exists();
    assertThat(Files.size(png)).as("a rendered page, not a blank one").isGreaterThan(10_000);
  }

  private static String page(String fragment) {
    return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body style=\"margin:16px\">" + fragment
        + "</body></html>";
  }
}
