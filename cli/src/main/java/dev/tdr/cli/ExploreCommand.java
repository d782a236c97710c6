package dev.tdr.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tdr.RenderedSql;
import dev.tdr.Route;
import dev.tdr.core.TdrConfig;
import dev.tdr.notebook.Display;
import dev.tdr.notebook.DisplayBundle;
import dev.tdr.notebook.DisplayOptions;
import dev.tdr.notebook.ExplorerPage;
import dev.tdr.query.Routes;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tdr explore}: a query's result in the nteract data explorer, on a local web page. */
@Command(
    name = "explore",
    mixinStandardHelpOptions = true,
    description = {
        "Runs a query and shows its result in the nteract data explorer (table, bar, summary,"
            + " scatter, line and more, with metrics and dimensions to choose) on a local web"
            + " page: served on 127.0.0.1 only, on a free port it prints, opened in the default"
            + " browser when there is one; Ctrl-C stops it. The first 1,000 rows are shown (the"
            + " explorer says when it shows a sample).",
        "",
        "Example:",
        "  ./tdr explore 'select app, count(*) as views from viewing_events group by 1'"})
final class ExploreCommand implements Callable<Integer>, ConfigOptions.Uses {
  @Override
  public java.util.Collection<dev.tdr.core.SettingSpec> settings() {
    return ConfigOptions.QUERY;
  }

  @Spec
  CommandSpec spec;

  @ParentCommand
  TdrCli parent;

  @ArgGroup(multiplicity = "1", exclusive = true)
  SqlSource source;

  @Option(names = "--via", defaultValue = "auto", paramLabel = "ROUTE", description = "auto, local, jdbc or spark (default: ${DEFAULT-VALUE}).")
  Route via;

  @Option(names = {"-D", "--var"}, paramLabel = "NAME=VALUE", description = "A template variable for the SQL; repeatable.")
  java.util.Map<String, String> vars;

  @Option(names = "--port", defaultValue = "0", paramLabel = "PORT", description = "Port on 127.0.0.1 (default: a free one).")
  int port;

  @Option(names = "--rows", defaultValue = "1000", paramLabel = "N", description = "Rows the explorer gets (default: ${DEFAULT-VALUE}).")
  int rows;

  @Option(names = "--browser", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Open the page in the default browser, when there is one (default: true).")
  boolean browser;

  @Mixin
  ConfigOptions options;

  @Override
  public Integer call() throws Exception {
    if (rows < 1) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--rows must be at least 1, got " + rows);
    }
    TdrConfig config = options.build(parent.env(), false);
    RenderedSql sql = CliSnippets.render(CliSnippets.load(config), source.text(spec), vars);
    String ran = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    Routes.Outcome o = Progress.run(config, via, sql, false, spec.commandLine().getErr());
    DisplayOptions shown = new DisplayOptions(DisplayOptions.defaults().rows(), rows, DisplayOptions.defaults().maxCellChars());
    DisplayBundle bundle = Display.dataFrame(o.df(), shown);
    byte[] page = ExplorerPage.html(bundle, sql.text().strip(), ran, "tdr-explorer.js").getBytes(StandardCharsets.UTF_8);
    byte[] script = ExplorerPage.script();

    // the page holds query data: loopback only, never a wildcard address
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      if (!"GET".equals(exchange.getRequestMethod())) {
        send(exchange, 405, "text/plain; charset=utf-8", "GET only".getBytes(StandardCharsets.UTF_8));
      } else if (path.equals("/")) {
        send(exchange, 200, "text/html; charset=utf-8", page);
      } else if (path.equals("/tdr-explorer.js")) {
        send(exchange, 200, "text/javascript; charset=utf-8", script);
      } else {
        send(exchange, 404, "text/plain; charset=utf-8", "not found".getBytes(StandardCharsets.UTF_8));
      }
    });
    server.start();
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    CountDownLatch stopped = new CountDownLatch(1);
    // the query is done: from here Ctrl-C and SIGTERM stop the page (status 0), as for a server
    Signals.onTerminate(stopped::countDown);
    PrintWriter out = spec.commandLine().getOut();
    out.println("Exploring " + o.df().height() + " rows at " + url + " (Ctrl-C to stop)");
    out.flush();
    if (browser) {
      open(url);
    }
    stopped.await();
    server.stop(0);
    return 0;
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream os = exchange.getResponseBody()) {
      os.write(body);
    }
  }

  /** Opens {@code url} with xdg-open (or open, on macOS) when a desktop is there; otherwise the printed URL is it. */
  private void open(String url) {
    boolean mac = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("mac");
    boolean desktop = mac || System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null;
    String opener = mac ? "/usr/bin/open" : "/usr/bin/xdg-open";
    if (!desktop || !Files.isExecutable(Path.of(opener))) {
      return;
    }
    try {
      new ProcessBuilder(opener, url).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      spec.commandLine().getErr().println("tdr explore: could not open a browser (" + e.getMessage() + "); open " + url);
    }
  }
}
