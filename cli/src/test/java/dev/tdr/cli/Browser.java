package dev.tdr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's Chromium, headless, driven through the Chrome DevTools Protocol over the JDK's own
 * WebSocket client: navigate, evaluate JavaScript (also promises that wait for the page), take
 * screenshots. A fresh profile per instance, deleted on close.
 */
final class Browser implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final StringBuilder partial = new StringBuilder();

  private Browser(Process process, Path profile, WebSocket socket) {
    this.process = process;
    this.profile = profile;
    this.socket = socket;
  }

  /** Starts Chromium with a new, empty profile and connects to its first page. */
  static Browser start(int width, int height) throws Exception {
    JupyterSetup.ensure();
    Path profile = Files.createTempDirectory("tdr-chromium");
    Process p = new ProcessBuilder(JupyterSetup.CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-quic", "--hide-scrollbars", "--remote-debugging-port=0", "--user-data-dir=" + profile,
        "--window-size=" + width + "," + height, "about:blank")
        .redirectErrorStream(true).redirectOutput(profile.resolveSibling(profile.getFileName() + ".log").toFile()).start();
    Path portFile = profile.resolve("DevToolsActivePort");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    // Chromium writes the file once it listens: wait for the file system to say so
    try (java.nio.file.WatchService watch = profile.getFileSystem().newWatchService()) {
      profile.register(watch, java.nio.file.StandardWatchEventKinds.ENTRY_CREATE,
          java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY);
      while (!Files.exists(portFile) || Files.readAllLines(portFile).size() < 2) {
        long left = deadline - System.nanoTime();
        java.nio.file.WatchKey key = left > 0 && p.isAlive() ? watch.poll(Math.min(left, 1_000_000_000L), TimeUnit.NANOSECONDS) : null;
        if (key == null && (left <= 0 || !p.isAlive())) {
          p.destroyForcibly();
          throw new IllegalStateException("Chromium did not start its DevTools endpoint");
        }
        if (key != null) {
          key.pollEvents();
          key.reset();
        }
      }
    }
    int port = Integer.parseInt(Files.readAllLines(portFile).get(0).strip());
    HttpClient http = HttpClient.newHttpClient();
    JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
        .build(), HttpResponse.BodyHandlers.ofString()).body());
    String ws = null;
    for (JsonNode t : targets) {
      if ("page".equals(t.path("type").asText())) {
        ws = t.path("webSocketDebuggerUrl").asText();
        break;
      }
    }
    if (ws == null) {
      p.destroyForcibly();
      throw new IllegalStateException("Chromium has no page: " + targets);
    }
    Browser[] self = new Browser[1];
    WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(ws), new WebSocket.Listener() {
      @Override
      public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        self[0].received(data, last);
        webSocket.request(1);
        return null;
      }
    }).get(30, TimeUnit.SECONDS);
    self[0] = new Browser(p, profile, socket);
    self[0].call("Page.enable", Map.of());
    self[0].call("Runtime.enable", Map.of());
    return self[0];
  }

  private synchronized void received(CharSequence data, boolean last) {
    partial.append(data);
    if (!last) {
      return;
    }
    String text = partial.toString();
    partial.setLength(0);
    try {
      JsonNode msg = JSON.readTree(text);
      if (msg.has("id")) {
        CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asInt());
        if (f != null) {
          f.complete(msg);
        }
      }
    } catch (IOException e) {
      // not a message we asked for
    }
  }

  /** Calls a DevTools method and returns its result; fails with the protocol's error. */
  JsonNode call(String method, Map<String, ?> params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> f = new CompletableFuture<>();
    pending.put(id, f);
    ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
    msg.set("params", JSON.valueToTree(params));
    socket.sendText(JSON.writeValueAsString(msg), true).get(30, TimeUnit.SECONDS);
    JsonNode reply = f.get(2, TimeUnit.MINUTES);
    if (reply.has("error")) {
      throw new IllegalStateException(method + ": " + reply.get("error"));
    }
    return reply.path("result");
  }

  /** Opens {@code url} and waits until its document has loaded. */
  void open(String url) throws Exception {
    call("Page.navigate", Map.of("url", url));
    eval("new Promise(r => { const done = () => document.readyState === 'complete';"
        + " if (done()) r(true); else window.addEventListener('load', () => r(true)); })");
  }

  /** The value of a JavaScript expression (awaited when it is a promise); fails on an exception in the page. */
  JsonNode eval(String expression) throws Exception {
    JsonNode r = call("Runtime.evaluate", Map.of("expression", expression, "awaitPromise", true, "returnByValue", true));
    if (r.has("exceptionDetails")) {
      throw new AssertionError("JavaScript failed: " + r.get("exceptionDetails").toString() + "\nin: " + expression);
    }
    return r.path("result").path("value");
  }

  /**
   * Waits in the page until {@code condition} (a JavaScript expression) is true, checking on each
   * DOM change; fails naming it after {@code timeout}.
   */
  void await(String condition, Duration timeout) throws Exception {
    JsonNode ok = eval("new Promise(r => { const ok = () => { try { return !!(" + condition + "); } catch (e) { return false; } };"
        + " if (ok()) { r(true); return; }"
        + " const o = new MutationObserver(() => { if (ok()) { o.disconnect(); r(true); } });"
        + " o.observe(document, {subtree: true, childList: true, attributes: true, characterData: true});"
        + " setTimeout(() => { o.disconnect(); r(ok()); }, " + timeout.toMillis() + "); })");
    if (!ok.asBoolean()) {
      throw new AssertionError("not true in " + timeout + ": " + condition + "\npage text: "
          + eval("document.body ? document.body.innerText.slice(0, 2000) : ''").asText());
    }
  }

  /** A PNG of the page as it is shown. */
  void screenshot(Path png) throws Exception {
    JsonNode r = call("Page.captureScreenshot", Map.of("format", "png"));
    Files.createDirectories(png.toAbsolutePath().getParent());
    Files.write(png, Base64.getDecoder().decode(r.path("data").asText()));
  }

  @Override
  public void close() throws Exception {
    try {
      socket.abort();
    } finally {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      try (var files = Files.walk(profile)) {
        for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(f);
        }
      } catch (IOException ignored) {
        // a temp profile; Chromium may still be removing its own files
      }
    }
  }
}
