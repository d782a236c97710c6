package dev.tdr.core.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdr.core.ConfigException;
import dev.tdr.core.TdrConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ConnectionsTest {
  @Test
  void tdrsDefaultsThenTheConfigurationThenTheCallersOverrides() {
    TdrConfig config = TdrConfig.builder().url("jdbc:redshift://h:5439/dev").user("u").password("pw")
        .driverProperty("ssl", "false").build();
    Properties p = Connections.properties(config, Map.of());
    assertThat(p).containsEntry("enableFetchRingBuffer", "false").containsEntry("user", "u")
        .containsEntry("password", "pw").containsEntry("ssl", "false");
    TdrConfig ringBuffer = TdrConfig.builder().url("jdbc:redshift://h:5439/dev").driverProperty("enableFetchRingBuffer", "true").build();
    assertThat(Connections.properties(ringBuffer, Map.of())).containsEntry("enableFetchRingBuffer", "true");
    assertThat(Connections.properties(ringBuffer, Map.of("enableFetchRingBuffer", "false")))
        .containsEntry("enableFetchRingBuffer", "false");
  }

  @Test
  void noUrlIsAConfigurationErrorNamingTheSetting() {
    assertThatThrownBy(() -> TdrConfig.builder().build()) // the configuration already says so
        .isInstanceOf(ConfigException.class).hasMessageContaining("TDR_URL");
  }

  /** One place opens connections: no other production source calls DriverManager. */
  @Test
  void onlyTheFactoryCallsDriverManager() throws IOException {
    Path root = Path.of("..").toAbsolutePath().normalize();
    List<String> offenders;
    try (Stream<Path> files = Files.walk(root)) {
      offenders = files
          .filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/java/"))
          .filter(f -> !f.toString().contains("/target/") && !f.toString().contains("/.git/"))
          // the emulator's own connections to its backing PostgreSQL are not connections to Redshift
          .filter(f -> !root.relativize(f).startsWith("testkit"))
          .filter(f -> !f.getFileName().toString().equals("Connections.java"))
          .filter(f -> read(f).contains("DriverManager"))
          .map(f -> root.relativize(f).toString())
          .toList();
    }
    assertThat(Files.isDirectory(root.resolve("cli/src/main/java"))).as("run from a module of the project").isTrue();
    assertThat(offenders).isEmpty();
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
