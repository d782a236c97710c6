package dev.tdr.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Runs the statements of a {@code .sql} file on Spark, one after the other, and prints the rows
 * of each statement that returns any, tab-separated, as {@code spark-sql -f FILE} does. For
 * where the {@code spark-sql} command is missing (it needs {@code spark-hive-thriftserver}):
 *
 * <pre>{@code
 * spark-submit --master spark://host:7077 --jars tdr-datasource-<version>-spark.jar \
 *     --class dev.tdr.cluster.RunSqlFile tdr-spark-cluster-<version>.jar query.sql
 * }</pre>
 *
 * <p>Spark substitutes {@code ${env:NAME}} in each statement (settings kept out of the file).
 * The first failing statement stops the run with exit status 1.
 */
public final class RunSqlFile {
  private RunSqlFile() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: RunSqlFile FILE.sql");
      System.exit(2);
    }
    Path file = Path.of(args[0]);
    List<String> statements = statements(Files.readString(file));
    SparkSession spark = SparkSession.builder().appName("sql " + file.getFileName()).getOrCreate();
    int n = 0;
    try {
      for (String sql : statements) {
        n++;
        // the job description is what Spark's UI and event log show: the statement's place, not its text
        spark.sparkContext().setJobDescription(file.getFileName() + " statement " + n);
        Dataset<Row> result = spark.sql(sql);
        for (Row r : result.collectAsList()) {
          StringBuilder line = new StringBuilder();
          for (int i = 0; i < r.length(); i++) {
            line.append(i == 0 ? "" : "\t").append(r.isNullAt(i) ? "NULL" : String.valueOf(r.get(i)));
          }
          System.out.println(line);
        }
      }
    } catch (RuntimeException e) {
      System.err.println("statement " + n + " of " + file + " failed: " + e.getMessage());
      spark.stop();
      System.exit(1);
    }
    spark.stop();
  }

  /**
   * The statements of a SQL text, split at the {@code ;} outside quotes ({@code '...'}, {@code
   * "..."}, {@code `...`}, with backslash escapes in strings) and comments ({@code --} and
   * {@code /* *\/}); comments are kept, empty statements dropped.
   */
  static List<String> statements(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\'' || c == '"' || c == '`') {
        int end = i + 1;
        while (end < text.length() && text.charAt(end) != c) {
          end += c != '`' && text.charAt(end) == '\\' ? 2 : 1;
        }
        end = Math.min(end + 1, text.length());
        cur.append(text, i, end);
        i = end;
      } else if (c == '-' && text.startsWith("--", i)) {
        int end = text.indexOf('\n', i);
        end = end < 0 ? text.length() : end;
        cur.append(text, i, end);
        i = end;
      } else if (c == '/' && text.startsWith("/*", i)) {
        int end = text.indexOf("*/", i + 2);
        end = end < 0 ? text.length() : end + 2;
        cur.append(text, i, end);
        i = end;
      } else if (c == ';') {
        add(out, cur);
        cur.setLength(0);
        i++;
      } else {
        cur.append(c);
        i++;
      }
    }
    add(out, cur);
    return out;
  }

  private static void add(List<String> out, StringBuilder statement) {
    String s = statement.toString().strip();
    // a statement of comments only is not one
    String code = s.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("--[^\n]*", "").strip();
    if (!code.isEmpty()) {
      out.add(s);
    }
  }
}
