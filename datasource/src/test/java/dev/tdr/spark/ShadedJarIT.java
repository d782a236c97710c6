package dev.tdr.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.junit.jupiter.api.Test;

/**
 * The connector jar for {@code spark-submit --jars}: Spark finds {@code tdr-redshift} through the
 * service file, and the registered class (with everything it needs to read) loads when the only
 * other classes are Spark's and the JDK's. If it did not, Spark would fail every format lookup.
 */
class ShadedJarIT {

  private static Path shadedJar() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      return files.filter(p -> p.getFileName().toString().matches("tdr-datasource-.*-spark\\.jar"))
          .findFirst().orElseThrow(() -> new AssertionError("the shaded jar was not built"));
    }
  }

  /** Sees the JDK, Scala and Spark (from the test class path), nothing else. */
  private static final class SparkOnly extends ClassLoader {
    private final ClassLoader full = ShadedJarIT.class.getClassLoader();

    SparkOnly() {
      super(null);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.") || name.startsWith("sun.")) {
        return ClassLoader.getPlatformClassLoader().loadClass(name);
      }
      if (name.startsWith("scala.") || name.startsWith("org.apache.spark.") || name.startsWith("org.slf4j.")) {
        return full.loadClass(name);
      }
      throw new ClassNotFoundException(name + " (only Spark is visible)");
    }

    @Override
    public URL getResource(String name) {
      return null;
    }
  }

  @Test
  void theRegisteredSourceLoadsWithOnlySparkPresent() throws Exception {
    Path jar = shadedJar();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, new SparkOnly())) {
      List<String> names = new ArrayList<>();
      for (DataSourceRegister r : ServiceLoader.load(DataSourceRegister.class, loader)) {
        names.add(r.shortName());
        assertThat(r.getClass().getClassLoader()).isSameAs(loader);
      }
      assertThat(names).containsExactly("tdr-redshift");
      // what a read needs at run time is in the jar too: the engine, the driver, the SDK
      for (String c : new String[] {"dev.tdr.spark.TdrTable", "dev.tdr.spark.TdrPartitionReader",
          "dev.tdr.core.unload.UnloadEngine", "dev.tdr.core.csv.PartParser", "com.amazon.redshift.jdbc.Driver",
          "software.amazon.awssdk.services.s3.S3Client", "dev.tdr.shaded.univocity.parsers.csv.CsvParser"}) {
        assertThat(Class.forName(c, true, loader).getClassLoader()).as(c).isSameAs(loader);
      }
      // snippets render inside the jar (jinjava and its relocated guava/yaml)
      Class<?> lib = Class.forName("dev.tdr.snippets.SnippetLibrary", true, loader);
      Object empty = lib.getMethod("empty").invoke(null);
      Object withOne = lib.getMethod("with", String.class, String.class, String.class)
          .invoke(empty, "ott_app", "app IN ('roku')", "TV apps");
      assertThat(lib.getMethod("render", String.class, java.util.Map.class)
          .invoke(withOne, "where {{ ott_app }} and day = {{ d | sql_literal }}", java.util.Map.of("d", "it's")))
          .isEqualTo("where app IN ('roku') and day = 'it''s'");
    }
  }

  @Test
  void clashingLibrariesAreRelocated() throws Exception {
    try (JarFile jar = new JarFile(new File(shadedJar().toString()))) {
      assertThat(jar.stream().map(e -> e.getName()).filter(n -> n.startsWith("com/fasterxml/")
          || n.startsWith("com/univocity/") || n.startsWith("com/google/") || n.startsWith("org/yaml/") || n.startsWith("org/apache/hc/") || n.startsWith("org/apache/spark/")
          || n.startsWith("scala/") || n.startsWith("org/slf4j/"))).isEmpty();
      assertThat(jar.getEntry("META-INF/services/org.apache.spark.sql.sources.DataSourceRegister")).isNotNull();
    }
  }
}
