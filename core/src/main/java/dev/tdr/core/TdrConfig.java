package dev.tdr.core;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything TDR needs to run a query: where Redshift is, where UNLOAD may write, how S3 is
 * reached and how results are read. Immutable; build it with {@link #builder()}, or read it from
 * {@code TDR_*} environment variables and a properties file with {@link #fromEnvironment()}.
 * Builder calls override what the environment says. {@link #toString()} hides secrets.
 *
 * <pre>{@code
 * TdrConfig config = TdrConfig.fromEnvironment().toBuilder().queryTimeout(Duration.ofMinutes(5)).build();
 * }</pre>
 *
 * <p>Every setting, its environment variable and properties key: see {@link Setting}.
 */
public final class TdrConfig {

  /** One setting: its environment variable, its key in a properties file, and what it does. */
  public enum Setting {
    /** JDBC URL of Redshift, {@code jdbc:redshift://host:5439/db}. Required. */
    URL("TDR_URL", "url"),
    /** Database user. Required unless the driver properties authenticate (IAM). */
    USER("TDR_USER", "user"),
    /** Database password (a secret: never logged or printed). */
    PASSWORD("TDR_PASSWORD", "password"),
    /** Extra {@code redshift-jdbc42} properties, {@code k=v;k=v} (IAM auth, timeouts, ...). */
    DRIVER_PROPERTIES("TDR_DRIVER_PROPERTIES", "driver_properties"),
    /** S3 prefix UNLOAD writes under, {@code s3://bucket/prefix/}. Required. */
    TEMPDIR("TDR_TEMPDIR", "tempdir"),
    /**
     * IAM role ARN Redshift assumes to write to S3. Without it, UNLOAD forwards the client's own
     * AWS credentials (key, secret and session token from the default provider chain).
     */
    IAM_ROLE("TDR_IAM_ROLE", "iam_role"),
    /** S3 endpoint override (emulator, LocalStack, MinIO), e.g. {@code http://127.0.0.1:9000}. */
    S3_ENDPOINT("TDR_S3_ENDPOINT", "s3_endpoint"),
    /** Path-style S3 access; default true when an endpoint override is set, else false. */
    S3_PATH_STYLE("TDR_S3_PATH_STYLE", "s3_path_style"),
    /** Region of the temp-dir bucket; default {@code AWS_REGION}, then {@code us-east-1}. */
    REGION("TDR_REGION", "region"),
    /** Results up to this size (manifest bytes) are read locally; default {@code 1gb}. */
    LOCAL_THRESHOLD("TDR_LOCAL_THRESHOLD", "local_threshold"),
    /** UNLOAD's MAXFILESIZE, e.g. {@code 256mb} (5mb to 6.2gb); default Redshift's. */
    MAX_FILE_SIZE("TDR_MAX_FILE_SIZE", "max_file_size"),
    /** Threads reading parts; default: every available core. */
    PARALLELISM("TDR_PARALLELISM", "parallelism"),
    /** Keep the UNLOAD files after reading ({@code true}/{@code false}); default false. */
    KEEP_FILES("TDR_KEEP_FILES", "keep_files"),
    /** Query timeout, seconds or ISO-8601 ({@code PT5M}); default none. */
    QUERY_TIMEOUT("TDR_QUERY_TIMEOUT", "query_timeout"),
    /**
     * Snippet sources rendered into every query: directories of {@code .sql} files and/or
     * {@code .yaml}/{@code .properties} files, separated by {@code :} or {@code ,}, later ones
     * overriding earlier ones; default none.
     */
    SNIPPETS("TDR_SNIPPETS", "snippets"),
    /**
     * The team's catalog descriptions file (YAML: table and column descriptions merged over the
     * warehouse's remarks in notebook and {@code tdr catalog} searches); default none.
     */
    CATALOG("TDR_CATALOG", "catalog");

    private final String env;
    private final String key;

    Setting(String env, String key) {
      this.env = env;
      this.key = key;
    }

    /** The environment variable, e.g. {@code TDR_URL}. */
    public String env() {
      return env;
    }

    /** The key in a properties file, e.g. {@code url}. */
    public String key() {
      return key;
    }
  }

  /** Environment variable naming a properties file to read settings from. */
  public static final String CONFIG_FILE_ENV = "TDR_CONFIG";
  /** Default local threshold: 1 GiB. */
  public static final long DEFAULT_LOCAL_THRESHOLD = 1L << 30;

  private final String url;
  private final String user;
  private final String password;
  private final Map<String, String> driverProperties;
  private final String tempDir;
  private final String iamRole;
  private final URI s3Endpoint;
  private final boolean pathStyle;
  private final String region;
  private final boolean regionExplicit;
  private final String awsAccessKeyId;
  private final String awsSecretAccessKey;
  private final String awsSessionToken;
  private final long localThreshold;
  private final Long maxFileSize;
  private final Integer parallelism;
  private final boolean keepFiles;
  private final Duration queryTimeout;
  private final String queryTimeoutSource;
  private final List<Path> snippets;
  private final Path catalog;

  private TdrConfig(Builder b) {
    this.url = require(b.url, Setting.URL, "jdbc:redshift://host:5439/dev");
    if (!url.startsWith("jdbc:redshift:")) {
      throw new ConfigException(Setting.URL.env + " must be a jdbc:redshift:// URL, got '" + url + "'");
    }
    this.user = b.user;
    this.password = b.password;
    this.driverProperties = Map.copyOf(b.driverProperties);
    registerSecrets(b);
    // required only by what UNLOADs (tempDir() says so): tdr exec, --via jdbc and the catalog run without it
    String dir = b.tempDir == null || b.tempDir.isBlank() ? null : b.tempDir.strip();
    if (dir != null && (!dir.startsWith("s3://") || dir.length() <= 5 || dir.charAt(5) == '/')) {
      throw new ConfigException(Setting.TEMPDIR.env + " must be s3://bucket/prefix/, got '" + dir + "'");
    }
    this.tempDir = dir == null ? null : dir.endsWith("/") ? dir : dir + "/";
    this.iamRole = blankToNull(b.iamRole);
    this.s3Endpoint = b.s3Endpoint;
    this.pathStyle = b.pathStyle != null ? b.pathStyle : b.s3Endpoint != null;
    this.region = b.region != null ? b.region : b.fallbackRegion != null ? b.fallbackRegion : "us-east-1";
    this.regionExplicit = b.region != null;
    if ((b.awsAccessKeyId == null) != (b.awsSecretAccessKey == null)) {
      throw new ConfigException("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be given together"
          + " (or neither, to use the AWS default credentials chain)");
    }
    this.awsAccessKeyId = blankToNull(b.awsAccessKeyId);
    this.awsSecretAccessKey = b.awsSecretAccessKey;
    this.awsSessionToken = blankToNull(b.awsSessionToken);
    if (b.localThreshold <= 0) {
      throw new ConfigException(Setting.LOCAL_THRESHOLD.env + " must be > 0 bytes, got " + b.localThreshold);
    }
    this.localThreshold = b.localThreshold;
    if (b.maxFileSize != null && (b.maxFileSize < 5L * 1024 * 1024 || b.maxFileSize > (long) (6.2 * (1L << 30)))) {
      throw new ConfigException(Setting.MAX_FILE_SIZE.env + " must be between 5mb and 6.2gb (Redshift's MAXFILESIZE range), got "
          + b.maxFileSize + " bytes");
    }
    this.maxFileSize = b.maxFileSize;
    if (b.parallelism != null && (b.parallelism < 1 || b.parallelism > 256)) {
      throw new ConfigException(Setting.PARALLELISM.env + " must be between 1 and 256, got " + b.parallelism
          + " (leave it unset to use every core)");
    }
    this.parallelism = b.parallelism;
    this.keepFiles = b.keepFiles;
    if (b.queryTimeout != null && b.queryTimeout.isNegative()) {
      throw new ConfigException(Setting.QUERY_TIMEOUT.env + " must not be negative, got " + b.queryTimeout);
    }
    this.queryTimeout = b.queryTimeout == null || b.queryTimeout.isZero() ? null : b.queryTimeout;
    this.queryTimeoutSource = b.queryTimeoutSource == null ? "the query timeout" : b.queryTimeoutSource;
    this.snippets = List.copyOf(b.snippets);
    this.catalog = b.catalog;
  }

  private static String require(String v, Setting s, String example) {
    if (v == null || v.isBlank()) {
      throw new ConfigException("missing setting " + s.env + " (properties key '" + s.key
          + "', builder ." + camel(s.key) + "(...)), e.g. " + example);
    }
    return v.strip();
  }

  private static String camel(String key) {
    StringBuilder sb = new StringBuilder();
    boolean up = false;
    for (char c : key.toCharArray()) {
      if (c == '_') {
        up = true;
      } else {
        sb.append(up ? Character.toUpperCase(c) : c);
        up = false;
      }
    }
    return sb.toString();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this configuration's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.url = url;
    b.user = user;
    b.password = password;
    b.driverProperties.putAll(driverProperties);
    b.tempDir = tempDir;
    b.iamRole = iamRole;
    b.s3Endpoint = s3Endpoint;
    b.pathStyle = pathStyle;
    b.region = regionExplicit ? region : null;
    b.fallbackRegion = region;
    b.awsAccessKeyId = awsAccessKeyId;
    b.awsSecretAccessKey = awsSecretAccessKey;
    b.awsSessionToken = awsSessionToken;
    b.localThreshold = localThreshold;
    b.maxFileSize = maxFileSize;
    b.parallelism = parallelism;
    b.keepFiles = keepFiles;
    b.queryTimeout = queryTimeout;
    b.queryTimeoutSource = queryTimeoutSource;
    b.snippets.addAll(snippets);
    b.catalog = catalog;
    return b;
  }

  /** Settings from this process's environment (and the {@code TDR_CONFIG} properties file). */
  public static TdrConfig fromEnvironment() {
    return builderFromEnvironment(System.getenv()).build();
  }

  /**
   * A builder pre-filled from {@code env}: first the properties file named by {@code TDR_CONFIG}
   * (if any), then {@code TDR_*} variables over it. {@code AWS_REGION} is the region's fallback.
   */
  public static Builder builderFromEnvironment(Map<String, String> env) {
    Builder b = new Builder();
    String file = env.get(CONFIG_FILE_ENV);
    if (file != null && !file.isBlank()) {
      b.properties(Path.of(file));
    }
    String awsRegion = env.getOrDefault("AWS_REGION", env.get("AWS_DEFAULT_REGION"));
    if (awsRegion != null && !awsRegion.isBlank()) {
      b.fallbackRegion = awsRegion.strip();
    }
    if (env.get("AWS_ACCESS_KEY_ID") != null && env.get("AWS_SECRET_ACCESS_KEY") != null) {
      b.awsCredentials(env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY"), env.get("AWS_SESSION_TOKEN"));
    }
    for (Setting s : Setting.values()) {
      String v = env.get(s.env);
      if (v != null && !v.isBlank()) {
        b.set(s, v, s.env);
      }
    }
    return b;
  }

  // ------------------------------------------------------------------ accessors

  public String url() {
    return url;
  }

  public String user() {
    return user;
  }

  /** The password; a secret, never printed. */
  public String password() {
    return password;
  }

  public Map<String, String> driverProperties() {
    return driverProperties;
  }

  /** {@code s3://bucket/prefix/}, always ending in {@code /}. */
  public String tempDir() {
    return require(tempDir, Setting.TEMPDIR, "s3://my-bucket/tdr-temp/");
  }

  /** True if an UNLOAD prefix is configured ({@link #tempDir()} throws, naming the setting, if not). */
  public boolean hasTempDir() {
    return tempDir != null;
  }

  /** The IAM role for UNLOAD, or null to forward the client's AWS credentials. */
  public String iamRole() {
    return iamRole;
  }

  public URI s3Endpoint() {
    return s3Endpoint;
  }

  public boolean pathStyle() {
    return pathStyle;
  }

  public String region() {
    return region;
  }

  /** True if the region was set on purpose (TDR_REGION/builder): UNLOAD then names it (REGION). */
  public boolean regionExplicit() {
    return regionExplicit;
  }

  /** How to reach S3 (endpoint, path style, region, credentials), for readers on other machines. */
  public dev.tdr.core.s3.S3Settings s3Settings() {
    return new dev.tdr.core.s3.S3Settings(s3Endpoint, pathStyle, region, awsAccessKeyId,
        awsSecretAccessKey, awsSessionToken);
  }

  /** Access key id for S3 and forwarded UNLOAD credentials; null for the AWS default chain. */
  public String awsAccessKeyId() {
    return awsAccessKeyId;
  }

  /** Secret access key (a secret, never printed); null for the AWS default chain. */
  public String awsSecretAccessKey() {
    return awsSecretAccessKey;
  }

  /** Session token (a secret), or null. */
  public String awsSessionToken() {
    return awsSessionToken;
  }

  public long localThreshold() {
    return localThreshold;
  }

  /** MAXFILESIZE in bytes, or null for Redshift's default. */
  public Long maxFileSize() {
    return maxFileSize;
  }

  /** Reader threads, or null for every core. */
  public Integer parallelism() {
    return parallelism;
  }

  public boolean keepFiles() {
    return keepFiles;
  }

  /** The query timeout, or null for none. */
  public Duration queryTimeout() {
    return queryTimeout;
  }

  /** Where the query timeout was set ({@code TDR_QUERY_TIMEOUT}, {@code --query-timeout}, ...), for messages. */
  public String queryTimeoutSource() {
    return queryTimeoutSource;
  }

  /** JDBC connection properties: user, password and the driver properties (holds secrets: never print it). */
  public java.util.Properties connectionProperties() {
    java.util.Properties p = new java.util.Properties();
    if (user != null) {
      p.setProperty("user", user);
    }
    if (password != null) {
      p.setProperty("password", password);
    }
    p.putAll(driverProperties);
    return p;
  }

  /** Snippet sources (directories, YAML or properties files), in layering order; may be empty. */
  public List<Path> snippets() {
    return snippets;
  }

  /** The catalog descriptions file (YAML), or null. */
  public Path catalog() {
    return catalog;
  }

  @Override
  public String toString() {
    Map<String, String> shown = new LinkedHashMap<>();
    driverProperties.forEach((k, v) -> shown.put(k, Secrets.isSecretKey(k) ? "***" : v));
    return "TdrConfig[url=" + Secrets.redactUrl(url) + ", user=" + user + ", password=" + (password == null ? "none" : "***")
        + ", driverProperties=" + shown + ", tempDir=" + tempDir
        + ", auth=" + (iamRole != null ? "IAM_ROLE " + iamRole : "forwarded AWS credentials")
        + ", s3Endpoint=" + (s3Endpoint == null ? "AWS" : s3Endpoint) + ", pathStyle=" + pathStyle
        + ", region=" + region
        + ", awsCredentials=" + (awsAccessKeyId == null ? "default chain" : "explicit ***")
        + ", localThreshold=" + localThreshold
        + ", maxFileSize=" + (maxFileSize == null ? "default" : maxFileSize)
        + ", parallelism=" + (parallelism == null ? "all cores" : parallelism)
        + ", keepFiles=" + keepFiles + ", queryTimeout=" + (queryTimeout == null ? "none" : queryTimeout)
        + (snippets.isEmpty() ? "" : ", snippets=" + snippets)
        + (catalog == null ? "" : ", catalog=" + catalog) + "]";
  }

  /** Every secret this configuration holds, for {@link Secrets#scrub} to mask in any message. */
  private static void registerSecrets(Builder b) {
    Secrets.register(b.password);
    Secrets.register(b.awsSecretAccessKey);
    Secrets.register(b.awsSessionToken);
    b.driverProperties.forEach((k, v) -> {
      if (Secrets.isSecretKey(k)) {
        Secrets.register(v);
      }
    });
    Secrets.registerUrlSecrets(b.url);
  }

  // ------------------------------------------------------------------ parsing helpers

  private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(b|kb|k|mb|m|gb|g)?");

  /** Parses {@code 1gb}, {@code 500 MB}, {@code 6.2gb} or a plain byte count. */
  public static long parseSize(String text, String settingName) {
    Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new ConfigException(settingName + "='" + text + "' is not a size; use e.g. 1gb, 500mb or a byte count");
    }
    double n = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2);
    long mult = switch (unit) {
      case "kb", "k" -> 1L << 10;
      case "mb", "m" -> 1L << 20;
      case "gb", "g" -> 1L << 30;
      default -> 1L;
    };
    return Math.round(n * mult);
  }

  static boolean parseBoolean(String text, String settingName) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1", "on" -> true;
      case "false", "no", "0", "off" -> false;
      default -> throw new ConfigException(settingName + "='" + text + "' is not a boolean; use true or false");
    };
  }

  private static final Pattern DURATION_PART =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|seconds?|secs|sec|s|minutes?|mins|min|m|hours?|hrs|hr|h|days?|d)");

  /**
   * A duration as people write one: seconds ({@code 300}, {@code 2.5}), units ({@code 30s},
   * {@code 5m}, {@code 1h}, {@code 1h30m}, {@code 500ms}, {@code 2d}) or ISO-8601 ({@code PT5M});
   * anything else is a {@link ConfigException} naming {@code settingName}.
   */
  public static Duration parseDuration(String text, String settingName) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    ConfigException bad = new ConfigException(settingName + "='" + text
        + "' is not a duration; use seconds (300), units (30s, 5m, 1h, 1h30m) or ISO-8601 (PT5M)");
    if (t.matches("\\d+(\\.\\d+)?")) {
      return Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000));
    }
    if (t.startsWith("p")) {
      try {
        return Duration.parse(t.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw bad;
      }
    }
    Matcher m = DURATION_PART.matcher(t);
    double millis = 0;
    int at = 0;
    while (at < t.length()) {
      if (!m.find(at) || m.start() != at) {
        throw bad;
      }
      double n = Double.parseDouble(m.group(1));
      String unit = m.group(2);
      millis += n * (unit.equals("ms") ? 1 : unit.startsWith("s") ? 1_000 : unit.startsWith("m") ? 60_000
          : unit.startsWith("h") ? 3_600_000 : 86_400_000);
      at = m.end();
      while (at < t.length() && t.charAt(at) == ' ') {
        at++;
      }
    }
    if (at == 0) {
      throw bad;
    }
    return Duration.ofMillis(Math.round(millis));
  }

  /** {@code d} as people write it: {@code 30s}, {@code 1.5s}, {@code 5m}, {@code 1h30m}, {@code 250ms}. */
  public static String formatDuration(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + "ms";
    }
    if (ms < 60_000) {
      return ms % 1000 == 0 ? ms / 1000 + "s" : java.math.BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString() + "s";
    }
    StringBuilder b = new StringBuilder();
    long h = ms / 3_600_000;
    long m = ms / 60_000 % 60;
    long sec = ms / 1000 % 60;
    if (h > 0) {
      b.append(h).append('h');
    }
    if (m > 0) {
      b.append(m).append('m');
    }
    if (sec > 0 || ms % 1000 != 0) {
      b.append(ms % 1000 == 0 ? String.valueOf(sec) : java.math.BigDecimal.valueOf(ms % 60_000, 3).stripTrailingZeros().toPlainString()).append('s');
    }
    return b.toString();
  }

  /** {@code a:b,c} as paths (both {@code :} and {@code ,} separate; blanks ignored). */
  public static List<Path> parsePaths(String text) {
    List<Path> out = new ArrayList<>();
    for (String part : text.split("[,:" + Pattern.quote(java.io.File.pathSeparator) + "]")) {
      if (!part.isBlank()) {
        out.add(Path.of(part.strip()));
      }
    }
    return out;
  }

  static Map<String, String> parseDriverProperties(String text, String settingName) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : text.split(";")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException(settingName + " must be k=v pairs separated by ';', got '"
            + (Secrets.isSecretKey(pair) ? "***" : pair.strip()) + "'");
      }
      out.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
    }
    return out;
  }

  /** Builds a {@link TdrConfig}; {@link #build()} validates and names any bad setting. */
  public static final class Builder {
    private String url;
    private String user;
    private String password;
    private final Map<String, String> driverProperties = new LinkedHashMap<>();
    private String tempDir;
    private String iamRole;
    private URI s3Endpoint;
    private Boolean pathStyle;
    private String region;
    private String fallbackRegion;
    private String awsAccessKeyId;
    private String awsSecretAccessKey;
    private String awsSessionToken;
    private long localThreshold = DEFAULT_LOCAL_THRESHOLD;
    private Long maxFileSize;
    private Integer parallelism;
    private boolean keepFiles;
    private Duration queryTimeout;
    private String queryTimeoutSource;
    private final List<Path> snippets = new ArrayList<>();
    private Path catalog;

    private Builder() {}

    public Builder url(String url) {
      this.url = url;
      return this;
    }

    public Builder user(String user) {
      this.user = user;
      return this;
    }

    public Builder password(String password) {
      this.password = password;
      return this;
    }

    /** Adds a {@code redshift-jdbc42} connection property (e.g. for IAM authentication). */
    public Builder driverProperty(String key, String value) {
      this.driverProperties.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
      return this;
    }

    public Builder tempDir(String tempDir) {
      this.tempDir = tempDir;
      return this;
    }

    /** UNLOAD with {@code IAM_ROLE '<arn>'} (or {@code default}); null to forward credentials. */
    public Builder iamRole(String iamRole) {
      this.iamRole = iamRole;
      return this;
    }

    public Builder s3Endpoint(URI endpoint) {
      this.s3Endpoint = endpoint;
      return this;
    }

    public Builder pathStyle(boolean pathStyle) {
      this.pathStyle = pathStyle;
      return this;
    }

    public Builder region(String region) {
      this.region = region;
      return this;
    }

    /**
     * AWS credentials for reading parts and, without an IAM role, for UNLOAD to write with
     * (key, secret, optional session token). Without them the AWS default chain is used.
     */
    public Builder awsCredentials(String accessKeyId, String secretAccessKey, String sessionToken) {
      this.awsAccessKeyId = accessKeyId;
      this.awsSecretAccessKey = secretAccessKey;
      this.awsSessionToken = sessionToken;
      return this;
    }

    /** Results up to this many bytes are read locally. */
    public Builder localThreshold(long bytes) {
      this.localThreshold = bytes;
      return this;
    }

    /** UNLOAD's MAXFILESIZE in bytes (null: Redshift's default). */
    public Builder maxFileSize(Long bytes) {
      this.maxFileSize = bytes;
      return this;
    }

    public Builder parallelism(Integer threads) {
      this.parallelism = threads;
      return this;
    }

    public Builder keepFiles(boolean keep) {
      this.keepFiles = keep;
      return this;
    }

    public Builder queryTimeout(Duration timeout) {
      return queryTimeout(timeout, "the query timeout");
    }

    /** The query timeout, set by {@code source} (a setting's name, for the message when it fires). */
    public Builder queryTimeout(Duration timeout, String source) {
      this.queryTimeout = timeout;
      this.queryTimeoutSource = source;
      return this;
    }

    /** Replaces the snippet sources (directories, .yaml/.yml or .properties files; later wins). */
    public Builder snippets(List<Path> sources) {
      this.snippets.clear();
      this.snippets.addAll(sources);
      return this;
    }

    /** The catalog descriptions file (YAML), or null for none. */
    public Builder catalog(Path descriptionsFile) {
      this.catalog = descriptionsFile;
      return this;
    }

    /** Reads settings from a properties file (keys: {@link Setting#key()}, {@code driver.<name>}). */
    public Builder properties(Path file) {
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(r);
      } catch (IOException e) {
        throw new ConfigException("cannot read the TDR properties file " + file + " (" + CONFIG_FILE_ENV
            + "): " + e.getMessage(), e);
      }
      for (String name : p.stringPropertyNames()) {
        String value = p.getProperty(name);
        if (name.startsWith("driver.")) {
          driverProperty(name.substring("driver.".length()), value);
          continue;
        }
        Setting s = null;
        for (Setting candidate : Setting.values()) {
          if (candidate.key.equals(name)) {
            s = candidate;
          }
        }
        if (s == null) {
          throw new ConfigException("unknown key '" + name + "' in " + file + "; known keys: "
              + java.util.Arrays.stream(Setting.values()).map(Setting::key).toList() + " and driver.<property>");
        }
        set(s, value, "'" + name + "' in " + file);
      }
      return this;
    }

    private void set(Setting s, String v, String where) {
      switch (s) {
        case URL -> url = v.strip();
        case USER -> user = v.strip();
        case PASSWORD -> password = v;
        case DRIVER_PROPERTIES -> driverProperties.putAll(parseDriverProperties(v, where));
        case TEMPDIR -> tempDir = v.strip();
        case IAM_ROLE -> iamRole = v.strip();
        case S3_ENDPOINT -> {
          try {
            s3Endpoint = URI.create(v.strip());
          } catch (IllegalArgumentException e) {
            throw new ConfigException(where + "='" + v + "' is not a URI; use e.g. http://127.0.0.1:9000");
          }
        }
        case S3_PATH_STYLE -> pathStyle = parseBoolean(v, where);
        case REGION -> region = v.strip();
        case LOCAL_THRESHOLD -> localThreshold = parseSize(v, where);
        case MAX_FILE_SIZE -> maxFileSize = parseSize(v, where);
        case PARALLELISM -> {
          try {
            parallelism = Integer.parseInt(v.strip());
          } catch (NumberFormatException e) {
            throw new ConfigException(where + "='" + v + "' is not a number of threads");
          }
        }
        case KEEP_FILES -> keepFiles = parseBoolean(v, where);
        case QUERY_TIMEOUT -> queryTimeout(parseDuration(v, where), where);
        case SNIPPETS -> snippets(parsePaths(v));
        case CATALOG -> catalog = v.isBlank() ? null : Path.of(v.strip());
        default -> throw new IllegalStateException(s.name());
      }
    }

    public TdrConfig build() {
      return new TdrConfig(this);
    }
  }
}
