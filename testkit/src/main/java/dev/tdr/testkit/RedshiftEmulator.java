package dev.tdr.testkit;

import dev.tdr.testkit.s3.S3Server;
import dev.tdr.testkit.unload.TypeRegistry;
import dev.tdr.testkit.unload.UnloadContext;
import dev.tdr.testkit.unload.UnloadExecutor;
import dev.tdr.testkit.unload.UnloadFaults;
import dev.tdr.testkit.warehouse.Warehouse;
import dev.tdr.testkit.wire.FrontServer;
import dev.tdr.testkit.wire.TypeOids;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local stand-in for Amazon Redshift and S3: PostgreSQL behind a Redshift wire front that
 * executes UNLOAD with Redshift's semantics, and an S3 endpoint in this JVM. The real {@code
 * redshift-jdbc42} driver and the real AWS SDK talk to it over loopback.
 *
 * <pre>{@code
 * try (RedshiftEmulator emu = RedshiftEmulator.start()) {
 *   try (Connection c = DriverManager.getConnection(emu.jdbcUrl(), emu.user(), emu.password())) {
 *     c.createStatement().execute("UNLOAD ('select 1') TO '" + emu.tempDir() + "run/' "
 *         + "ACCESS_KEY_ID '" + emu.accessKeyId() + "' SECRET_ACCESS_KEY '"
 *         + emu.secretAccessKey() + "' FORMAT CSV MANIFEST VERBOSE");
 *   }
 * }
 * }</pre>
 */
public final class RedshiftEmulator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RedshiftEmulator.class);

  private final Settings settings;
  private final Path workDir;
  private final boolean deleteWorkDir;
  private final Warehouse warehouse;
  private final S3Server s3;
  private final FrontServer front;
  private final UnloadFaults unloadFaults = new UnloadFaults();
  /** The slices' threads: they render, write and upload an UNLOAD's parts in parallel. */
  private final java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newFixedThreadPool(
      Math.max(2, Runtime.getRuntime().availableProcessors()), new java.util.concurrent.ThreadFactory() {
        private final java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
          Thread t = new Thread(r, "tdr-slice-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        }
      });
  private final Faults faults;
  private volatile EmptyUnload emptyUnload;
  private volatile boolean closed;

  private record Settings(int port, int s3Port, Path dataDir, int slices, EmptyUnload emptyUnload,
      String warehouseUrl, String warehouseUser, String warehousePassword, String database,
      String user, String password, String bucket, String accessKeyId, String secretAccessKey,
      String region) {}

  private RedshiftEmulator(Settings s) throws IOException, SQLException {
    this.settings = s;
    this.emptyUnload = s.emptyUnload();
    if (s.dataDir() != null) {
      workDir = s.dataDir().resolve("work");
      Files.createDirectories(workDir);
      deleteWorkDir = false;
    } else {
      workDir = Files.createTempDirectory("tdr-emulator-");
      deleteWorkDir = true;
    }
    Warehouse w = null;
    S3Server s3Server = null;
    try {
      long t0 = System.nanoTime();
      w = s.warehouseUrl() != null
          ? Warehouse.external(s.warehouseUrl(), s.warehouseUser(), s.warehousePassword())
          : Warehouse.embedded(s.dataDir() == null ? null : s.dataDir().resolve("pg"), workDir,
              s.database(), s.user(), s.password());
      long t1 = System.nanoTime();
      s3Server = new S3Server(s.s3Port(), s.dataDir() == null ? workDir.resolve("s3") : s.dataDir().resolve("s3"),
          s.accessKeyId(), s.secretAccessKey(), s.bucket());
      Warehouse wh = w;
      S3Server srv = s3Server;
      TypeRegistry types = new TypeRegistry(wh.varbyteOid(), wh.superOid(), wh.geometryOid());
      UnloadContext ctx = new UnloadContext() {
        @Override
        public BlobStore store() {
          return srv.store();
        }

        @Override
        public String accessKeyId() {
          return s.accessKeyId();
        }

        @Override
        public String secretAccessKey() {
          return s.secretAccessKey();
        }

        @Override
        public String region() {
          return s.region();
        }

        @Override
        public int slices() {
          return s.slices();
        }

        @Override
        public EmptyUnload emptyUnload() {
          return emptyUnload;
        }

        @Override
        public Path workDir() {
          return workDir;
        }

        @Override
        public TypeRegistry types() {
          return types;
        }

        @Override
        public UnloadFaults faults() {
          return unloadFaults;
        }

        @Override
        public java.util.concurrent.Executor workers() {
          return workers;
        }

        @Override
        public int logUnload(int pid, String user, long startMillis, long endMillis, String format,
            java.util.List<Integer> slices, java.util.List<String> paths, java.util.List<Long> lines,
            java.util.List<Long> bytes) throws java.sql.SQLException {
          return wh.logUnload(pid, user, startMillis, endMillis, format, slices, paths, lines, bytes);
        }
      };
      TypeOids oids = new TypeOids() {
        @Override
        public int toClient(int oid) {
          return types.redshiftOid(oid);
        }

        @Override
        public int toBackend(int oid) {
          return types.warehouseOid(oid);
        }
      };
      this.front = new FrontServer(s.port(), wh.host(), wh.port(), new UnloadExecutor(ctx), oids,
          new dev.tdr.testkit.wire.RelationColumns() {
            @Override
            public java.util.Optional<java.util.Set<String>> columns(String relation) {
              return wh.columns(relation);
            }

            @Override
            public java.util.Optional<java.util.List<String>> describe(String select) {
              return wh.describe(select);
            }

            @Override
            public java.util.Optional<java.util.List<String>> columnNames(String select) {
              return wh.columnNames(select);
            }
          }, wh.queryLog());
      this.warehouse = wh;
      this.s3 = srv;
      this.faults = new Faults(srv, unloadFaults);
      LOG.info("Redshift emulator ready on port {} (warehouse {} ms, S3 {} ms)", front.port(),
          (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
    } catch (Exception e) {
      closeQuietly(s3Server);
      closeQuietly(w);
      if (deleteWorkDir) {
        deleteRecursively(workDir);
      }
      if (e instanceof IOException io) {
        throw io;
      }
      if (e instanceof SQLException sql) {
        throw sql;
      }
      if (e instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException("could not start the Redshift emulator", e);
    }
  }

  /** Starts an emulator with the defaults: embedded PostgreSQL, in-JVM S3, free ports. */
  public static RedshiftEmulator start() {
    return builder().start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** JDBC URL for {@code redshift-jdbc42}: {@code jdbc:redshift://127.0.0.1:PORT/dev?ssl=false}. */
  public String jdbcUrl() {
    return "jdbc:redshift://127.0.0.1:" + front.port() + "/" + warehouse.database() + "?ssl=false";
  }

  /** The Redshift front's port. */
  public int port() {
    return front.port();
  }

  public String database() {
    return warehouse.database();
  }

  public String user() {
    return settings.warehouseUrl() != null ? settings.warehouseUser() : settings.user();
  }

  public String password() {
    return settings.warehouseUrl() != null ? settings.warehousePassword() : settings.password();
  }

  /** {@code http://127.0.0.1:PORT}; use path-style access. */
  public URI s3Endpoint() {
    return s3.endpoint();
  }

  public String bucket() {
    return settings.bucket();
  }

  public String accessKeyId() {
    return settings.accessKeyId();
  }

  public String secretAccessKey() {
    return settings.secretAccessKey();
  }

  public String region() {
    return settings.region();
  }

  /** A prefix ready for UNLOAD output: {@code s3://<bucket>/tdr-temp/}. */
  public String tempDir() {
    return "s3://" + settings.bucket() + "/tdr-temp/";
  }

  /** A fresh, unique prefix under {@link #tempDir()}, ending in {@code /}. */
  public String newTempPrefix() {
    return tempDir() + UUID.randomUUID() + "/";
  }

  /**
   * A new plain PostgreSQL JDBC connection straight to the backing database, for loading
   * fixtures fast; the caller closes it. String literals follow Redshift's rules here too.
   */
  public Connection backingConnection() throws SQLException {
    return warehouse.connect();
  }

  /**
   * The text of every statement running now (on any session, from the backing database's
   * {@code pg_stat_activity}) that contains {@code fragment}: for tests that wait for a query to
   * start, or check that a cancelled one really stopped on the server. An UNLOAD shows as its
   * inner query.
   */
  public java.util.List<String> runningStatements(String fragment) {
    java.util.List<String> out = new java.util.ArrayList<>();
    try (Connection c = warehouse.connect(); java.sql.PreparedStatement s = c.prepareStatement(
        "select query from pg_stat_activity where state = 'active' and pid <> pg_backend_pid()"
            + " and strpos(query, ?) > 0")) {
      s.setString(1, fragment);
      try (java.sql.ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read pg_stat_activity: " + e.getMessage(), e);
    }
    return out;
  }

  /** {@code jdbc:postgresql://...} of the backing database. */
  public String backingJdbcUrl() {
    return warehouse.jdbcUrl();
  }

  /** Fault injection for reliability tests. */
  public Faults faults() {
    return faults;
  }

  /** What an UNLOAD of zero rows leaves in S3 (changeable while running). */
  public EmptyUnload emptyUnload() {
    return emptyUnload;
  }

  public void emptyUnload(EmptyUnload mode) {
    this.emptyUnload = Objects.requireNonNull(mode, "mode");
  }

  /** The configured empty-UNLOAD behaviour (what {@link #emptyUnload()} returns after a reset). */
  EmptyUnload defaultEmptyUnload() {
    return settings.emptyUnload();
  }

  /**
   * Number of client connections the Redshift front has accepted since it started (logged in;
   * cancel requests not counted): a test takes the difference around what it measures.
   */
  public long connectionsAccepted() {
    return front.sessionsStarted();
  }

  /** Number of client connections currently open on the Redshift front. */
  public int openConnections() {
    return front.openSessions();
  }

  /**
   * The connection settings as environment variables: {@code TDR_URL}, {@code TDR_USER}, {@code
   * TDR_PASSWORD}, {@code TDR_TEMPDIR}, {@code TDR_S3_ENDPOINT}, {@code AWS_ACCESS_KEY_ID},
   * {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_REGION}.
   */
  public Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("TDR_URL", jdbcUrl());
    env.put("TDR_USER", user());
    env.put("TDR_PASSWORD", password());
    env.put("TDR_TEMPDIR", tempDir());
    env.put("TDR_S3_ENDPOINT", s3Endpoint().toString());
    env.put("AWS_ACCESS_KEY_ID", accessKeyId());
    env.put("AWS_SECRET_ACCESS_KEY", secretAccessKey());
    env.put("AWS_REGION", region());
    return env;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    front.close();
    workers.shutdownNow();
    closeQuietly(s3);
    closeQuietly(warehouse);
    if (deleteWorkDir) {
      deleteRecursively(workDir);
    }
  }

  @Override
  public String toString() {
    return "RedshiftEmulator[" + jdbcUrl() + ", s3=" + s3.endpoint() + ", bucket=" + bucket() + "]";
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c != null) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.debug("error while closing {}", c, e);
      }
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
          Files.deleteIfExists(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      LOG.debug("could not delete {}", dir, e);
    }
  }

  /** Settings for a new emulator; every one has a default. */
  public static final class Builder {
    private int port;
    private int s3Port;
    private Path dataDir;
    private int slices = 4;
    private EmptyUnload emptyUnload = EmptyUnload.NO_FILES;
    private String warehouseUrl;
    private String warehouseUser;
    private String warehousePassword;
    private String database = "dev";
    private String user = "awsuser";
    private String password = "TdrEmulator1";
    private String bucket = "tdr-emulator";
    private String accessKeyId = "TDREMULATORACCESSKEY";
    private String secretAccessKey = "tdr/emulator/secret/access/key/00000000";
    private String region = "us-east-1";

    private Builder() {}

    /** Port of the Redshift front (default 0: a free port). */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535: " + port);
      }
      this.port = port;
      return this;
    }

    /** Port of the S3 endpoint (default 0: a free port). */
    public Builder s3Port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("s3Port must be 0..65535: " + port);
      }
      this.s3Port = port;
      return this;
    }

    /** Keeps the database and the S3 objects in this directory across restarts. */
    public Builder dataDir(Path dir) {
      this.dataDir = dir;
      return this;
    }

    /** Slices rows are spread over under PARALLEL ON (default 4). */
    public Builder slices(int slices) {
      if (slices < 1 || slices > 9999) {
        throw new IllegalArgumentException("slices must be 1..9999: " + slices);
      }
      this.slices = slices;
      return this;
    }

    /** What an UNLOAD of zero rows leaves in S3 (default {@link EmptyUnload#NO_FILES}). */
    public Builder emptyUnload(EmptyUnload mode) {
      this.emptyUnload = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * Uses an existing PostgreSQL ({@code jdbc:postgresql://host:port/db}) instead of an embedded
     * one; the user must be a superuser (the emulator creates types with internal functions).
     */
    public Builder warehouse(String jdbcUrl, String user, String password) {
      this.warehouseUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
      this.warehouseUser = Objects.requireNonNull(user, "user");
      this.warehousePassword = Objects.requireNonNull(password, "password");
      return this;
    }

    /** Database name of the embedded warehouse (default {@code dev}). */
    public Builder database(String database) {
      this.database = Objects.requireNonNull(database);
      return this;
    }

    /** User and password of the embedded warehouse (default {@code awsuser}). */
    public Builder credentials(String user, String password) {
      this.user = Objects.requireNonNull(user);
      this.password = Objects.requireNonNull(password);
      return this;
    }

    /** Bucket created at start (default {@code tdr-emulator}). */
    public Builder bucket(String bucket) {
      this.bucket = Objects.requireNonNull(bucket);
      return this;
    }

    /** Keys the S3 endpoint accepts. */
    public Builder s3Keys(String accessKeyId, String secretAccessKey) {
      this.accessKeyId = Objects.requireNonNull(accessKeyId);
      this.secretAccessKey = Objects.requireNonNull(secretAccessKey);
      return this;
    }

    /** Region of the bucket (default {@code us-east-1}). */
    public Builder region(String region) {
      this.region = Objects.requireNonNull(region);
      return this;
    }

    /** Starts the emulator; returns when it accepts connections. */
    public RedshiftEmulator start() {
      try {
        return new RedshiftEmulator(new Settings(port, s3Port, dataDir, slices, emptyUnload,
            warehouseUrl, warehouseUser, warehousePassword, database, user, password, bucket,
            accessKeyId, secretAccessKey, region));
      } catch (IOException e) {
        throw new UncheckedIOException("could not start the Redshift emulator: " + e.getMessage(), e);
      } catch (SQLException e) {
        throw new IllegalStateException("could not start the Redshift emulator: " + e.getMessage(), e);
      }
    }
  }
}
