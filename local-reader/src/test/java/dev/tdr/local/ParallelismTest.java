package dev.tdr.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ParallelismTest {
  @Test
  void defaultsToTheCoresAndHonoursARequest() {
    assertThat(Parallelism.threads(null)).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(Parallelism.threads(3)).isEqualTo(3);
  }

  @Test
  void rejectsOutOfRangeValuesNamingTheSetting() {
    assertThatThrownBy(() -> Parallelism.threads(0))
        .hasMessage("parallelism must be between 1 and 256, got 0 (omit it to use every core)");
    assertThatThrownBy(() -> Parallelism.threads(1000)).hasMessageContaining("got 1000");
  }
}
