package dev.tdr.testkit.warehouse;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import dev.tdr.core.sql.SqlScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL database behind the emulator: an embedded server (C collation, UTC, Redshift's
 * string-literal rules) or an existing server given by URL. Either way it gets the emulator's
 * Redshift objects: the VARBYTE, SUPER and GEOMETRY types, {@code pg_last_unload_count()}, and
 * the {@code SVV_TABLES}, {@code SVV_COLUMNS}, {@code SVV_ALL_COLUMNS} views, in schema {@code
 * tdr_redshift}, which is on the database's search path.
 */
public final class Warehouse implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Warehouse.class);
  /** Schema holding the emulator's Redshift objects. */
  public static final String SCHEMA = "tdr_redshift";

  private final EmbeddedPostgres embedded;
  private final String host;
  private final int port;
  private final String database;
  private final String user;
  private final String password;
  private int varbyteOid;
  private int superOid;
  private int geometryOid;

  private Warehouse(EmbeddedPostgres embedded, String host, int port, String database, String user,
      String password) {
    this.embedded = embedded;
    this.host = host;
    this.port = port;
    this.database = database;
    this.user = user;
    this.password = password;
  }

  /**
   * Starts an embedded PostgreSQL with a superuser {@code user} (password-checked over TCP) and a
   * database {@code database}.
   *
   * @param dataDir where the cluster lives (kept across restarts), or null for a fresh one
   */
  public static Warehouse embedded(Path dataDir, Path workDir, String database, String user,
      String password) throws IOException, SQLException {
    Path hba = workDir.resolve("pg_hba.conf");
    Files.writeString(hba, String.join("\n",
        "# TDR emulator: the bootstrap superuser is trusted locally; everyone else gives a password.",
        "local all all trust",
        "host all postgres 127.0.0.1/32 trust",
        "host all postgres ::1/128 trust",
        "host all all 127.0.0.1/32 md5",
        "host all all ::1/128 md5",
        ""));
    // The embedded server runs as an unprivileged user when started as root: let it read the file.
    makeReadable(hba);
    EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
        .setLocaleConfig("locale", "C")
        .setLocaleConfig("encoding", "UTF8")
        .setServerConfig("hba_file", hba.toAbsolutePath().toString())
        // redshift-jdbc42 authenticates with MD5 (as Redshift does), not SCRAM.
        .setServerConfig("password_encryption", "md5")
        .setServerConfig("timezone", "UTC")
        .setServerConfig("log_timezone", "UTC")
        .setServerConfig("standard_conforming_strings", "off")
        .setServerConfig("escape_string_warning", "off")
        .setServerConfig("max_connections", "300")
        .setServerConfig("fsync", "off")
        .setServerConfig("synchronous_commit", "off")
        .setServerConfig("full_page_writes", "off")
        .setServerConfig("shared_buffers", "128MB")
        .setServerConfig("max_prepared_transactions", "0");
    if (dataDir != null) {
      Files.createDirectories(dataDir);
      b.setDataDirectory(dataDir).setCleanDataDirectory(false);
    }
    EmbeddedPostgres pg = b.start();
    try {
      try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
        if (!exists(s, "SELECT 1 FROM pg_roles WHERE rolname = " + literal(user))) {
          s.execute("CREATE ROLE " + ident(user) + " SUPERUSER LOGIN");
        }
        s.execute("SET password_encryption = 'md5'");
        s.execute("ALTER ROLE " + ident(user) + " PASSWORD " + literal(password));
        if (!exists(s, "SELECT 1 FROM pg_database WHERE datname = " + literal(database))) {
          s.execute("CREATE DATABASE " + ident(database) + " OWNER " + ident(user)
              + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
        }
      }
      Warehouse w = new Warehouse(pg, "127.0.0.1", pg.getPort(), database, user, password);
      w.setUp();
      return w;
    } catch (SQLException | RuntimeException e) {
      pg.close();
      throw e;
    }
  }

  /** Uses an existing PostgreSQL server ({@code jdbc:postgresql://host:port/db}). */
  public static Warehouse external(String jdbcUrl, String user, String password) throws SQLException {
    if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
      throw new IllegalArgumentException(
          "warehouse URL must look like jdbc:postgresql://host:port/database, got " + jdbcUrl);
    }
    URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
    String db = uri.getPath() == null || uri.getPath().length() <= 1 ? user : uri.getPath().substring(1);
    Warehouse w = new Warehouse(null, uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), db,
        user, password);
    w.setUp();
    return w;
  }

  private void setUp() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT datcollate FROM pg_database WHERE datname = current_database()")) {
        if (rs.next() && !"C".equals(rs.getString(1)) && !"POSIX".equals(rs.getString(1))) {
          LOG.warn("warehouse database {} has collation {}; Redshift compares strings by bytes (C)",
              database, rs.getString(1));
        }
      }
      s.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
      // VARBYTE and GEOMETRY hold lower-case hex text, so query results show them as Redshift
      // does; SUPER holds JSON text as given (json_parse() stores it compact, as Redshift).
      createType(s, "varbyte", "text", "textin", "textout", "textrecv", "textsend", true);
      createType(s, "geometry", "text", "textin", "textout", "textrecv", "textsend", false);
      createType(s, "super", "json", "json_in", "json_out", "json_recv", "json_send", false);
      for (String stmt : SqlScript.split(resource("warehouse-setup.sql"))) {
        s.execute(stmt);
      }
      String db = ident(database);
      s.execute("ALTER DATABASE " + db + " SET search_path = \"$user\", public, " + SCHEMA);
      s.execute("ALTER DATABASE " + db + " SET standard_conforming_strings = off");
      s.execute("ALTER DATABASE " + db + " SET escape_string_warning = off");
      s.execute("ALTER DATABASE " + db + " SET timezone = 'UTC'");
      varbyteOid = oid(s, "varbyte");
      superOid = oid(s, "super");
      geometryOid = oid(s, "geometry");
    }
  }

  /**
   * A Redshift type as a PostgreSQL base type sharing another type's representation and I/O
   * functions, so it has a type OID of its own (a domain would be reported as its base type) that
   * the front translates into Redshift's OID for drivers.
   */
  private static void createType(Statement s, String name, String like, String in, String out,
      String recv, String send, boolean typmod) throws SQLException {
    String t = SCHEMA + "." + name;
    if (exists(s, "SELECT 1 WHERE to_regtype('" + t + "') IS NOT NULL")) {
      return;
    }
    String fn = "LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE AS ";
    s.execute("CREATE TYPE " + t);
    s.execute("CREATE FUNCTION " + t + "_in(cstring) RETURNS " + t + " " + fn + "'" + in + "'");
    s.execute("CREATE FUNCTION " + t + "_out(" + t + ") RETURNS cstring " + fn + "'" + out + "'");
    s.execute("CREATE FUNCTION " + t + "_recv(internal) RETURNS " + t + " " + fn + "'" + recv + "'");
    s.execute("CREATE FUNCTION " + t + "_send(" + t + ") RETURNS bytea " + fn + "'" + send + "'");
    String mods = "";
    if (typmod) {
      s.execute("CREATE FUNCTION " + t + "_typmod_in(cstring[]) RETURNS integer " + fn + "'varchartypmodin'");
      s.execute("CREATE FUNCTION " + t + "_typmod_out(integer) RETURNS cstring " + fn + "'varchartypmodout'");
      mods = ", TYPMOD_IN = " + t + "_typmod_in, TYPMOD_OUT = " + t + "_typmod_out";
    }
    s.execute("CREATE TYPE " + t + " (INPUT = " + t + "_in, OUTPUT = " + t + "_out, RECEIVE = "
        + t + "_recv, SEND = " + t + "_send" + mods + ", LIKE = " + like + ")");
    s.execute("CREATE CAST (" + t + " AS " + like + ") WITHOUT FUNCTION AS IMPLICIT");
    s.execute("CREATE CAST (" + like + " AS " + t + ") WITHOUT FUNCTION AS ASSIGNMENT");
  }

  private static void makeReadable(Path file) {
    try {
      Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
      Path dir = file.getParent();
      java.util.Set<java.nio.file.attribute.PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
      perms.add(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE);
      perms.add(java.nio.file.attribute.PosixFilePermission.GROUP_EXECUTE);
      Files.setPosixFilePermissions(dir, perms);
    } catch (IOException | UnsupportedOperationException e) {
      LOG.debug("could not open up permissions of {}", file, e);
    }
  }

  private static int oid(Statement s, String name) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT to_regtype('" + SCHEMA + "." + name + "')::oid::int")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static boolean exists(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      return rs.next();
    }
  }

  private static String resource(String name) {
    try (InputStream in = Warehouse.class.getResourceAsStream("/dev/tdr/testkit/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String ident(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }

  static String literal(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "''") + "'";
  }

  /** A new plain PostgreSQL JDBC connection to the warehouse database (Redshift literal rules). */
  public Connection connect() throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", user);
    p.setProperty("password", password);
    p.setProperty("options", "-c standard_conforming_strings=off -c escape_string_warning=off");
    return DriverManager.getConnection(jdbcUrl(), p);
  }

  /** {@code jdbc:postgresql://host:port/db} of the warehouse itself (not the Redshift front). */
  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public String database() {
    return database;
  }

  public int varbyteOid() {
    return varbyteOid;
  }

  public int superOid() {
    return superOid;
  }

  public int geometryOid() {
    return geometryOid;
  }

  private Connection side; // guarded by this: the front's own lookups and logs, outside any session

  /** Runs {@code work} on the front's own connection, opened on first use and again after a failure. */
  private synchronized <T> T onSide(SqlWork<T> work) throws SQLException {
    if (side == null || side.isClosed()) {
      side = connect();
    }
    try {
      return work.run(side);
    } catch (SQLException e) {
      try {
        side.close();
      } catch (SQLException ignored) {
        // replaced on next use
      }
      side = null;
      throw e;
    }
  }

  private interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }

  /**
   * The columns of {@code relation} (a table or view as a FROM clause names it, resolved on the
   * database's search path), lower case; empty if there is no such relation or it cannot be read.
   */
  public java.util.Optional<java.util.Set<String>> columns(String relation) {
    try {
      return onSide(c -> {
        try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL, "
            + "array(SELECT lower(attname) FROM pg_attribute WHERE attrelid = to_regclass(?) AND attnum > 0 "
            + "AND NOT attisdropped)")) {
          ps.setString(1, relation);
          ps.setString(2, relation);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (!rs.getBoolean(1)) {
              return java.util.Optional.<java.util.Set<String>>empty();
            }
            return java.util.Optional.<java.util.Set<String>>of(
                java.util.Set.of((String[]) rs.getArray(2).getArray()));
          }
        }
      });
    } catch (SQLException e) {
      LOG.debug("could not look up the columns of {}: {}", relation, e.toString());
      return java.util.Optional.empty();
    }
  }

  /**
   * The result column types of {@code select} as the warehouse describes it without running it
   * (from the side connection, so a session's temporary tables are not seen): {@code
   * numeric(12,2)}, {@code numeric} (unconstrained), {@code smallint}, {@code integer}, {@code
   * bigint}, or the type's name; empty if it cannot be described.
   */
  public java.util.Optional<java.util.List<String>> describe(String select) {
    return described(select, (md, i) -> switch (md.getColumnTypeName(i)) {
      case "numeric" -> md.getPrecision(i) > 0 && md.getPrecision(i) <= 1000
          ? "numeric(" + md.getPrecision(i) + "," + md.getScale(i) + ")" : "numeric";
      case "int2" -> "smallint";
      case "int4" -> "integer";
      case "int8" -> "bigint";
      default -> md.getColumnTypeName(i);
    });
  }

  /** The result column names of {@code select} as the warehouse describes it; empty if it cannot be described. */
  public java.util.Optional<java.util.List<String>> columnNames(String select) {
    return described(select, java.sql.ResultSetMetaData::getColumnLabel);
  }

  private interface ColumnFact {
    String of(java.sql.ResultSetMetaData md, int column) throws SQLException;
  }

  /** One fact per result column of {@code select}, from a Parse and Describe on the side connection. */
  private java.util.Optional<java.util.List<String>> described(String select, ColumnFact fact) {
    try {
      return onSide(c -> {
        try (java.sql.PreparedStatement ps = c.prepareStatement(select)) {
          java.sql.ResultSetMetaData md = ps.getMetaData();
          if (md == null) {
            return java.util.Optional.<java.util.List<String>>empty();
          }
          java.util.List<String> out = new java.util.ArrayList<>();
          for (int i = 1; i <= md.getColumnCount(); i++) {
            out.add(fact.of(md, i));
          }
          return java.util.Optional.of(out);
        }
      });
    } catch (SQLException e) {
      LOG.debug("could not describe {}: {}", select, e.toString());
      return java.util.Optional.empty();
    }
  }

  /**
   * Records the files an UNLOAD wrote in {@code stl_unload_log}, outside the session's transaction
   * (as Redshift's system logs); returns the UNLOAD's query id.
   */
  public int logUnload(int pid, String user, long startMillis, long endMillis, String format,
      java.util.List<Integer> slices, java.util.List<String> paths, java.util.List<Long> lines,
      java.util.List<Long> bytes) throws SQLException {
    return onSide(c -> {
      try (java.sql.PreparedStatement ps = c.prepareStatement("WITH q AS (SELECT nextval('" + SCHEMA
          + ".query_ids')::integer AS id), ins AS (INSERT INTO " + SCHEMA + ".stl_unload_log "
          + "SELECT coalesce((SELECT usesysid FROM pg_user WHERE usename = ?), 1), q.id, f.slice, ?, f.path, "
          + "to_timestamp(? / 1000.0) AT TIME ZONE 'UTC', to_timestamp(? / 1000.0) AT TIME ZONE 'UTC', "
          + "f.lines, f.bytes, ? FROM q, unnest(?::integer[], ?::text[], ?::bigint[], ?::bigint[]) "
          + "AS f(slice, path, lines, bytes)) SELECT id FROM q")) {
        int i = 1;
        ps.setString(i++, user);
        ps.setInt(i++, pid);
        ps.setLong(i++, startMillis);
        ps.setLong(i++, endMillis);
        ps.setString(i++, format);
        ps.setArray(i++, c.createArrayOf("integer", slices.toArray()));
        ps.setArray(i++, c.createArrayOf("text", paths.toArray()));
        ps.setArray(i++, c.createArrayOf("bigint", lines.toArray()));
        ps.setArray(i++, c.createArrayOf("bigint", bytes.toArray()));
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getInt(1);
        }
      }
    });
  }

  // ---------------------------------------------------------------- STL_QUERY

  /** Writes the statements sessions ran into stl_query, one at a time, off the sessions' threads. */
  private final java.util.concurrent.ExecutorService queryLogWriter =
      java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread th = new Thread(r, "tdr-stl-query");
        th.setDaemon(true);
        return th;
      });

  /** Redshift's STL_QUERY for the front: statements with their secrets removed, 4000 characters at most. */
  public dev.tdr.testkit.wire.QueryLog queryLog() {
    return new dev.tdr.testkit.wire.QueryLog() {
      @Override
      public void record(int pid, String user, java.util.List<Entry> entries) {
        try {
          queryLogWriter.execute(() -> writeQueries(pid, user, entries));
        } catch (java.util.concurrent.RejectedExecutionException closed) {
          // the warehouse is closing
        }
      }

      @Override
      public void flush() {
        try {
          queryLogWriter.submit(() -> { }).get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
            | java.util.concurrent.RejectedExecutionException e) {
          LOG.debug("stl_query not flushed: {}", e.toString());
        }
      }
    };
  }

  private void writeQueries(int pid, String user, java.util.List<dev.tdr.testkit.wire.QueryLog.Entry> entries) {
    try {
      onSide(c -> {
        try (java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO " + SCHEMA + ".stl_query "
            + "(userid, query, label, xid, pid, database, querytxt, starttime, endtime, aborted, insert_pristine, "
            + "concurrency_scaling_status) SELECT coalesce((SELECT usesysid FROM pg_user WHERE usename = ?), 1), "
            + "nextval('" + SCHEMA + ".query_ids')::integer, 'default', 0, ?, current_database(), ?, "
            + "to_timestamp(? / 1000.0) AT TIME ZONE 'UTC', to_timestamp(? / 1000.0) AT TIME ZONE 'UTC', ?, 0, 0")) {
          for (dev.tdr.testkit.wire.QueryLog.Entry e : entries) {
            String text = dev.tdr.core.sql.SqlRedaction.redact(e.text()).strip();
            ps.setString(1, user);
            ps.setInt(2, pid);
            ps.setString(3, text.length() > 4000 ? text.substring(0, 4000) : text);
            ps.setLong(4, e.startMillis());
            ps.setLong(5, e.endMillis());
            ps.setInt(6, e.aborted() ? 1 : 0);
            ps.addBatch();
          }
          ps.executeBatch();
          return null;
        }
      });
    } catch (SQLException e) {
      LOG.debug("could not write stl_query: {}", e.toString());
    }
  }

  @Override
  public void close() throws IOException {
    queryLogWriter.shutdown();
    try {
      queryLogWriter.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      if (side != null) {
        try {
          side.close();
        } catch (SQLException ignored) {
          // closing anyway
        }
      }
    }
    if (embedded != null) {
      embedded.close();
    }
  }
}
