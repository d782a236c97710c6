package dev.tdr.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The paths that run as a fresh process each time, timed from the process's start to its exit: a
 * JVM running {@link ColdRun} with this JVM's class path and options (as the command line runs),
 * and the Python peers with Debian's {@code /usr/bin/python3}. The Python packages (python3-pandas,
 * python3-boto3, python3-psycopg2) are installed with apt-get when missing and this runs as root;
 * otherwise the Python paths are skipped with a note.
 */
final class Processes implements AutoCloseable {
  static final Path PYTHON = Path.of("/usr/bin/python3");
  static final List<String> PACKAGES = List.of("python3-pandas", "python3-boto3", "python3-psycopg2");
  private static final String[] SCRIPTS = {"common.py", "pandas_read_sql.py", "seed_python.py"};
  private static final long TIMEOUT_MINUTES = 15;
  private static final Pattern ROWS = Pattern.compile("rows=(\\d+)");

  private final Map<String, String> env;
  private final PrintWriter log;
  private Path scripts;
  private String pythonProblem;
  private boolean pythonChecked;

  Processes(Map<String, String> env, PrintWriter log) {
    this.env = env;
    this.log = log;
  }

  /** Null if {@code path} can run here, else why not. */
  String unavailable(BenchPath path) throws IOException, InterruptedException {
    if (path.kind() != BenchPath.Kind.PYTHON) {
      return null;
    }
    if (!pythonChecked) {
      pythonChecked = true;
      pythonProblem = ensurePython();
    }
    return pythonProblem;
  }

  private String ensurePython() throws IOException, InterruptedException {
    if (pythonReady()) {
      return null;
    }
    if (!"root".equals(System.getProperty("user.name"))) {
      return "Debian's " + String.join(", ", PACKAGES) + " are not installed (sudo apt-get install "
          + String.join(" ", PACKAGES) + "; PyPI is not used)";
    }
    log.println("tdr bench: installing " + String.join(" ", PACKAGES) + " with apt-get for the Python peers...");
    log.flush();
    for (List<String> cmd : List.of(List.of("apt-get", "update", "-qq"),
        concat(List.of("apt-get", "install", "-y", "-qq", "--no-install-recommends"), PACKAGES))) {
      ProcessBuilder pb = new ProcessBuilder(cmd);
      pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
      Outcome o = run(pb, 20);
      if (o.status() != 0) {
        return String.join(" ", cmd) + " failed: " + last(o.output(), 3);
      }
    }
    return pythonReady() ? null : "apt-get installed " + PACKAGES + " but python3 still cannot import them";
  }

  private static boolean pythonReady() throws IOException, InterruptedException {
    return Files.isExecutable(PYTHON)
        && run(new ProcessBuilder(PYTHON.toString(), "-c", "import pandas, boto3, psycopg2"), 2).status() == 0;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /** Runs {@code path} once on {@code table} in a fresh process; returns the rows it read. */
  long run(BenchPath path, String table, long rows) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    if (path.kind() == BenchPath.Kind.PROCESS) {
      List<String> java = javaCommand();
      if (path == BenchPath.TDR_LOCAL_COLD) {
        java.addAll(1, quickOptions()); // as the tdr script starts `tdr query`
      }
      cmd.addAll(java);
      cmd.add(ColdRun.class.getName());
    } else {
      cmd.add(PYTHON.toString());
      cmd.add(scripts().resolve(path == BenchPath.PANDAS_READ_SQL ? "pandas_read_sql.py" : "seed_python.py").toString());
    }
    if (path.kind() == BenchPath.Kind.PROCESS) {
      cmd.add(path.label());
    }
    cmd.add(table);
    cmd.add(String.valueOf(rows));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().keySet().removeIf(k -> k.startsWith("TDR_"));
    pb.environment().putAll(env);
    pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
    Outcome o = run(pb, TIMEOUT_MINUTES);
    Matcher m = ROWS.matcher(o.output());
    if (o.status() != 0 || !m.find()) {
      throw new IllegalStateException(path.label() + " failed (exit " + o.status() + "):\n  " + last(o.output(), 15));
    }
    return Long.parseLong(m.group(1));
  }

  /**
   * The JVM options the {@code tdr} script starts one-shot commands ({@code tdr query}) with, from
   * {@code TDR_QUICK_JVM_OPTS} (the script sets it); none when the bench runs outside the script.
   */
  static List<String> quickOptions() {
    String opts = System.getenv("TDR_QUICK_JVM_OPTS");
    return opts == null || opts.isBlank() ? List.of() : List.of(opts.strip().split("\\s+"));
  }

  /** java with this JVM's module options and heap limit, and its class path. */
  static List<String> javaCommand() {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-") || arg.startsWith("-Dio.netty") || arg.startsWith("-Djdk.reflect")
          || arg.startsWith("-Dtdr.")) {
        cmd.add(arg);
      }
    }
    cmd.add("-Xmx" + Math.max(2, Runtime.getRuntime().maxMemory() >> 30) + "g");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    return cmd;
  }

  private Path scripts() throws IOException {
    if (scripts == null) {
      scripts = Files.createTempDirectory("tdr-bench-python");
      for (String s : SCRIPTS) {
        try (InputStream in = Processes.class.getResourceAsStream("python/" + s)) {
          if (in == null) {
            throw new IOException("python/" + s + " is missing from the jar");
          }
          Files.copy(in, scripts.resolve(s));
        }
      }
    }
    return scripts;
  }

  /** What a process printed (stdout and stderr) and its exit status. */
  record Outcome(int status, String output) {}

  /** Runs {@code pb} with its output in a file, killed with its children after {@code minutes}. */
  static Outcome run(ProcessBuilder pb, long minutes) throws IOException, InterruptedException {
    Path out = Files.createTempFile("tdr-bench-process", ".log");
    try {
      Process p = pb.redirectErrorStream(true).redirectOutput(out.toFile()).start();
      if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly().waitFor();
        return new Outcome(-1, "did not finish in " + minutes + " min\n" + Files.readString(out, StandardCharsets.UTF_8));
      }
      return new Outcome(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private static String last(String output, int lines) {
    List<String> l = output.lines().toList();
    return String.join("\n  ", l.subList(Math.max(0, l.size() - lines), l.size()));
  }

  @Override
  public void close() {
    if (scripts != null) {
      for (String s : SCRIPTS) {
        try {
          Files.deleteIfExists(scripts.resolve(s));
        } catch (IOException ignored) {
          // a temp file
        }
      }
      try {
        Files.deleteIfExists(scripts);
      } catch (IOException ignored) {
        // a temp dir
      }
    }
  }
}
