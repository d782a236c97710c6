package dev.tdr.cli;

import dev.tdr.core.TdrConfig;
import dev.tdr.core.s3.PartStore;
import dev.tdr.core.unload.Runs;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tdr cleanup}: deletes the temporary files of runs that nobody deleted (a SIGKILL, a crash). */
@Command(
    name = "cleanup",
    mixinStandardHelpOptions = true,
    description = {
        "Lists and deletes TDR's own temporary run prefixes under the temp dir ($TDR_TEMPDIR) that are"
            + " older than --older-than: those a killed process or a lost connection left behind. A run"
            + " is TDR's when its name is TDR's (yyyyMMdd-HHmmss-xxxxxxxx/) and its marker"
            + " (<name>.tdr-run) is beside it; nothing else under the temp dir is touched. Runs kept on"
            + " purpose (--keep-files) are only deleted with --include-kept.",
        "",
        "Example:",
        "  ./tdr cleanup --older-than 24h --dry-run"})
final class CleanupCommand implements Callable<Integer>, ConfigOptions.Uses {
  @Override
  public java.util.Collection<dev.tdr.core.SettingSpec> settings() {
    return ConfigOptions.S3;
  }

  @Spec
  CommandSpec spec;

  @picocli.CommandLine.ParentCommand
  TdrCli parent;

  @Option(names = "--older-than", defaultValue = "24h", paramLabel = "DURATION",
      description = "Only runs whose marker is older than this: 30m, 24h, 7d, PT1H or seconds (default: ${DEFAULT-VALUE}; 0 for all).")
  String olderThan;

  @Option(names = "--dry-run", description = "List what would be deleted; delete nothing.")
  boolean dryRun;

  @Option(names = "--include-kept", description = "Also delete runs kept on purpose with --keep-files / keep_files.")
  boolean includeKept;

  @Mixin
  ConfigOptions options;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    // cleanup talks to S3 only: without TDR_URL a placeholder stands in (it is never used)
    java.util.Map<String, String> env = new java.util.HashMap<>(parent.env());
    env.putIfAbsent("TDR_URL", "jdbc:redshift://unused:5439/cleanup-only");
    TdrConfig config = options.build(env, false);
    Duration age = TdrConfig.parseDuration(olderThan, "--older-than");
    Instant now = Instant.now();
    int deleted = 0;
    int kept = 0;
    int young = 0;
    int foreign = 0;
    long files = 0;
    try (PartStore store = PartStore.create(config, 4)) {
      List<Runs.Run> runs = Runs.list(store, config.tempDir());
      for (Runs.Run r : runs) {
        String what = r.prefix() + (r.host() == null ? "" : " (" + r.host() + ", "
            + TdrConfig.formatDuration(r.age(now).withNanos(0)) + " old)");
        if (!r.marked()) {
          foreign++;
          out.println("skip    " + r.prefix() + " (no marker beside it: not TDR's to delete)");
        } else if (r.keep() && !includeKept) {
          kept++;
          out.println("kept    " + what + " (kept on purpose; --include-kept deletes it)");
        } else if (r.age(now).compareTo(age) < 0) {
          young++;
          out.println("recent  " + what + " (younger than --older-than " + olderThan + ")");
        } else if (dryRun) {
          deleted++;
          out.println("would delete " + what + (r.hasFiles() ? "" : " (marker only)"));
        } else {
          int n = Runs.delete(store, r.prefix());
          files += n;
          deleted++;
          out.println("deleted " + what + ": " + n + " files and the marker");
        }
      }
    }
    out.println((dryRun ? "would delete " : "deleted ") + deleted + " run" + (deleted == 1 ? "" : "s")
        + (dryRun ? "" : " (" + files + " files)") + "; left " + young + " recent, " + kept + " kept, "
        + foreign + " not TDR's, under " + config.tempDir());
    out.flush();
    return 0;
  }
}
