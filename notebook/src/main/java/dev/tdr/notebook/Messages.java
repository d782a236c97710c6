package dev.tdr.notebook;

import dev.tdr.core.sql.SqlRedaction;
import java.sql.SQLException;

/** Error text for people: the SQLSTATE and message, secrets removed, no stack trace. */
public final class Messages {
  private Messages() {}

  public static String describe(Throwable e) {
    if (e instanceof SQLException sql) {
      String state = sql.getSQLState() == null ? "" : " [SQLSTATE " + sql.getSQLState() + "]";
      return "database error" + state + ": " + SqlRedaction.redact(strip(sql.getMessage()));
    }
    String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return SqlRedaction.redact(msg);
  }

  private static String strip(String s) {
    if (s == null) {
      return "";
    }
    return s.strip();
  }
}
