package dev.tdr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressTest {
  @Test
  void drawsOnOneLineAndClearsIt() {
    StringWriter sw = new StringWriter();
    Progress p = new Progress(new PrintWriter(sw, true));
    p.unloadFinished(1000, 4, 3 << 20, Duration.ofMillis(1500));
    p.partRead(2, 4, 1 << 20, 3 << 20);
    p.readFinished(1000, Duration.ofMillis(200));
    String s = sw.toString();
    assertThat(s).contains("\rUNLOAD done: 1,000 rows, 4 parts, 3.0 MB in 1.5s");
    assertThat(s).contains("\rreading [###############...............] 2/4 parts, 1.0 MB of 3.0 MB");
    assertThat(s).endsWith("\r");
    assertThat(s).doesNotContain("\n");
  }
}
