package dev.tdr;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Helpers for looking at the emulator's backing database from tests. */
final class Clients {
  private Clients() {}

  /** Active statements (other than this one) whose text contains {@code fragment}. */
  static int activeCount(Connection backing, String fragment) throws SQLException {
    try (Statement s = backing.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from pg_stat_activity where state = 'active' "
            + "and pid <> pg_backend_pid() and query like '%" + fragment.replace("'", "''") + "%'")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
