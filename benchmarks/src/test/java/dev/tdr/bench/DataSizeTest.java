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
    assertThat(DataSize.parse("1mrows")).isEqualTo(new DataSize("1mrows", -1, 1_000_000));
    assertThat(DataSize.parse("250krows").rows()).isEqualTo(250_000);
    assertThat(DataSize.parse("5000rows").bytes()).isEqualTo(-1);
  }

  @Test
  void rejectsWhatItCannotRead() {
    assertThatThrownBy(() -> DataSize.parse("big")).hasMessageContaining("not like 10mb, 300mb, 1gb or 1mrows");
    assertThatThrownBy(() -> DataSize.parseList(",")).hasMessageContaining("no sizes");
  }
}
