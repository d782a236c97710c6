package dev.tdr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tdr emulator} as a user runs it: a separate process, stopped with SIGTERM. */
class EmulatorCommandIT {

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void printsSettingsServesClientsAndStopsCleanly(@TempDir Path dir) throws Exception {
    Path jar = Path.of("target", "tdr.jar").toAbsolutePath();
    assertThat(jar).exists();
    Path envFile = dir.resolve("tdr.env");
    int port = freePort();
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar.toString(), "emulator", "--port", String.valueOf(port), "--env-file", envFile.toString(),
        "--data-dir", dir.resolve("data").toString())
        .redirectError(dir.resolve("stderr.txt").toFile())
        .start();
    try {
      BufferedReader stdout = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      Map<String, String> env = new LinkedHashMap<>();
      for (int i = 0; i < 14; i++) {
        String line = stdout.readLine();
        assertThat(line).as(Files.readString(dir.resolve("stderr.txt"))).startsWith("export ");
        String[] kv = line.substring("export ".length()).split("=", 2);
        env.put(kv[0], kv[1].replaceAll("^'|'$", ""));
      }
      assertThat(env.keySet()).containsExactly("TDR_URL", "TDR_USER", "TDR_PASSWORD", "TDR_TEMPDIR",
          "TDR_S3_ENDPOINT", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION",
          "PGHOST", "PGPORT", "PGDATABASE", "PGUSER", "PGPASSWORD", "PGSSLMODE");
      // libpq's variables: plain psql connects after the env file is sourced
      assertThat(env).containsEntry("PGHOST", "127.0.0.1").containsEntry("PGPORT", String.valueOf(port))
          .containsEntry("PGDATABASE", "dev").containsEntry("PGUSER", env.get("TDR_USER"))
          .containsEntry("PGPASSWORD", env.get("TDR_PASSWORD")).containsEntry("PGSSLMODE", "disable");
      if (Files.isExecutable(Path.of("/usr/bin/psql"))) {
        ProcessBuilder psql = new ProcessBuilder("/usr/bin/psql", "-At", "-c", "select 6 * 7").redirectErrorStream(true);
        psql.environment().putAll(env);
        Process q = psql.start();
        String said = new String(q.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(q.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(said.strip()).as(said).isEqualTo("42");
      }
      assertThat(env.get("TDR_URL")).isEqualTo("jdbc:redshift://127.0.0.1:" + port + "/dev?ssl=false");
      assertThat(env.get("TDR_S3_ENDPOINT")).matches("http://127\\.0\\.0\\.1:\\d+");
      assertThat(env.get("TDR_TEMPDIR")).startsWith("s3://").endsWith("/");
      assertThat(Files.readAllLines(envFile)).hasSize(14).allMatch(l -> l.startsWith("export "));

      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int status = TdrCli.run(new String[] {"exec", "create table served (a int); insert into served values (7); "
          + "select a from served; UNLOAD ('select a from served') TO '" + env.get("TDR_TEMPDIR") + "x/' IAM_ROLE default CSV"},
          new PrintWriter(out, true), new PrintWriter(err, true), env);
      assertThat(status).as(err.toString()).isZero();
      assertThat(out.toString()).isEqualTo("a\n7\n");
      assertThat(err.toString()).contains("UNLOAD completed, 1 record(s) unloaded successfully.");

      p.destroy(); // SIGTERM
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isZero();
      assertThat(Files.readString(dir.resolve("stderr.txt"))).contains("Stopping the Redshift emulator");
      try (Socket s = new Socket()) {
        org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000))
            .isInstanceOf(java.net.ConnectException.class);
      }
      assertThat(List.of(dir.resolve("data").toFile().list())).contains("pg", "s3");
    } finally {
      p.destroyForcibly();
    }
  }
}
