package dev.tdr.core.read;

import dev.tdr.core.Column;
import java.math.BigDecimal;

/** DECIMAL(p,s) values with p &lt;= 18 held as unscaled longs at the column's scale s. */
final class Decimals {
  /** Unscaled values stay below this: 18 digits, so any of them times 10 still fits a long. */
  static final long LIMIT = 1_000_000_000_000_000_000L;

  private static final long[] POWERS = new long[19];

  static {
    POWERS[0] = 1;
    for (int i = 1; i < POWERS.length; i++) {
      POWERS[i] = POWERS[i - 1] * 10;
    }
  }

  private Decimals() {}

  /** 10^n for 0 &lt;= n &lt;= 18. */
  static long pow10(int n) {
    return POWERS[n];
  }

  /**
   * {@code v} as an unscaled long at {@code column}'s scale; fails if that would round it or it has
   * more than 18 digits there.
   */
  static long unscaled(BigDecimal v, Column column) {
    int scale = column.scale();
    if (v.scale() > scale) {
      BigDecimal stripped = v.stripTrailingZeros();
      if (stripped.scale() > scale) {
        throw new IllegalArgumentException("more than the column's " + scale + " decimal places");
      }
      v = stripped;
    }
    BigDecimal at = v.setScale(scale);
    if (at.unscaledValue().bitLength() > 63 || Math.abs(at.unscaledValue().longValue()) >= LIMIT) {
      throw new IllegalArgumentException("more than 18 digits");
    }
    return at.unscaledValue().longValue();
  }
}
