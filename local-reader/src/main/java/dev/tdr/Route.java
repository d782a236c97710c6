package dev.tdr;

import java.util.Locale;

/**
 * Where a query's rows are read: the route a caller asks for ({@code tdr query --via}, {@code
 * %%sql --via}, {@code \via}) and the route a result was read on ({@link QueryStats#route()},
 * never {@link #AUTO}). Written in lower case, as users type it.
 */
public enum Route {
  /** Chosen by size: {@link #LOCAL} up to the local threshold, else {@link #SPARK}. */
  AUTO,
  /** Into a DataFrame on this machine ({@link QueryResult#toDataFrame()}). */
  LOCAL,
  /** Over plain JDBC, row by row (for comparison; {@link Tdr#queryJdbc(String)}). */
  JDBC,
  /** With Spark, one input partition per part (for results above the local threshold). */
  SPARK;

  /** The route named {@code text}, in any case; an error listing the routes otherwise. */
  public static Route parse(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new dev.tdr.core.ConfigException("'" + text + "' is not a route; use auto, local, jdbc or spark");
    }
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
