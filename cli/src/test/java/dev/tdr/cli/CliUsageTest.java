package dev.tdr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line as a new user meets it: usage errors, help, versions, names. No database needed. */
class CliUsageTest {
  private final CliRun cli = new CliRun();

  /** Every command, as typed. */
  private static List<String[]> commands() {
    List<String[]> out = new ArrayList<>();
    out.add(new String[0]);
    collect(new CommandLine(new TdrCli(Map.of())), new ArrayList<>(), out);
    return out;
  }

  private static void collect(CommandLine cmd, List<String> path, List<String[]> out) {
    for (var e : cmd.getSubcommands().entrySet()) {
      if (e.getKey().equals("help") || e.getKey().equals("jmh")) {
        continue; // jmh hands every option, --help too, to JMH (which exits the JVM)
      }
      List<String> p = new ArrayList<>(path);
      p.add(e.getKey());
      out.add(p.toArray(String[]::new));
      collect(e.getValue(), p, out);
    }
  }

  @Test
  void aUsageErrorIsOneLineAndWhereTheHelpIs() {
    assertThat(cli.run(Map.of(), "query", "--format", "table", "--bogus", "select 1")).isEqualTo(TdrCli.USAGE);
    assertThat(cli.err.toString()).isEqualTo("tdr query: unknown option: '--bogus'\nsee 'tdr query --help'\n");
    assertThat(cli.out.toString()).isEmpty();

    assertThat(cli.run(Map.of(), "query", "--var", "x", "select 1")).isEqualTo(TdrCli.USAGE);
    assertThat(cli.err.toString()).startsWith("tdr query: value for '--var'").doesNotContain("option option")
        .endsWith("\nsee 'tdr query --help'\n");

    assertThat(cli.run(Map.of(), "snippets", "show")).isEqualTo(TdrCli.USAGE);
    assertThat(cli.err.toString()).startsWith("tdr snippets show: missing required parameter: 'NAME'")
        .contains("see 'tdr snippets show --help'");
  }

  @Test
  void enumValuesAreCaseInsensitive() {
    // --empty-unload as the docs spell it (no_files), a route in capitals; the error is the next check's
    assertThat(cli.run(Map.of(), "emulator", "--empty-unload", "no_files", "--slices", "0")).isEqualTo(TdrCli.USAGE);
    assertThat(cli.err.toString()).contains("--slices must be between 1 and 9999").doesNotContain("--empty-unload");
    assertThat(cli.run(Map.of("TDR_URL", "jdbc:redshift://127.0.0.1:1/dev"), "query", "--via", "LOCAL", "--format",
        "TABLE", "--file", "/no/such/file.sql")).isEqualTo(TdrCli.USAGE);
    assertThat(cli.err.toString()).startsWith("tdr query: --file /no/such/file.sql: no such file");
  }

  @Test
  void filesAreNamedWithTheReasonBeforeAnyQueryRuns(@TempDir Path dir) throws Exception {
    Map<String, String> env = Map.of("TDR_URL", "jdbc:redshift://127.0.0.1:1/dev", "TDR_TEMPDIR", "s3://b/t/");
    assertThat(cli.run(env, "query", "--file", dir.toString())).isEqualTo(TdrCli.USAGE);
    assertThat(cli.err.toString()).startsWith("tdr query: --file " + dir + ": is a directory");
    Path html = dir.resolve("missing").resolve("p.html");
    assertThat(cli.run(env, "profile", "--html", html.toString(), "select 1")).isEqualTo(TdrCli.USAGE);
    assertThat(cli.err.toString()).startsWith("tdr profile: --html " + html + ": no such directory " + html.getParent())
        .doesNotContain("cannot connect"); // checked before the query (whose connection would fail)
    Files.createDirectories(dir.resolve("adir.html"));
    assertThat(cli.run(env, "profile", "--html", dir.resolve("adir.html").toString(), "select 1")).isEqualTo(TdrCli.USAGE);
    assertThat(cli.err.toString()).contains(": is a directory");
  }

  @Test
  void helpFitsEightyColumnsWithWholeExamplesAndOnlyTheOptionsACommandUses() {
    for (String[] command : commands()) {
      String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(command), java.util.stream.Stream.of("--help"))
          .toArray(String[]::new);
      assertThat(cli.run(Map.of(), args)).as(String.join(" ", args)).isZero();
      for (String line : cli.out.toString().split("\n")) {
        assertThat(line.length()).as("%s: %s", String.join(" ", args), line).isLessThanOrEqualTo(80);
        if (line.contains("./tdr ")) {
          // an example is whole on its line: its quotes close, or it continues with a backslash
          long quotes = line.chars().filter(c -> c == '\'').count();
          assertThat(quotes % 2 == 0 || line.endsWith("\\")).as(line).isTrue();
          assertThat(line).as("examples are indented, one per line").startsWith("  ");
        }
      }
      if (command.length > 0) {
        assertThat(cli.out.toString()).as(String.join(" ", args)).doesNotContain("--version");
      }
    }
    cli.run(Map.of(), "catalog", "search", "--help");
    assertThat(cli.out.toString()).contains("--url", "--catalog").doesNotContain("--tempdir", "--local-threshold",
        "--snippets");
    cli.run(Map.of(), "exec", "--help");
    assertThat(cli.out.toString()).contains("--url").doesNotContain("--local-threshold", "--catalog");
  }

  @Test
  void versionIsTheBuildsVersion() {
    assertThat(cli.run(Map.of(), "-V")).isZero();
    assertThat(cli.out.toString()).matches("tdr \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(Java \\d+\\)\n");
  }

  @Test
  void aBusyPortIsNamed() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int port = taken.getLocalPort();
      assertThat(cli.run(Map.of(), "emulator", "--port", String.valueOf(port))).isEqualTo(TdrCli.USAGE);
      assertThat(cli.err.toString()).startsWith("tdr emulator: --port " + port + ": the port is in use");
    }
  }

  @Test
  void engineAdviceIsGivenInCommandLineWords() {
    assertThat(CliWords.of("needs about 900 MB of heap but only 100 MB is free: give the JVM more (-Xmx), read it with"
        + " Spark (QueryResult.toDataset, --via spark), or lower TDR_LOCAL_THRESHOLD"))
        .contains("TDR_JAVA_OPTS=-Xmx16g", "(--via spark)").doesNotContain("toDataset", "(-Xmx)");
    assertThat(CliWords.of("no table 'x' in the catalog; closest: y; try search(\"x\"), or refresh() if it was created"
        + " since the catalog was read")).isEqualTo("no table 'x' in the catalog; closest: y; try: tdr catalog search x");
    assertThat(CliWords.outOfMemory()).contains("TDR_JAVA_OPTS");
    assertThat(cli.run(Map.of(), "query", "select 1")).isEqualTo(TdrCli.USAGE);
    assertThat(cli.err.toString()).isEqualTo("tdr query: missing setting TDR_URL (set $TDR_URL, pass --url, or put 'url'"
        + " in the $TDR_CONFIG file), e.g. jdbc:redshift://host:5439/dev\n");
  }
}
