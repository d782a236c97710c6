package dev.tdr.notebook.profile;

/**
 * Statistics of a numeric column, computed on the values as doubles. NaN and ±Infinity are not
 * part of any statistic (min..skewness, zeros, negatives, histogram) but are counted in {@code
 * nanCount} and {@code infiniteCount}; with no finite value the double statistics are NaN.
 *
 * @param finiteCount the number of finite values the statistics are over
 * @param min the smallest finite value
 * @param max the largest finite value
 * @param minText the smallest finite value as its original display text (exact for BigDecimal and
 *     long; e.g. {@code 1.0} for a Double), or null without finite values
 * @param maxText likewise for the largest
 * @param mean the arithmetic mean
 * @param std the sample standard deviation (divisor n - 1); NaN for fewer than 2 values
 * @param p5 the 5% quantile, by linear interpolation between the closest ranks (numpy's default:
 *     h = (n - 1) q, x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h]) on sorted x)
 * @param p25 the 25% quantile
 * @param p50 the median
 * @param p75 the 75% quantile
 * @param p95 the 95% quantile
 * @param zeros finite values equal to zero
 * @param negatives finite values below zero
 * @param skewness the adjusted Fisher-Pearson skewness G1 = sqrt(n(n-1))/(n-2) · m3/m2^1.5 with
 *     m_k = Σ(x - mean)^k / n (as pandas' {@code skew()}); 0 when all values are equal, NaN for
 *     fewer than 3 values
 * @param nanCount NaN values
 * @param infiniteCount +Infinity and -Infinity values
 * @param histogram equal-width bins over the finite values; an integer column uses no more bins
 *     than max - min + 1
 */
public record NumericStats(
    long finiteCount,
    double min,
    double max,
    String minText,
    String maxText,
    double mean,
    double std,
    double p5,
    double p25,
    double p50,
    double p75,
    double p95,
    long zeros,
    long negatives,
    double skewness,
    long nanCount,
    long infiniteCount,
    Histogram histogram) {}
