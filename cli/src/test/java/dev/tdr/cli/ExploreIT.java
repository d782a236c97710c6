package dev.tdr.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdr.testkit.RedshiftEmulator;
import dev.tdr.testkit.RedshiftEmulatorExtension;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./tdr explore} as a user runs it, looked at in a real browser (Debian's Chromium,
 * headless, over the DevTools protocol): the nteract data explorer with the result, its views,
 * the state it reports, the sample note, loopback only, Ctrl-C.
 */
@ExtendWith(RedshiftEmulatorExtension.class)
class ExploreIT {
  private static final Duration UI = Duration.ofSeconds(60);
  private static final Path SHOTS = Path.of("target", "explore");
  private static final String BAR = "button[title^=\"Bar charts\"]";

  @TempDir
  Path tmp;

  @BeforeAll
  static void fixture(RedshiftEmulator emu) throws Exception {
    try (Connection c = emu.backingConnection(); Statement s = c.createStatement()) {
      s.execute("drop table if exists explore_apps");
      s.execute("create table explore_apps (app varchar(20), hours numeric(10,2), views int)");
      s.execute("insert into explore_apps values ('roku', 120.50, 40), ('firetv', 80.25, 31), ('web', 12.00, 9),"
          + " ('ios <script>', 44.75, 17)");
    }
  }

  @Test
  void theResultInTheExplorerWithItsViews(RedshiftEmulator emu) throws Exception {
    Path out = tmp.resolve("explore.out");
    String sql = "select app, hours, views from explore_apps order by app";
    Process p = TdrProcess.start(emu.environment(), out, null, "explore", "--no-browser", sql);
    try {
      String url = awaitOutput(p, out, Pattern.compile("Exploring 4 rows at (http://127\\.0\\.0\\.1:(\\d+)/) \\(Ctrl-C to stop\\)"))
          .group(1);
      try (Browser b = Browser.start(1280, 900)) {
        b.open(url);
        assertThat(b.eval("document.title").asText()).startsWith("TDR explore: select app, hours, views");
        assertThat(b.eval("document.querySelector('header.tdr-query pre').textContent").asText()).isEqualTo(sql);
        b.await("document.querySelector('.dx-button-bar')", UI);
        // the grid first, every row (the markup in a value is text, not markup)
        b.await("document.querySelector('#tdr-explorer').innerText.includes('ios <script>')", UI);
        for (String app : List.of("roku", "firetv", "web")) {
          assertThat(b.eval("document.querySelector('#tdr-explorer').innerText").asText()).contains(app);
        }
        assertThat(b.eval("document.querySelectorAll('.dx-button-bar button').length").asInt()).isGreaterThanOrEqualTo(5);
        assertThat(b.eval("window.tdrExplorerMetadata.dx.view || 'grid'").asText()).isEqualTo("grid");

        b.eval("document.querySelector('" + BAR.replace("'", "\\'") + "').click()");
        b.await("window.tdrExplorerMetadata.dx && window.tdrExplorerMetadata.dx.view === 'bar'", UI);
        b.await(barOnScreen("document.getElementById('tdr-explorer')"), UI);
        assertThat(b.eval("JSON.stringify(window.tdrExplorerMetadata.dx.chart)").asText()).contains("\"metric1\":\"hours\"");
        b.screenshot(SHOTS.resolve("bar.png"));
        assertThat(Files.size(SHOTS.resolve("bar.png"))).isGreaterThan(10_000);
      }
      int port = Integer.parseInt(url.replaceAll(".*:(\\d+)/$", "$1"));
      for (InetAddress a : nonLoopbackAddresses()) {
        assertThatThrownBy(() -> {
          try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(a, port), 2000);
          }
        }).as("the page is served on 127.0.0.1 only, not on %s", a).isInstanceOf(java.io.IOException.class);
      }
    } finally {
      TdrProcess.signal(p, "INT");
      assertThat(p.waitFor(15, TimeUnit.SECONDS)).as("Ctrl-C stops tdr explore at once").isTrue();
    }
    assertThat(p.exitValue()).as("stopping the page is how it ends: status 0").isZero();
  }

  @Test
  void aSampleSaysSo(RedshiftEmulator emu) throws Exception {
    Path out = tmp.resolve("sample.out");
    Process p = TdrProcess.start(emu.environment(), out, null, "explore", "--no-browser", "--rows", "1000",
        "select g as n, g % 7 as bucket from generate_series(1, 1500) g");
    try {
      String url = awaitOutput(p, out, Pattern.compile("Exploring 1500 rows at (http://\\S+) ")).group(1);
      try (Browser b = Browser.start(1280, 900)) {
        b.open(url);
        assertThat(b.eval("document.querySelector('header .tdr-rows').textContent").asText())
            .startsWith("showing the first 1000 of 1500 rows");
        b.await("document.querySelector('#tdr-explorer').innerText.includes('This data is sampled')", UI);
      }
    } finally {
      TdrProcess.signal(p, "INT");
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
  }

  /**
   * JavaScript that is true when a bar of the chart in {@code explorer} (an expression) is shown:
   * the element at the middle of some rectangle of 20 by 20 pixels or more is that rectangle.
   */
  static String barOnScreen(String explorer) {
    return "Array.from(" + explorer + ".querySelectorAll('svg rect')).some(r => { const b = r.getBoundingClientRect();"
        + " return b.width >= 20 && b.height >= 20 && document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2) === r; })";
  }

  private static List<InetAddress> nonLoopbackAddresses() throws Exception {
    return NetworkInterface.networkInterfaces().filter(i -> {
      try {
        return i.isUp() && !i.isLoopback();
      } catch (java.net.SocketException e) {
        return false;
      }
    }).flatMap(NetworkInterface::inetAddresses).filter(a -> !a.isLinkLocalAddress()).toList();
  }

  /** Waits (on file changes) until the process's output has a line {@code pattern} finds something in. */
  static Matcher awaitOutput(Process p, Path out, Pattern pattern) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    try (java.nio.file.WatchService watch = out.getFileSystem().newWatchService()) {
      out.toAbsolutePath().getParent().register(watch, java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY,
          java.nio.file.StandardWatchEventKinds.ENTRY_CREATE);
      while (true) {
        String text = Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
        Matcher m = pattern.matcher(text);
        if (m.find()) {
          return m;
        }
        long left = deadline - System.nanoTime();
        if (!p.isAlive() || left <= 0) {
          throw new AssertionError("tdr " + (p.isAlive() ? "did not print" : "ended without printing") + " /" + pattern
              + "/; it printed:\n" + text);
        }
        java.nio.file.WatchKey key = watch.poll(Math.min(left, TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
        if (key != null) {
          key.pollEvents();
          key.reset();
        }
      }
    }
  }
}
