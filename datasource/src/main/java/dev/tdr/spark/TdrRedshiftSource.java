package dev.tdr.spark;

import org.apache.spark.sql.sources.DataSourceRegister;

/**
 * The Spark data source {@code tdr-redshift}. Reading arrives with the Spark connector; until
 * then the class is not registered with Spark's service loader, so {@code
 * spark.read.format("tdr-redshift")} is not yet available.
 */
public final class TdrRedshiftSource implements DataSourceRegister {
  /** The name used in {@code spark.read.format(...)}. */
  public static final String SHORT_NAME = "tdr-redshift";

  @Override
  public String shortName() {
    return SHORT_NAME;
  }
}
