package dev.tdr.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DataSizeTest {
  @Test
  void parsesTheSizesOfTheBenchmarkMatrix() {
    assertThat(DataSize.parseList("10mb, 300MB,1gb"))
        .extracting(DataSize::bytes)
        .containsExactly(10L << 20, 300L << 20, 1L << 30);
    assertThat(DataSize.parse("1.5kb").bytes()).isEqualTo(1536);
    assertThat(DataSize.parse("300MB").label()).isEqualTo("300mb");
  }

  @Test
  void rejectsWhatItCannotRead() {
    assertThatThrownBy(() -> DataSize.parse("big")).hasMessageContaining("not like 10mb");
    assertThatThrownBy(() -> DataSize.parseList(",")).hasMessageContaining("no sizes");
  }
}
