package dev.tdr.query;

import dev.tdr.core.Secrets;
import dev.tdr.core.TdrException;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Error text for people, the same on every route: the message of the TDR error behind a failure
 * (also when Spark wraps it in a job failure), or the SQLSTATE and message of a database error;
 * secrets removed, no stack trace.
 */
public final class Messages {
  /** What Spark says of a failed task: "... most recent failure: Lost task 0.0 in stage 1.0 (TID 1) (host executor driver): cls: message". */
  private static final Pattern SPARK_TASK = Pattern.compile(
      "most recent failure: Lost task [^\\n]*?\\): (?:[A-Za-z_$][\\w.$]*(?:Exception|Error): )?([^\\n]*)");

  private Messages() {}

  public static String describe(Throwable e) {
    return Secrets.scrub(text(e));
  }

  private static String text(Throwable e) {
    Throwable c = e;
    while (wrapper(c) && c.getCause() != null && c.getCause() != c) {
      if (spark(c)) {
        // Spark wraps the task's exception (in local mode, or when it could be sent back): name that.
        for (Throwable t = c.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
          if (t instanceof TdrException) {
            return message(t);
          }
        }
      }
      c = c.getCause();
    }
    if (c instanceof SQLException sql) {
      String state = sql.getSQLState() == null ? "" : " [SQLSTATE " + sql.getSQLState() + "]";
      return "database error" + state + ": " + strip(sql.getMessage());
    }
    String msg = message(c);
    if (msg.contains("Driver stacktrace:") || msg.contains("most recent failure: Lost task")) {
      // A Spark job failure whose cause did not travel back (a task on another executor): its one line.
      Matcher m = SPARK_TASK.matcher(msg);
      if (m.find()) {
        return "a Spark task failed: " + m.group(1).strip();
      }
      return msg.substring(0, msg.indexOf('\n') < 0 ? msg.length() : msg.indexOf('\n')).strip();
    }
    return msg;
  }

  /** Exceptions that only carry another one (Spark's job failures, futures, reflection). */
  private static boolean wrapper(Throwable e) {
    return spark(e) || e instanceof java.util.concurrent.ExecutionException
        || e instanceof java.util.concurrent.CompletionException
        || e instanceof java.lang.reflect.InvocationTargetException
        || e instanceof java.lang.reflect.UndeclaredThrowableException;
  }

  private static boolean spark(Throwable e) {
    return e.getClass().getName().startsWith("org.apache.spark.");
  }

  private static String message(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static String strip(String s) {
    if (s == null) {
      return "";
    }
    return s.strip();
  }
}
