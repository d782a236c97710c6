package dev.tdr.spark;

import org.apache.spark.sql.SparkSession;

/** The local Spark the connector's tests run on: loopback only, no UI, java.time values, UTC. */
final class LocalSpark {
  private LocalSpark() {}

  /** A builder for {@code master} (e.g. {@code local[2]}), to add settings to before {@code getOrCreate()}. */
  static SparkSession.Builder builder(String master, String appName) {
    return SparkSession.builder().master(master).appName(appName)
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.datetime.java8API.enabled", "true")
        .config("spark.sql.session.timeZone", "UTC");
  }
}
