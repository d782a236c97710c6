package dev.tdr.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdr.Tdr;
import dev.tdr.core.PartReadException;
import dev.tdr.core.TdrConfig;
import dev.tdr.core.s3.PartStore;
import dev.tdr.core.s3.S3Uri;
import dev.tdr.testkit.PartDamage;
import dev.tdr.testkit.RedshiftEmulator;
import dev.tdr.testkit.RedshiftEmulatorExtension;
import dev.tdr.testkit.S3Operation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a password, an AWS secret key and a session token set, every failure we can provoke, as a
 * user meets it (./tdr in its own process, debug logging on): none of the secrets is in any
 * output, log line (the emulator's too), exception chain, pg_stat_activity, or run marker.
 */
@ExtendWith(RedshiftEmulatorExtension.class)
class SecretsIT {
  private static final String TOKEN = "FwoGZXIvYXdzTokenSecret0123456789abcdef";
  private static final String URL_PASSWORD = "UrlSecretPw1";
  private static final String WRONG_PASSWORD = "WrongSecretPw9";
  private static final String LONG = "select count(*) as n from (select generate_series(1, 3000000100) as g) s";
  private static final StringBuilder EMULATOR_LOG = new StringBuilder();
  private static AbstractAppender appender;

  @TempDir
  Path dir;

  /** What each failure printed, by name, for one scan at the end. */
  private final Map<String, String> seen = new java.util.LinkedHashMap<>();

  @BeforeAll
  static void captureTheEmulatorsLogs(RedshiftEmulator emu) throws Exception {
    try (Connection c = emu.backingConnection(); Statement s = c.createStatement()) {
      s.execute("drop table if exists secrets_t");
      s.execute("create table secrets_t as select g as id, 'v' || g as v from generate_series(1, 50000) g");
    }
    LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    appender = new AbstractAppender("secrets-scan", null, null, true, Property.EMPTY_ARRAY) {
      @Override
      public void append(LogEvent event) {
        synchronized (EMULATOR_LOG) {
          EMULATOR_LOG.append(event.getLoggerName()).append(' ').append(event.getMessage().getFormattedMessage()).append('\n');
          if (event.getThrown() != null) {
            StringWriter w = new StringWriter();
            event.getThrown().printStackTrace(new PrintWriter(w));
            EMULATOR_LOG.append(w).append('\n');
          }
        }
      }
    };
    appender.start();
    ctx.getConfiguration().getRootLogger().addAppender(appender, Level.DEBUG, null);
    Configurator.setLevel("dev.tdr", Level.DEBUG);
    ctx.updateLoggers();
  }

  @AfterAll
  static void stopCapturing() {
    LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    ctx.getConfiguration().getRootLogger().removeAppender("secrets-scan");
    Configurator.setLevel("dev.tdr", Level.WARN);
    ctx.updateLoggers();
  }

  private static Map<String, String> env(RedshiftEmulator emu) {
    Map<String, String> env = new HashMap<>(emu.environment());
    env.put("AWS_SESSION_TOKEN", TOKEN);
    env.put("TDR_LOG_LEVEL", "debug");
    return env;
  }

  private List<String> secrets(RedshiftEmulator emu) {
    return List.of(emu.password(), emu.secretAccessKey(), TOKEN, URL_PASSWORD, WRONG_PASSWORD);
  }

  /** Runs ./tdr with {@code env}; returns its exit status and keeps what it printed under {@code name}. */
  private int tdr(String name, Map<String, String> env, String... args) throws Exception {
    Path out = dir.resolve(name + ".out");
    Process p = TdrProcess.start(env, out, null, args);
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).as(name).isTrue();
    seen.put(name, Files.readString(out, StandardCharsets.UTF_8));
    return p.exitValue();
  }

  private void scan(RedshiftEmulator emu) throws Exception {
    try (Connection c = emu.backingConnection(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select coalesce(query, '') from pg_stat_activity")) {
      StringBuilder b = new StringBuilder();
      while (rs.next()) {
        b.append(rs.getString(1)).append('\n');
      }
      seen.put("pg_stat_activity", b.toString());
    }
    synchronized (EMULATOR_LOG) {
      seen.put("the emulator's log", EMULATOR_LOG.toString());
    }
    for (Map.Entry<String, String> e : seen.entrySet()) {
      for (String secret : secrets(emu)) {
        assertThat(e.getValue()).as(e.getKey() + " shows a secret:\n" + e.getValue()).doesNotContain(secret);
      }
    }
  }

  @Test
  void noFailureShowsASecret(RedshiftEmulator emu) throws Exception {
    Map<String, String> env = env(emu);
    Map<String, String> badHost = new HashMap<>(env);
    badHost.put("TDR_URL", "jdbc:redshift://127.0.0.1:1/dev?ssl=false&password=" + URL_PASSWORD);
    assertThat(tdr("bad host, ?password=", badHost, "query", "select 1")).isEqualTo(1);
    assertThat(seen.get("bad host, ?password=")).contains("cannot connect to jdbc:redshift://127.0.0.1:1/dev?ssl=false&password=***");
    badHost.put("TDR_URL", "jdbc:redshift://127.0.0.1:1/dev;ssl=false;password=" + URL_PASSWORD);
    assertThat(tdr("bad host, ;password=", badHost, "query", "select 1")).isEqualTo(1);
    badHost.put("TDR_URL", "jdbc:redshift://127.0.0.1:1/dev?ssl=false&password=" + URL_PASSWORD);
    assertThat(tdr("bad host via spark", badHost, "query", "--via", "spark", "select 1")).isEqualTo(1);

    Map<String, String> wrong = new HashMap<>(env);
    wrong.put("TDR_PASSWORD", WRONG_PASSWORD);
    assertThat(tdr("bad password", wrong, "query", "select 1")).isEqualTo(1);
    assertThat(seen.get("bad password")).contains("cannot connect");

    assertThat(tdr("failed UNLOAD", env, "query", "select nope from secrets_t")).isEqualTo(1);
    assertThat(seen.get("failed UNLOAD")).contains("42703");
    emu.faults().failNextUnload("XX000", "S3ServiceException: Access Denied");
    assertThat(tdr("failed UNLOAD statement", env, "query", "select * from secrets_t")).isEqualTo(1);
    assertThat(seen.get("failed UNLOAD statement")).contains("XX000").contains("SECRET_ACCESS_KEY '***'")
        .contains("SESSION_TOKEN '***'");

    assertThat(tdr("failed UNLOAD written by the user", env, "exec", "unload ('select nope from secrets_t') to '"
        + emu.tempDir() + "mine/' access_key_id '" + emu.accessKeyId() + "' secret_access_key '"
        + emu.secretAccessKey() + "' session_token '" + TOKEN + "' csv")).isEqualTo(1);

    emu.faults().failS3(S3Operation.GET, "_part_", 1000, 500);
    try {
      assertThat(tdr("failed S3 call", env, "query", "select * from secrets_t")).isEqualTo(1);
      assertThat(seen.get("failed S3 call")).contains("S3 error 500");
      assertThat(tdr("Spark task failure", env, "query", "--via", "spark", "select * from secrets_t")).isEqualTo(1);
      assertThat(seen.get("Spark task failure")).contains("S3 error 500").doesNotContain("Driver stacktrace");
    } finally {
      emu.faults().clear();
    }

    emu.faults().damageNextUnload(PartDamage.truncate(0, 1000));
    assertThat(tdr("bad part", env, "query", "select * from secrets_t")).isEqualTo(1);
    assertThat(seen.get("bad part")).contains("s3://");

    assertThat(tdr("timeout", env, "query", "--query-timeout", "1s", LONG)).isEqualTo(1);
    assertThat(seen.get("timeout")).contains("the query ran longer than 1s (--query-timeout)");

    // cancel: Ctrl-C in the middle of the query
    Path cancelled = dir.resolve("cancel.out");
    Process p = TdrProcess.start(env, cancelled, null, "query", LONG);
    try {
      long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (emu.runningStatements("3000000100").isEmpty()) {
        assertThat(p.isAlive()).isTrue();
        assertThat(System.nanoTime()).as("the query to run").isLessThan(end);
        java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L);
      }
      TdrProcess.signal(p, "INT");
      assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
      assertThat(p.exitValue()).isEqualTo(130);
    } finally {
      p.destroyForcibly();
    }
    seen.put("cancel", Files.readString(cancelled, StandardCharsets.UTF_8));
    assertThat(seen.get("cancel")).contains("stopped by SIGINT");

    // the Java API: exception chains, toString
    TdrConfig config = TdrConfig.builderFromEnvironment(env).url("jdbc:redshift://127.0.0.1:1/dev?ssl=false&password="
        + URL_PASSWORD).build();
    seen.put("TdrConfig.toString", config.toString() + " " + config.s3Settings());
    try (Tdr tdr = Tdr.connect(config)) {
      assertThatThrownBy(() -> tdr.query("select 1")).satisfies(e -> seen.put("exception chain", chain(e)));
    }
    try (Tdr tdr = Tdr.connect(TdrConfig.builderFromEnvironment(env).build())) {
      emu.faults().failS3(S3Operation.GET, "_part_", 1000, 500);
      assertThatThrownBy(() -> tdr.query("select * from secrets_t").toDataFrame())
          .isInstanceOf(PartReadException.class).satisfies(e -> seen.put("S3 exception chain", chain(e)));
    } finally {
      emu.faults().clear();
    }
    scan(emu);
    TdrConfig ok = TdrConfig.builderFromEnvironment(env).build();
    try (PartStore store = PartStore.create(ok, 1)) {
      assertThat(store.list(S3Uri.parse(ok.tempDir())))
          .noneMatch(k -> k.matches(".*/\\d{8}-\\d{6}-[0-9a-f]{8}(/.*|\\.tdr-run)")); // no TDR run left
    }
  }

  private static String chain(Throwable e) {
    StringWriter w = new StringWriter();
    e.printStackTrace(new PrintWriter(w));
    return w.toString();
  }
}
