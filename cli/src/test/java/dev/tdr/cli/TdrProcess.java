package dev.tdr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code ./tdr} in a process of its own, as a user runs it, with signals it can receive. */
final class TdrProcess {
  private TdrProcess() {}

  /**
   * Starts {@code ./tdr args} with {@code env}; stdout to {@code out}, stderr to {@code err} (or
   * into {@code out} when null). SIGINT and SIGTERM are reset to their defaults first: a shell
   * that started the build in the background may have left them ignored.
   */
  static Process start(Map<String, String> env, Path out, Path err, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("env", "--default-signal=INT,TERM",
        Path.of("..", "tdr").toAbsolutePath().normalize().toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile());
    if (err == null) {
      pb.redirectErrorStream(true);
    } else {
      pb.redirectError(err.toFile());
    }
    pb.environment().putAll(env);
    return pb.start();
  }

  /** Sends signal {@code name} ("INT", "TERM", "KILL") to {@code p}. */
  static void signal(Process p, String name) throws Exception {
    assertThat(new ProcessBuilder("kill", "-" + name, String.valueOf(p.pid())).start().waitFor()).isZero();
  }
}
