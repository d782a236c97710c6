package dev.tdr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmulatorCommandTest {

  @Test
  void exportLinesAreShellSafe() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("TDR_URL", "jdbc:redshift://127.0.0.1:5439/dev?ssl=false");
    env.put("TDR_USER", "awsuser");
    env.put("WEIRD", "it's $HOME `x`");
    assertThat(EmulatorCommand.exports(env)).isEqualTo(
        "export TDR_URL='jdbc:redshift://127.0.0.1:5439/dev?ssl=false'\n"
            + "export TDR_USER=awsuser\n"
            + "export WEIRD='it'\\''s $HOME `x`'\n");
  }

  @Test
  void badOptionsNameTheOptionAndTheFix() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = TdrCli.run(new String[] {"emulator", "--slices", "0"}, new PrintWriter(out), new PrintWriter(err), Map.of());
    assertThat(status).isEqualTo(TdrCli.USAGE);
    assertThat(err.toString()).contains("--slices must be between 1 and 9999, got 0");

    err.getBuffer().setLength(0);
    status = TdrCli.run(new String[] {"emulator", "--empty-unload", "sometimes"}, new PrintWriter(out), new PrintWriter(err), Map.of());
    assertThat(status).isEqualTo(TdrCli.USAGE);
    assertThat(err.toString()).contains("--empty-unload").contains("NO_FILES, EMPTY_PARTS");
  }

  @Test
  void helpListsTheCommands() {
    StringWriter out = new StringWriter();
    int status = TdrCli.run(new String[] {"--help"}, new PrintWriter(out), new PrintWriter(new StringWriter()), Map.of());
    assertThat(status).isZero();
    assertThat(out.toString()).contains("emulator", "exec");
  }
}
