package dev.tdr;

/** Where a result is read. */
public enum Route {
  /** Into a DataFrame on this machine ({@link QueryResult#toDataFrame()}). */
  LOCAL,
  /** With Spark, one input partition per part (for results above the local threshold). */
  SPARK,
  /** Over plain JDBC, row by row (for comparison; {@link Tdr#queryJdbc(String)}). */
  JDBC
}
