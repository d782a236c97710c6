package dev.tdr.spark;

import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * The Spark data source {@code tdr-redshift}: a query (or table) is UNLOADed once per scan and
 * each part becomes an input partition that executors read straight from S3.
 *
 * <pre>{@code
 * Dataset<Row> df = spark.read().format("tdr-redshift")
 *     .option("url", url).option("user", user).option("password", password)
 *     .option("query", "select * from events").option("tempdir", "s3://bucket/tmp/")
 *     .option("aws_iam_role", role)
 *     .load();
 * }</pre>
 *
 * <p>Options: {@link TdrSparkOptions}. This class loads with nothing but Spark on the classpath.
 */
public final class TdrRedshiftSource implements TableProvider, DataSourceRegister {
  /** The name used in {@code spark.read.format(...)}. */
  public static final String SHORT_NAME = "tdr-redshift";

  @Override
  public String shortName() {
    return SHORT_NAME;
  }

  /**
   * The table {@link #inferSchema} described, with the options it was described for: Spark asks
   * for the schema and then for the table with that schema on the same provider instance (one per
   * {@code load()}), and describing the query twice would cost a second connection.
   */
  private volatile Inferred inferred;

  private record Inferred(Map<String, String> options, TdrTable table) {}

  @Override
  public StructType inferSchema(CaseInsensitiveStringMap options) {
    TdrTable table = TdrTable.create(SparkSession.active(), TdrSparkOptions.parse(options), null);
    inferred = new Inferred(Map.copyOf(options.asCaseSensitiveMap()), table);
    return table.schema();
  }

  @Override
  public boolean supportsExternalMetadata() {
    return true;
  }

  @Override
  public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
    Inferred i = inferred;
    if (i != null) {
      inferred = null;
      if (i.table().schema().equals(schema) && i.options().equals(properties)) {
        return i.table();
      }
    }
    return TdrTable.create(SparkSession.active(), TdrSparkOptions.parse(properties), schema);
  }
}
