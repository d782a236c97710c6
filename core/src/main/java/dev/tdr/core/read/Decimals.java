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

  /** {@code v} at {@code scale}, exactly; more decimal places than that is an error. */
  static BigDecimal atScale(BigDecimal v, int scale) {
    if (v.scale() == scale) {
      return v;
    }
    if (v.scale() > scale) {
      BigDecimal stripped = v.stripTrailingZeros();
      if (stripped.scale() > scale) {
        throw new IllegalArgumentException("more than the column's " + scale + " decimal places");
      }
      v = stripped;
    }
    return v.setScale(scale);
  }

  /** The unscaled value of {@code v} if it has at most 18 digits, else Long.MIN_VALUE. */
  static long unscaledOrMin(BigDecimal v) {
    java.math.BigInteger u = v.unscaledValue();
    if (u.bitLength() > 63) {
      return Long.MIN_VALUE;
    }
    long x = u.longValue();
    return x > -LIMIT && x < LIMIT ? x : Long.MIN_VALUE;
  }
}
