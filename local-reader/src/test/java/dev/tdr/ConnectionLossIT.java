package dev.tdr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdr.core.TdrConfig;
import dev.tdr.core.TdrException;
import dev.tdr.core.UnloadFailedException;
import dev.tdr.core.s3.PartStore;
import dev.tdr.core.s3.S3Uri;
import dev.tdr.testkit.RedshiftEmulator;
import dev.tdr.testkit.RedshiftEmulatorExtension;
import dev.tdr.testkit.TcpProxy;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The connection to the cluster is lost (a TCP reset) while the UNLOAD runs: a clear error, no
 * result, the UNLOAD stopped on the server and nothing left in S3.
 */
@ExtendWith(RedshiftEmulatorExtension.class)
class ConnectionLossIT {
  private static final String WRITING = "select g, repeat('x', 300) as pad from generate_series(1, 3000000) g";

  private static boolean active(RedshiftEmulator emu) {
    return !emu.runningStatements("repeat('x', 300)").isEmpty();
  }

  private static List<String> tempObjects(TdrConfig config) {
    try (PartStore store = PartStore.create(config, 1)) {
      return store.list(S3Uri.parse(config.tempDir()));
    }
  }

  /** Waits up to 2 minutes for {@code condition} (polling, with a deadline). */
  private static void await(String what, BooleanSupplier condition) {
    long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(end);
      java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
    }
  }

  @Test
  void aConnectionLostDuringTheUnloadIsAnErrorAndLeavesNothing(RedshiftEmulator emu) throws Exception {
    try (TcpProxy proxy = TcpProxy.start("127.0.0.1", emu.port())) {
      TdrConfig config = TdrConfig.builderFromEnvironment(emu.environment())
          .url("jdbc:redshift://127.0.0.1:" + proxy.port() + "/" + emu.database() + "?ssl=false").build();
      try (Tdr tdr = Tdr.connect(config)) {
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> {
          try (QueryResult r = tdr.query(WRITING)) {
            return r.toDataFrame().height();
          }
        });
        await("the UNLOAD to write parts", () -> tempObjects(config).stream().anyMatch(k -> k.contains("_part_")));
        proxy.cut();
        Throwable failure = null;
        try {
          run.get(2, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
          failure = e.getCause();
        }
        assertThat(failure).isInstanceOf(UnloadFailedException.class)
            .hasMessageContaining("the connection to the cluster was lost during the UNLOAD")
            .hasMessageContaining("08006")
            .hasMessageContaining("no result was returned; the UNLOAD's session was terminated on the server");
        assertThat(((TdrException) failure).getMessage()).doesNotContain(emu.secretAccessKey());
      }
      await("the UNLOAD to stop on the server", () -> !active(emu));
      assertThat(tempObjects(config)).isEmpty();
    }
  }

  @Test
  void aClusterThatCannotBeReachedIsAnErrorBeforeAnythingIsWritten(RedshiftEmulator emu) {
    try (TcpProxy proxy = TcpProxy.start("127.0.0.1", emu.port())) {
      proxy.refuse(true);
      TdrConfig config = TdrConfig.builderFromEnvironment(emu.environment())
          .url("jdbc:redshift://127.0.0.1:" + proxy.port() + "/" + emu.database() + "?ssl=false").build();
      try (Tdr tdr = Tdr.connect(config)) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tdr.query("select 1"))
            .isInstanceOf(TdrException.class).hasMessageContaining("cannot connect to jdbc:redshift://127.0.0.1:" + proxy.port());
      }
      assertThat(tempObjects(config)).isEmpty();
    }
  }
}
