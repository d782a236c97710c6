package dev.tdr.core.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fast number paths give exactly what the JDK's parsers give. */
class ValueParserTest {

  @Test
  void decimalsEqualTheGeneralParserIncludingScale() {
    List<String> cases = new ArrayList<>(List.of("0", "-0", "-0.00", "0.0000000001", "123.", ".5", "+1.50", "-7",
        "999999999999999999", "-999999999999999999", "9999999999999999999", "1234567890123456789012345678.0123456789",
        "1e5", "-1.5E-3", "12.50", "00012.3400"));
    SplittableRandom r = new SplittableRandom(42);
    for (int i = 0; i < 20_000; i++) {
      long unscaled = r.nextLong() >> r.nextInt(64);
      cases.add(BigDecimal.valueOf(unscaled, r.nextInt(0, 20)).toPlainString());
    }
    for (String s : cases) {
      BigDecimal expected = new BigDecimal(s);
      BigDecimal got = ValueParser.parseDecimal(s);
      assertThat(got).as(s).isEqualTo(expected); // equals compares the scale too
    }
    for (String bad : new String[] {"", "-", ".", "1.2.3", "abc", "1-2", "--1"}) {
      assertThatThrownBy(() -> ValueParser.parseDecimal(bad)).as(bad).isInstanceOf(NumberFormatException.class);
    }
  }

  @Test
  void doublesAndFloatsEqualTheJdkBitForBit() {
    List<String> cases = new ArrayList<>(List.of("0", "-0", "1.7976931348623157E308", "4.9E-324", "2.2250738585072014E-308",
        "12345.142857142857", "0.1", "-3.4028235E38", "1.0E-45", "123456789012345678901234567890", "5e-324", "1e23"));
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 50_000; i++) {
      cases.add(String.valueOf(Double.longBitsToDouble(r.nextLong())));
      cases.add(String.valueOf(r.nextInt(100000) / 7.0));
    }
    for (String s : cases) {
      if (s.contains("NaN") || s.contains("Infinity")) {
        continue;
      }
      assertThat(Double.doubleToRawLongBits(ValueParser.parseDouble(s))).as(s)
          .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(s)));
      assertThat(Float.floatToRawIntBits(ValueParser.parseFloat(s))).as(s)
          .isEqualTo(Float.floatToRawIntBits(Float.parseFloat(s)));
    }
    assertThat(ValueParser.parseDouble("NaN")).isNaN();
    assertThat(ValueParser.parseDouble("-Infinity")).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(ValueParser.parseFloat("infinity")).isEqualTo(Float.POSITIVE_INFINITY);
    assertThatThrownBy(() -> ValueParser.parseDouble("1,5")).isInstanceOf(NumberFormatException.class);
  }
}
