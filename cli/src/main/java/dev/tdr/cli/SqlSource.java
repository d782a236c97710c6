package dev.tdr.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** SQL given as arguments, or read from a file or stdin ({@code --file -}); exactly one. */
final class SqlSource {
  @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Read the SQL from FILE ('-' for stdin).")
  String file;

  @Parameters(paramLabel = "SQL", arity = "1..*", description = "The SQL (arguments joined with spaces).")
  List<String> sql;

  /** The SQL text. */
  String text(CommandSpec spec) throws IOException {
    if (file == null) {
      return String.join(" ", sql);
    }
    if ("-".equals(file)) {
      return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Path p = Path.of(file);
    String problem = !Files.exists(p) ? "no such file" : Files.isDirectory(p) ? "is a directory"
        : !Files.isReadable(p) ? "permission denied" : null;
    if (problem != null) {
      throw new ParameterException(spec.commandLine(), "--file " + file + ": " + problem);
    }
    return Files.readString(p, StandardCharsets.UTF_8);
  }
}
