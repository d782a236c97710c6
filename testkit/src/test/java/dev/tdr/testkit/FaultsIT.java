package dev.tdr.testkit;

import static dev.tdr.testkit.Clients.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The fault injector, seen through the real SDK and driver. */
@ExtendWith(RedshiftEmulatorExtension.class)
class FaultsIT {

  private static S3Client noRetries(RedshiftEmulator emu, Duration attemptTimeout) {
    return Clients.s3(emu, b -> b.overrideConfiguration(o -> {
          o.retryStrategy(RetryMode.STANDARD).retryStrategy(r -> r.maxAttempts(1));
          if (attemptTimeout != null) {
            o.apiCallAttemptTimeout(attemptTimeout);
          }
        }));
  }

  private static String put(S3Client s3, RedshiftEmulator emu, String name, String body) {
    String k = key(emu.newTempPrefix()) + name;
    s3.putObject(b -> b.bucket(emu.bucket()).key(k), RequestBody.fromString(body));
    return k;
  }

  @Test
  void nextMatchingRequestsFailWithTheChosenStatus(RedshiftEmulator emu) {
    try (S3Client s3 = noRetries(emu, null)) {
      String part = put(s3, emu, "0000_part_00", "a,b\n");
      String other = put(s3, emu, "manifest", "{}");
      emu.faults().failS3(S3Operation.GET, "_part_\\d+$", 2, 503);
      assertThat(Clients.text(s3, emu.bucket(), other)).isEqualTo("{}");
      for (int i = 0; i < 2; i++) {
        assertThatThrownBy(() -> Clients.text(s3, emu.bucket(), part))
            .isInstanceOf(S3Exception.class)
            .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(503));
      }
      assertThat(Clients.text(s3, emu.bucket(), part)).isEqualTo("a,b\n");
    }
  }

  @Test
  void stalledRequestsTimeOutClients(RedshiftEmulator emu) {
    try (S3Client s3 = noRetries(emu, Duration.ofMillis(500))) {
      String part = put(s3, emu, "slow", "x");
      emu.faults().stallS3(S3Operation.ANY, "slow$", 1, Duration.ofSeconds(3));
      assertThatThrownBy(() -> Clients.text(s3, emu.bucket(), part))
          .isInstanceOf(ApiCallAttemptTimeoutException.class);
      assertThat(Clients.text(s3, emu.bucket(), part)).isEqualTo("x");
    }
  }

  @Test
  void failedS3WritesFailTheUnloadLikeRedshift(RedshiftEmulator emu) throws Exception {
    emu.faults().failS3(S3Operation.PUT, "_part_", 1, 500);
    try (Connection c = Clients.redshift(emu); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.execute(Clients.unload(emu, "select 1", emu.newTempPrefix(), "CSV")))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("S3ServiceException")
          .hasMessageContaining("Status 500")
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("XX000"));
      s.execute(Clients.unload(emu, "select 1", emu.newTempPrefix(), "CSV"));
    }
  }

  @Test
  void unloadFailsWithAChosenSqlState(RedshiftEmulator emu) throws Exception {
    emu.faults().failNextUnload("53100", "could not write to file: No space left on device");
    try (Connection c = Clients.redshift(emu); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.execute(Clients.unload(emu, "select 1", emu.newTempPrefix(), "CSV")))
          .hasMessageContaining("No space left on device")
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("53100"));
      s.execute(Clients.unload(emu, "select 1", emu.newTempPrefix(), "CSV"));
    }
    assertThatThrownBy(() -> emu.faults().failNextUnload("bad", "x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void delayedUnloadStillCompletes(RedshiftEmulator emu) throws Exception {
    emu.faults().delayNextUnload(Duration.ofMillis(1500));
    try (Connection c = Clients.redshift(emu); Statement s = c.createStatement()) {
      long t0 = System.nanoTime();
      s.execute(Clients.unload(emu, "select 1", emu.newTempPrefix(), "CSV"));
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
      assertThat(Clients.warning(s)).contains("1 record(s)");
    }
  }

  @Test
  void damagedPartsKeepATruthfulManifest(RedshiftEmulator emu) throws Exception {
    String query = "select g, 'value ' || g from generate_series(1, 100) g";
    emu.faults().damageNextUnload(PartDamage.truncate(1, 10));
    emu.faults().damageNextUnload(PartDamage.corrupt(0, 0, "\"".getBytes(StandardCharsets.UTF_8)));
    try (Connection c = Clients.redshift(emu); Statement s = c.createStatement(); S3Client s3 = Clients.s3(emu)) {
      String truncated = emu.newTempPrefix();
      s.execute(Clients.unload(emu, query, truncated, "CSV MANIFEST VERBOSE"));
      JsonNode m = new ObjectMapper().readTree(Clients.text(s3, emu.bucket(), key(truncated) + "manifest"));
      JsonNode second = m.get("entries").get(1);
      assertThat(second.at("/meta/content_length").asLong()).isGreaterThan(10);
      assertThat(Clients.bytes(s3, emu.bucket(), key(second.get("url").asText()))).hasSize(10);

      String corrupted = emu.newTempPrefix();
      s.execute(Clients.unload(emu, query, corrupted, "CSV MANIFEST VERBOSE"));
      String first = Clients.text(s3, emu.bucket(), key(corrupted) + "0000_part_00");
      assertThat(first).startsWith("\"").hasLineCount(25);
    }
  }

  @Test
  void storedObjectsCanBeTruncatedOrCorrupted(RedshiftEmulator emu) {
    try (S3Client s3 = Clients.s3(emu)) {
      String k = put(s3, emu, "obj", "0123456789");
      String uri = "s3://" + emu.bucket() + "/" + k;
      emu.faults().corruptObject(uri, 2, "ab".getBytes(StandardCharsets.UTF_8));
      assertThat(Clients.text(s3, emu.bucket(), k)).isEqualTo("01ab456789");
      emu.faults().truncateObject(uri, 4);
      assertThat(Clients.text(s3, emu.bucket(), k)).isEqualTo("01ab");
    }
  }
}
