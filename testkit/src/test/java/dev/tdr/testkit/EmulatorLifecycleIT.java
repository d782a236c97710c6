package dev.tdr.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** Emulators of their own: persistence, fixed ports, an external warehouse, clean shutdown. */
@ExtendWith(RedshiftEmulatorExtension.class)
class EmulatorLifecycleIT {

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void dataDirKeepsTablesAndObjectsAcrossRestarts(@TempDir Path dir) throws Exception {
    int port = freePort();
    String prefix;
    try (RedshiftEmulator emu = RedshiftEmulator.builder().dataDir(dir).port(port).start()) {
      assertThat(emu.port()).isEqualTo(port);
      assertThat(emu.jdbcUrl()).isEqualTo("jdbc:redshift://127.0.0.1:" + port + "/dev?ssl=false");
      prefix = emu.newTempPrefix();
      try (Connection c = Clients.redshift(emu); Statement s = c.createStatement()) {
        s.execute("create table kept (a int)");
        s.execute("insert into kept values (42)");
        s.execute(Clients.unload(emu, "select a from kept", prefix, "CSV"));
      }
    }
    assertThat(Files.list(dir).map(p -> p.getFileName().toString())).contains("pg", "s3");
    try (RedshiftEmulator emu = RedshiftEmulator.builder().dataDir(dir).start();
        Connection c = Clients.redshift(emu); S3Client s3 = Clients.s3(emu)) {
      assertThat(Clients.rows(c, "select a from kept")).containsExactly(List.of("42"));
      assertThat(Clients.concatenated(s3, emu, prefix, true)).isEqualTo("42\n");
    }
  }

  @Test
  void anExistingPostgresCanBeTheWarehouse(RedshiftEmulator shared) throws Exception {
    try (RedshiftEmulator emu = RedshiftEmulator.builder()
        .warehouse(shared.backingJdbcUrl(), shared.user(), shared.password()).start();
        Connection c = Clients.redshift(emu); Statement s = c.createStatement(); S3Client s3 = Clients.s3(emu)) {
      assertThat(emu.user()).isEqualTo(shared.user());
      String prefix = emu.newTempPrefix();
      s.execute(Clients.unload(emu, "select 'via external', pg_last_unload_count()", prefix, "CSV"));
      assertThat(Clients.concatenated(s3, emu, prefix, true)).isEqualTo("via external,0\n");
      assertThat(Clients.rows(c, "select count(*) from svv_tables where table_name = 'pg_class'"))
          .containsExactly(List.of("1"));
    }
  }

  @Test
  void closingStopsEverything() throws Exception {
    RedshiftEmulator emu = RedshiftEmulator.builder().emptyUnload(EmptyUnload.EMPTY_PARTS).slices(2).start();
    int port = emu.port();
    try (Connection c = Clients.redshift(emu); S3Client s3 = Clients.s3(emu); Statement s = c.createStatement()) {
      String prefix = emu.newTempPrefix();
      s.execute(Clients.unload(emu, "select 1 where false", prefix, "CSV"));
      assertThat(Clients.keys(s3, emu.bucket(), Clients.key(prefix))).hasSize(2);
      assertThat(emu.openConnections()).isEqualTo(1);
    }
    emu.close();
    emu.close(); // idempotent
    assertThatThrownBy(() -> new java.net.Socket("127.0.0.1", port).close())
        .isInstanceOf(java.net.ConnectException.class);
  }

  @Test
  void builderRejectsBadSettings() {
    assertThatThrownBy(() -> RedshiftEmulator.builder().slices(0))
        .hasMessageContaining("slices must be 1..9999: 0");
    assertThatThrownBy(() -> RedshiftEmulator.builder().port(70000))
        .hasMessageContaining("port must be 0..65535: 70000");
  }

  @Test
  void toStringAndEnvironmentNameTheEndpoints(RedshiftEmulator emu) {
    assertThat(emu.toString()).contains(emu.jdbcUrl()).doesNotContain(emu.secretAccessKey(), emu.password());
    assertThat(emu.environment()).containsKeys("TDR_URL", "TDR_USER", "TDR_PASSWORD", "TDR_TEMPDIR",
        "TDR_S3_ENDPOINT", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION");
    assertThat(emu.environment().get("TDR_TEMPDIR")).isEqualTo("s3://tdr-emulator/tdr-temp/");
  }
}
