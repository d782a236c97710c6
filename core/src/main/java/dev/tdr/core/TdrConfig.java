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

  /**
   * The engine's settings, declared once each (key, environment variable, type, default, doc, CLI
   * flag, Spark option); see {@link SettingSpec}. Settings other modules use are declared there
   * ({@link SettingsProvider}); {@link #allSettings()} lists both.
   */
  public enum Setting implements SettingSpec {
    URL("url", SettingKind.TEXT, "required", "url(..)", "--url", "url",
        "Redshift JDBC URL, `jdbc:redshift://host:5439/db`"),
    USER("user", SettingKind.TEXT, "", "user(..)", "--user", "user",
        "database user (not needed when the driver properties authenticate, e.g. IAM)"),
    PASSWORD("password", SettingKind.SECRET, "", "password(..)", null, "password",
        "database password (secret: never logged or printed)"),
    DRIVER_PROPERTIES("driver_properties", SettingKind.PROPERTIES, "", "driverProperty(k, v)", null, "driver_properties",
        "extra `redshift-jdbc42` properties, `k=v;k=v` (e.g. IAM authentication); in a properties file also `driver.<name>=value`"),
    TEMPDIR("tempdir", SettingKind.TEXT, "required by what UNLOADs (not by `tdr exec`, `--via jdbc` or the catalog)",
        "tempDir(..)", "--tempdir", "tempdir",
        "`s3://bucket/prefix/` UNLOAD writes under; each query gets its own sub-prefix"),
    IAM_ROLE("iam_role", SettingKind.TEXT, "none", "iamRole(..)", "--iam-role", "aws_iam_role",
        "ARN of the role Redshift assumes to write to S3, or `default` for the cluster's default role; without it"
            + " UNLOAD forwards the client's AWS credentials"),
    S3_ENDPOINT("s3_endpoint", SettingKind.URI, "AWS", "s3Endpoint(..)", "--s3-endpoint", "s3_endpoint",
        "S3 endpoint override (emulator, LocalStack, MinIO)"),
    S3_PATH_STYLE("s3_path_style", SettingKind.BOOLEAN, "true with an endpoint override", "pathStyle(..)", null,
        "s3_path_style", "path-style bucket addressing"),
    REGION("region", SettingKind.TEXT, "`AWS_REGION`, then `us-east-1`", "region(..)", "--region", "tempdir_region",
        "region of the temp-dir bucket; when set explicitly UNLOAD also gets `REGION '<r>'`"),
    LOCAL_THRESHOLD("local_threshold", SettingKind.SIZE, "`1gb`", "localThreshold(bytes)", "--local-threshold", null,
        "results up to this many bytes (sum of the parts) are read locally"),
    MAX_FILE_SIZE("max_file_size", SettingKind.SIZE, "Redshift's (6.2 GB)", "maxFileSize(bytes)", "--max-file-size",
        "max_file_size", "UNLOAD `MAXFILESIZE` (5mb..6.2gb): smaller parts spread the read over more threads"),
    PARALLELISM("parallelism", SettingKind.INT, "every core", "parallelism(n)", "--parallelism", null,
        "reader threads (1..256)"),
    KEEP_FILES("keep_files", SettingKind.BOOLEAN, "false", "keepFiles(bool)", null, "keep_files",
        "keep the UNLOAD's files after reading"),
    QUERY_TIMEOUT("query_timeout", SettingKind.DURATION, "none", "queryTimeout(Duration)", "--query-timeout",
        "query_timeout", "seconds (`300`, `2.5`), units (`30s`, `5m`, `1h`, `1h30m`, `500ms`, `2d`) or ISO-8601"
            + " (`PT5M`); the statement is cancelled on the server and the error says it was the timeout");

    private final String key;
    private final SettingKind kind;
    private final String defaultText;
    private final String builder;
    private final String cliFlag;
    private final String sparkOption;
    private final String doc;

    Setting(String key, SettingKind kind, String defaultText, String builder, String cliFlag, String sparkOption,
        String doc) {
      this.key = key;
      this.kind = kind;
      this.defaultText = defaultText;
      this.builder = builder;
      this.cliFlag = cliFlag;
      this.sparkOption = sparkOption;
      this.doc = doc;
    }

    /** The environment variable, e.g. {@code TDR_URL}. */
    @Override
    public String env() {
      return "TDR_" + name();
    }

    /** The key in a properties file, e.g. {@code url}. */
    @Override
    public String key() {
      return key;
    }

    @Override
    public SettingKind kind() {
      return kind;
    }

    @Override
    public String defaultText() {
      return defaultText;
    }

    @Override
    public String doc() {
      return doc;
    }

    @Override
    public String builder() {
      return builder;
    }

    @Override
    public String cliFlag() {
      return cliFlag;
    }

    @Override
    public String sparkOption() {
      return sparkOption;
    }
  }

  private static volatile List<SettingSpec> all;

  /** Every declared setting: the engine's, then those of the modules on the class path. */
  public static List<SettingSpec> allSettings() {
    List<SettingSpec> a = all;
    if (a == null) {
      List<SettingSpec> out = new ArrayList<>(List.of(Setting.values()));
      for (SettingsProvider p : java.util.ServiceLoader.load(SettingsProvider.class, TdrConfig.class.getClassLoader())) {
        out.addAll(p.settings());
      }
      all = a = List.copyOf(out);
    }
    return a;
  }

  /** The declared setting with properties key {@code key}, or null. */
  public static SettingSpec settingForKey(String key) {
    for (SettingSpec s : allSettings()) {
      if (s.key().equals(key)) {
        return s;
      }
    }
    return null;
  }

  /**
   * The settings table of docs/user-guide.md (a test keeps the two the same): environment
   * variable, properties key, builder call, CLI flag, Spark option, default, meaning.
   */
  public static String settingsTable() {
    StringBuilder sb = new StringBuilder("| environment | properties key | builder | CLI | Spark option | default | meaning |\n"
        + "|---|---|---|---|---|---|---|\n");
    for (SettingSpec s : allSettings()) {
      sb.append("| `").append(s.env()).append("` | `").append(s.key()).append("` | `").append(s.builder()).append("` | ")
          .append(s.cliFlag() == null ? "" : "`" + s.cliFlag() + "`").append(" | ")
          .append(s.sparkOption() == null ? "" : "`" + s.sparkOption() + "`").append(" | ")
          .append(s.defaultText()).append(" | ").append(s.doc()).append(" |\n");
    }
    return sb.toString();
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
  /** Values of the settings other modules declare ({@link SettingsProvider}), by key. */
  private final Map<String, Object> moduleValues;

  private TdrConfig(Builder b) {
    this.url = require(b.url, Setting.URL, "jdbc:redshift://host:5439/dev");
    if (!url.startsWith("jdbc:redshift:")) {
      throw new ConfigException(Setting.URL.env() + " must be a jdbc:redshift:// URL, got '" + url + "'");
    }
    this.user = b.user;
    this.password = b.password;
    this.driverProperties = Map.copyOf(b.driverProperties);
    registerSecrets(b);
    // required only by what UNLOADs (tempDir() says so): tdr exec, --via jdbc and the catalog run without it
    String dir = b.tempDir == null || b.tempDir.isBlank() ? null : b.tempDir.strip();
    if (dir != null && (!dir.startsWith("s3://") || dir.length() <= 5 || dir.charAt(5) == '/')) {
      throw new ConfigException(Setting.TEMPDIR.env() + " must be s3://bucket/prefix/, got '" + dir + "'");
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
      throw new ConfigException(Setting.LOCAL_THRESHOLD.env() + " must be > 0 bytes, got " + b.localThreshold);
    }
    this.localThreshold = b.localThreshold;
    if (b.maxFileSize != null && (b.maxFileSize < 5L * 1024 * 1024 || b.maxFileSize > (long) (6.2 * (1L << 30)))) {
      throw new ConfigException(Setting.MAX_FILE_SIZE.env() + " must be between 5mb and 6.2gb (Redshift's MAXFILESIZE range), got "
          + b.maxFileSize + " bytes");
    }
    this.maxFileSize = b.maxFileSize;
    if (b.parallelism != null && (b.parallelism < 1 || b.parallelism > 256)) {
      throw new ConfigException(Setting.PARALLELISM.env() + " must be between 1 and 256, got " + b.parallelism
          + " (leave it unset to use every core)");
    }
    this.parallelism = b.parallelism;
    this.keepFiles = b.keepFiles;
    if (b.queryTimeout != null && b.queryTimeout.isNegative()) {
      throw new ConfigException(Setting.QUERY_TIMEOUT.env() + " must not be negative, got " + b.queryTimeout);
    }
    this.queryTimeout = b.queryTimeout == null || b.queryTimeout.isZero() ? null : b.queryTimeout;
    this.queryTimeoutSource = b.queryTimeoutSource == null ? "the query timeout" : b.queryTimeoutSource;
    this.moduleValues = Map.copyOf(b.moduleValues);
  }

  private static String require(String v, Setting s, String example) {
    if (v == null || v.isBlank()) {
      throw new ConfigException("missing setting " + s.env() + " (properties key '" + s.key()
          + "', builder ." + camel(s.key()) + "(...)), e.g. " + example);
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
    b.moduleValues.putAll(moduleValues);
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
    for (SettingSpec s : allSettings()) {
      String v = env.get(s.env());
      if (v != null && !v.isBlank()) {
        b.set(s, v, s.env());
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

  /**
   * The value of any declared setting, typed by its {@link SettingKind} (a {@code List<Path>} for
   * PATHS, a {@code Long} for SIZE, ...), or null if unset. Modules read their own settings here.
   */
  public Object value(SettingSpec s) {
    if (!(s instanceof Setting core)) {
      return moduleValues.get(s.key());
    }
    return switch (core) {
      case URL -> url;
      case USER -> user;
      case PASSWORD -> password;
      case DRIVER_PROPERTIES -> driverProperties.isEmpty() ? null : driverProperties;
      case TEMPDIR -> tempDir;
      case IAM_ROLE -> iamRole;
      case S3_ENDPOINT -> s3Endpoint;
      case S3_PATH_STYLE -> pathStyle;
      case REGION -> regionExplicit ? region : null;
      case LOCAL_THRESHOLD -> localThreshold;
      case MAX_FILE_SIZE -> maxFileSize;
      case PARALLELISM -> parallelism;
      case KEEP_FILES -> keepFiles;
      case QUERY_TIMEOUT -> queryTimeout;
    };
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
        + moduleText() + "]";
  }

  private String moduleText() {
    StringBuilder sb = new StringBuilder();
    for (SettingSpec s : allSettings()) {
      Object v = moduleValues.get(s.key());
      if (!(s instanceof Setting) && v != null && !(v instanceof List<?> l && l.isEmpty())) {
        sb.append(", ").append(s.key()).append('=').append(s.kind() == SettingKind.SECRET ? "***" : v);
      }
    }
    return sb.toString();
  }

  /** Every secret this configuration holds, for {@link Secrets#scrub} to mask in any message. */
  private static void registerSecrets(Builder b) {
    Secrets.register(b.password);
    Secrets.register(b.awsSecretAccessKey);
    Secrets.register(b.awsSessionToken);
    b.moduleValues.forEach((k, v) -> {
      SettingSpec s = settingForKey(k);
      if (s != null && s.kind() == SettingKind.SECRET && v instanceof String text) {
        Secrets.register(text);
      }
    });
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
    private final Map<String, Object> moduleValues = new LinkedHashMap<>();

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

    /**
     * Sets any declared setting to a value of its {@link SettingKind}'s type (as {@link
     * TdrConfig#value} returns it); null unsets a module's setting. The engine's own settings also
     * have typed methods above.
     */
    public Builder set(SettingSpec s, Object value) {
      if (!(s instanceof Setting core)) {
        if (value == null) {
          moduleValues.remove(s.key());
        } else {
          moduleValues.put(s.key(), value);
        }
        return this;
      }
      switch (core) {
        case URL -> url = (String) value;
        case USER -> user = (String) value;
        case PASSWORD -> password = (String) value;
        case DRIVER_PROPERTIES -> {
          @SuppressWarnings("unchecked")
          Map<String, String> m = (Map<String, String>) value;
          if (m != null) {
            driverProperties.putAll(m);
          }
        }
        case TEMPDIR -> tempDir = (String) value;
        case IAM_ROLE -> iamRole = (String) value;
        case S3_ENDPOINT -> s3Endpoint = (URI) value;
        case S3_PATH_STYLE -> pathStyle = (Boolean) value;
        case REGION -> region = (String) value;
        case LOCAL_THRESHOLD -> localThreshold = value == null ? DEFAULT_LOCAL_THRESHOLD : (Long) value;
        case MAX_FILE_SIZE -> maxFileSize = (Long) value;
        case PARALLELISM -> parallelism = (Integer) value;
        case KEEP_FILES -> keepFiles = value != null && (Boolean) value;
        case QUERY_TIMEOUT -> queryTimeout = (Duration) value;
      }
      return this;
    }

    /**
     * A module's setting as read so far (environment, file, calls), or null: for commands that
     * need only that setting and no connection (a builder with no URL does not build).
     */
    public Object moduleValue(SettingSpec s) {
      if (s instanceof Setting) {
        throw new IllegalArgumentException(s + " is the engine's; build the configuration to read it");
      }
      return moduleValues.get(s.key());
    }

    /**
     * Sets a declared setting from text, parsed by its kind; a bad value is a {@link
     * ConfigException} naming {@code where} (the variable, flag, option or file it came from).
     */
    public Builder set(SettingSpec s, String text, String where) {
      Object v = s.kind().parse(text, where);
      if (s == Setting.QUERY_TIMEOUT) {
        return queryTimeout((Duration) v, where);
      }
      return set(s, v);
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
        SettingSpec s = settingForKey(name);
        if (s == null) {
          throw new ConfigException("unknown key '" + name + "' in " + file + "; known keys: "
              + allSettings().stream().map(SettingSpec::key).toList() + " and driver.<property>");
        }
        set(s, value, "'" + name + "' in " + file);
      }
      return this;
    }

    public TdrConfig build() {
      return new TdrConfig(this);
    }
  }
}
