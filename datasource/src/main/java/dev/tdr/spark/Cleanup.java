package dev.tdr.spark;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.execution.adaptive.QueryStageExec;
import org.apache.spark.sql.execution.datasources.v2.BatchScanExec;
import org.apache.spark.sql.util.QueryExecutionListener;

/**
 * Deletes a scan's UNLOAD files when the Spark query that read them ends (success or failure):
 * a listener on the session looks for tdr-redshift scans in the query's physical plan. Scans
 * inside a cached relation ({@code .cache()}) are left alone (Spark may recompute them from the
 * files), as are scans of queries that never ran (e.g. only explained): those are deleted when
 * the JVM exits. If the driver dies, the files stay: give the temp dir an S3 lifecycle rule.
 */
final class Cleanup implements QueryExecutionListener {
  private static final Map<SparkSession, Boolean> REGISTERED = Collections.synchronizedMap(new WeakHashMap<>());
  private static final Set<TdrScan> PENDING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      for (TdrScan s : PENDING) {
        s.cleanup();
      }
    }, "tdr-redshift-cleanup"));
  }

  private Cleanup() {}

  /** Remembers {@code scan} and makes sure {@code spark} reports its query ends to us. */
  static void register(SparkSession spark, TdrScan scan) {
    PENDING.add(scan);
    if (REGISTERED.putIfAbsent(spark, Boolean.TRUE) == null) {
      spark.listenerManager().register(new Cleanup());
    }
  }

  @Override
  public void onSuccess(String funcName, QueryExecution qe, long durationNs) {
    cleanup(qe);
  }

  @Override
  public void onFailure(String funcName, QueryExecution qe, Exception exception) {
    cleanup(qe);
  }

  private static void cleanup(QueryExecution qe) {
    visit(qe.executedPlan());
  }

  private static void visit(SparkPlan p) {
    if (p instanceof BatchScanExec b && b.scan() instanceof TdrScan s) {
      s.cleanup();
      PENDING.remove(s);
    }
    if (p instanceof AdaptiveSparkPlanExec a) {
      visit(a.executedPlan());
    }
    if (p instanceof QueryStageExec q) {
      visit(q.plan());
    }
    scala.collection.Iterator<SparkPlan> children = p.children().iterator();
    while (children.hasNext()) {
      visit(children.next());
    }
    scala.collection.Iterator<SparkPlan> subqueries = p.subqueries().iterator();
    while (subqueries.hasNext()) {
      visit(subqueries.next());
    }
  }
}
