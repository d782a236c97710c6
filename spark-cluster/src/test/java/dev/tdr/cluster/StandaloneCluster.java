package dev.tdr.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A Spark standalone cluster on this machine, as a distribution would run it: a master and
 * workers, each its own JVM, started through Spark's own launcher from a {@code SPARK_HOME} whose
 * {@code jars/} holds the Spark jars this build resolves (Maven copies them there). Executors are
 * started by the workers, each in its own JVM. A {@code bin/spark-submit} is provided, so jobs
 * are submitted the way the docs show.
 */
final class StandaloneCluster implements AutoCloseable {
  private static final Duration START = Duration.ofMinutes(2);

  final Path home;
  final Path work;
  final String masterUrl;
  private final Map<String, String> env;
  private final int workers;
  private final List<LoggedProcess> daemons = new ArrayList<>();

  private StandaloneCluster(Path home, Path work, String masterUrl, Map<String, String> env, int workers) {
    this.home = home;
    this.work = work;
    this.masterUrl = masterUrl;
    this.env = env;
    this.workers = workers;
  }

  /** Completes {@code home} (RELEASE, bin/, conf/) and starts a master and {@code workers} workers of one core each. */
  static StandaloneCluster start(Path home, Path work, int workers) throws IOException {
    if (!Files.isDirectory(home.resolve("jars"))) {
      throw new IllegalStateException(home.resolve("jars") + " is missing: run the module's build"
          + " (mvn verify -pl spark-cluster), which copies the Spark jars there");
    }
    // A distribution has a RELEASE file; Spark's launcher then takes its class path from jars/.
    Files.writeString(home.resolve("RELEASE"), "Spark (jars resolved by the TDR build)\n");
    Files.createDirectories(home.resolve("bin"));
    for (String script : new String[] {"spark-class", "spark-submit"}) {
      try (InputStream in = StandaloneCluster.class.getResourceAsStream(script)) {
        Path p = home.resolve("bin").resolve(script);
        Files.write(p, in.readAllBytes());
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
    }
    Files.createDirectories(home.resolve("conf"));
    Path events = work.resolve("events");
    Files.createDirectories(events);
    // read by every spark-submit: an uncompressed event log per application, small executors
    Files.writeString(home.resolve("conf/spark-defaults.conf"), String.join("\n",
        "spark.eventLog.enabled true",
        "spark.eventLog.dir " + events.toUri(),
        "spark.eventLog.compress false",
        "spark.eventLog.rolling.enabled false",
        "spark.executor.memory 512m",
        "spark.ui.enabled false",
        ""));

    Map<String, String> env = new LinkedHashMap<>();
    env.put("SPARK_HOME", home.toString());
    env.put("SPARK_CONF_DIR", home.resolve("conf").toString());
    env.put("SPARK_SCALA_VERSION", "2.13"); // the launcher cannot tell it from a distribution's layout
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("SPARK_DAEMON_MEMORY", "384m");
    env.put("SPARK_MASTER_OPTS", "-Dspark.master.rest.enabled=false");
    String javaHome = System.getProperty("java.home");
    env.put("JAVA_HOME", javaHome);
    env.put("PATH", javaHome + "/bin:" + System.getenv("PATH"));

    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String url = "spark://127.0.0.1:" + port;
    StandaloneCluster c = new StandaloneCluster(home, work, url, env, workers);
    try {
      LoggedProcess master = c.daemon("master", List.of("org.apache.spark.deploy.master.Master",
          "--host", "127.0.0.1", "--port", String.valueOf(port), "--webui-port", "0"));
      master.await(Pattern.compile("I have been elected leader"), START);
      for (int i = 1; i <= workers; i++) {
        LoggedProcess w = c.daemon("worker-" + i, List.of("org.apache.spark.deploy.worker.Worker",
            "--host", "127.0.0.1", "--cores", "1", "--memory", "1g", "--webui-port", "0",
            "--work-dir", work.resolve("worker-" + i).toString(), url));
        w.await(Pattern.compile("Successfully registered with master"), START);
      }
    } catch (RuntimeException | Error e) {
      c.close();
      throw e;
    }
    return c;
  }

  private LoggedProcess daemon(String name, List<String> mainAndArgs) {
    List<String> cmd = new ArrayList<>();
    cmd.add(home.resolve("bin/spark-class").toString());
    cmd.addAll(mainAndArgs);
    LoggedProcess p = LoggedProcess.start(name, cmd, env, work, work.resolve("logs/" + name + ".log"));
    daemons.add(p);
    return p;
  }

  /** The environment a job's shell gets: SPARK_HOME and the rest, plus {@code extra}. */
  Map<String, String> environment(Map<String, String> extra) {
    Map<String, String> e = new LinkedHashMap<>(env);
    e.put("SPARK_MASTER", masterUrl);
    e.putAll(extra);
    return e;
  }

  /** Runs {@code script} with bash ({@code -e}) in {@code dir}; its output goes to logs/{@code name}.log. */
  LoggedProcess shell(String name, String script, Path dir, Map<String, String> extraEnv) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return LoggedProcess.start(name, List.of("bash", "-e", "-c", script), environment(extraEnv), dir,
        work.resolve("logs/" + name + ".log"));
  }

  /** Where the workers keep each application's executor directories (stdout, stderr). */
  List<Path> workerDirs() {
    List<Path> out = new ArrayList<>();
    for (int i = 1; i <= workers; i++) {
      out.add(work.resolve("worker-" + i));
    }
    return out;
  }

  @Override
  public void close() {
    for (int i = daemons.size() - 1; i >= 0; i--) {
      daemons.get(i).close();
    }
  }
}
