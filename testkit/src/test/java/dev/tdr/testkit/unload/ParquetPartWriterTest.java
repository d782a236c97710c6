package dev.tdr.testkit.unload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class ParquetPartWriterTest {
  @Test
  void decimalsTakeTheNarrowestFixedWidth() {
    assertThat(ParquetPartWriter.width(1)).isEqualTo(1);
    assertThat(ParquetPartWriter.width(2)).isEqualTo(1);   // 99 <= 127
    assertThat(ParquetPartWriter.width(3)).isEqualTo(2);   // 999 > 127
    assertThat(ParquetPartWriter.width(9)).isEqualTo(4);
    assertThat(ParquetPartWriter.width(10)).isEqualTo(5);
    assertThat(ParquetPartWriter.width(18)).isEqualTo(8);  // as seen in Redshift's files: DECIMAL(18,2) in 8 bytes
    assertThat(ParquetPartWriter.width(19)).isEqualTo(9);
    assertThat(ParquetPartWriter.width(38)).isEqualTo(16);
  }

  @Test
  void int96HoldsNanosOfTheDayThenTheJulianDay() {
    ByteBuffer b = ByteBuffer.wrap(ParquetPartWriter.int96(0)).order(ByteOrder.LITTLE_ENDIAN); // 2000-01-01 00:00
    assertThat(b.getLong()).isZero();
    assertThat(b.getInt()).isEqualTo(2_451_545);
    // 1999-12-31 23:59:59.999999: the day before, one microsecond before midnight
    b = ByteBuffer.wrap(ParquetPartWriter.int96(-1)).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(b.getLong()).isEqualTo(86_399_999_999_000L);
    assertThat(b.getInt()).isEqualTo(2_451_544);
  }

  @Test
  void partitionValuesAreEscapedAsHiveEscapesPathNames() {
    assertThat(ParquetPartWriter.escape("ZZ Top")).isEqualTo("ZZ Top");
    assertThat(ParquetPartWriter.escape("a/b=c:d?%")).isEqualTo("a%2Fb%3Dc%3Ad%3F%25");
    assertThat(ParquetPartWriter.escape("tab\there\n")).isEqualTo("tab%09here%0A");
    assertThat(ParquetPartWriter.escape("Zürich 🎉")).isEqualTo("Zürich 🎉");
  }
}
