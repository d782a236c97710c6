package dev.tdr.core.unload;

import dev.tdr.core.TdrConfig;

/**
 * Reads an unloaded result as a distributed dataset: the service by which {@code
 * QueryResult.toDataset(spark)} reaches the Spark connector without naming it (the connector,
 * {@code tdr-datasource}, registers one in {@code META-INF/services}). {@code core/} stays free
 * of Spark: the session and the dataset are passed as {@code Object}.
 */
public interface DatasetProvider {
  /**
   * The parts of {@code unloaded} as a dataset of {@code session} (a {@code SparkSession} for the
   * Spark connector); an {@link IllegalArgumentException} if {@code session} is not one this
   * provider reads with.
   */
  Object dataset(Object session, Unloaded unloaded, TdrConfig config);
}
