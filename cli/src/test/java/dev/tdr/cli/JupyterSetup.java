package dev.tdr.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Jupyter and Chromium from Debian's packages for the notebook tests: installed here (CI runs as
 * root on a fresh machine) when missing, so {@code mvn -B verify} needs no manual step.
 */
final class JupyterSetup {
  static final Path PYTHON = Path.of("/usr/bin/python3");
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final List<String> PACKAGES = List.of("jupyter-client", "jupyter-nbconvert", "python3-nbclient",
      "python3-ipykernel", "python3-nbformat", "jupyter-notebook", "chromium");

  private JupyterSetup() {}

  /** Installs the packages if Python cannot import nbclient or Chromium is missing. */
  static synchronized void ensure() throws IOException, InterruptedException {
    if (ready()) {
      return;
    }
    if (!"root".equals(System.getProperty("user.name"))) {
      throw new IllegalStateException("the notebook tests need Debian's " + String.join(" ", PACKAGES)
          + ": install them (sudo apt-get install " + String.join(" ", PACKAGES) + ") or run the tests as root");
    }
    System.err.println("[NotebookIT] installing " + String.join(" ", PACKAGES) + " with apt-get");
    run(List.of("apt-get", "update", "-qq"));
    List<String> install = new ArrayList<>(List.of("apt-get", "install", "-y", "-qq", "--no-install-recommends"));
    install.addAll(PACKAGES);
    run(install);
    if (!ready()) {
      throw new IllegalStateException("apt-get installed " + PACKAGES + " but /usr/bin/python3 still cannot import nbclient or notebook");
    }
  }

  private static boolean ready() throws IOException, InterruptedException {
    if (!Files.isExecutable(PYTHON) || !Files.isExecutable(CHROMIUM)) {
      return false;
    }
    return run(new ProcessBuilder(PYTHON.toString(), "-c", "import nbclient, nbformat, jupyter_client, notebook.nbextensions"), 1).status() == 0;
  }

  private static void run(List<String> cmd) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
    Result r = run(pb, 20);
    if (r.status() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + r.output());
    }
  }

  /** What a process printed (stdout and stderr) and its exit status. */
  record Result(int status, String output) {}

  /**
   * Runs {@code pb} with its output in a file (so a process that hangs cannot block the reading),
   * killed with its children after {@code minutes}.
   */
  static Result run(ProcessBuilder pb, long minutes) throws IOException, InterruptedException {
    Path log = Files.createTempFile("tdr-process", ".log");
    try {
      Process p = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", pb.command()) + " did not finish in " + minutes
            + " min:\n" + Files.readString(log, StandardCharsets.UTF_8));
      }
      return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
