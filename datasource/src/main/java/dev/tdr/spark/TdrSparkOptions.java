package dev.tdr.spark;

import dev.tdr.core.ConfigException;
import dev.tdr.core.EditDistance;
import dev.tdr.core.SettingKind;
import dev.tdr.core.SettingSpec;
import dev.tdr.core.TdrConfig;
import dev.tdr.core.TdrConfig.Setting;
import java.io.Serializable;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The options of {@code spark.read.format("tdr-redshift")}, in one place: a constant per key, a
 * comment per key, defaults beside them, and the validation that runs on the driver. Where
 * spark-redshift has an option with the same meaning, it has the same name.
 *
 * <pre>{@code
 * spark.read().format("tdr-redshift")
 *     .option("url", "jdbc:redshift://host:5439/dev").option("user", "me").option("password", pw)
 *     .option("query", "select * from events").option("tempdir", "s3://bucket/tmp/")
 *     .option("aws_iam_role", "arn:aws:iam::123456789012:role/redshift-unload")
 *     .load();
 * }</pre>
 */
public final class TdrSparkOptions implements Serializable {
  private static final long serialVersionUID = 1L;

  // --- what to read (exactly one)
  /** A table (or view) to read, e.g. {@code public.events}. */
  public static final String DBTABLE = "dbtable";
  /** A query to read. */
  public static final String QUERY = "query";
  /** Read an existing UNLOAD by its manifest URI ({@code s3://.../manifest}); never deleted. */
  public static final String MANIFEST = "manifest";

  // --- Redshift (not needed with manifest)
  /** JDBC URL, {@code jdbc:redshift://host:5439/db}. */
  public static final String URL = Setting.URL.sparkOption();
  /** Database user (or put it in the URL). */
  public static final String USER = Setting.USER.sparkOption();
  /** Database password (a secret). */
  public static final String PASSWORD = Setting.PASSWORD.sparkOption();
  /** Extra {@code redshift-jdbc42} properties, {@code k=v;k=v}. */
  public static final String DRIVER_PROPERTIES = Setting.DRIVER_PROPERTIES.sparkOption();
  /** Query timeout in seconds; the statement is cancelled on the server. Default: none. */
  public static final String QUERY_TIMEOUT = Setting.QUERY_TIMEOUT.sparkOption();

  // --- S3 and UNLOAD authorization
  /** S3 prefix UNLOAD writes under, {@code s3://bucket/prefix/}. Required with dbtable/query. */
  public static final String TEMPDIR = Setting.TEMPDIR.sparkOption();
  /** Region of the tempdir bucket (adds REGION to UNLOAD). Default: AWS_REGION, then us-east-1. */
  public static final String TEMPDIR_REGION = Setting.REGION.sparkOption();
  /** IAM role Redshift assumes to write the UNLOAD. */
  public static final String AWS_IAM_ROLE = Setting.IAM_ROLE.sparkOption();
  /** Forward the driver's AWS credentials (env, Spark's fs.s3a.* settings, default chain) to UNLOAD. */
  public static final String FORWARD_SPARK_S3_CREDENTIALS = "forward_spark_s3_credentials";
  /** Temporary credentials for UNLOAD and for reading the parts. */
  public static final String TEMPORARY_AWS_ACCESS_KEY_ID = "temporary_aws_access_key_id";
  /** Secret of the temporary credentials (a secret). */
  public static final String TEMPORARY_AWS_SECRET_ACCESS_KEY = "temporary_aws_secret_access_key";
  /** Session token of the temporary credentials (a secret). */
  public static final String TEMPORARY_AWS_SESSION_TOKEN = "temporary_aws_session_token";
  /** S3 endpoint override (emulator, LocalStack, MinIO). Default: AWS. */
  public static final String S3_ENDPOINT = Setting.S3_ENDPOINT.sparkOption();
  /** Path-style S3 access. Default: true with s3_endpoint, else false. */
  public static final String S3_PATH_STYLE = Setting.S3_PATH_STYLE.sparkOption();

  // --- reading
  /** Keep the UNLOAD's files after the Spark query ends. Default false. */
  public static final String KEEP_FILES = Setting.KEEP_FILES.sparkOption();
  /** UNLOAD MAXFILESIZE, e.g. {@code 256mb}. Default: Redshift's. */
  public static final String MAX_FILE_SIZE = Setting.MAX_FILE_SIZE.sparkOption();
  /** Parts are grouped into input partitions of about this size. Default {@code 128mb}. */
  public static final String TARGET_PARTITION_BYTES = "target_partition_bytes";
  /** Push required columns, filters and LIMIT into the UNLOAD's SELECT. Default true. */
  public static final String PUSHDOWN = "pushdown";
  /**
   * Push grouped aggregates (count, sum, avg, min, max) into the UNLOAD's SELECT, so Redshift returns
   * the groups. Default true (with {@code pushdown}); false: Spark aggregates the rows it reads.
   */
  public static final String PUSHDOWN_AGGREGATES = "pushdown_aggregates";
  /** With manifest: the NULL AS text of that UNLOAD. Default: NULL is an empty field. */
  public static final String NULL_AS = "null_as";
  /** Hand Spark columnar batches (true) or rows (false). Default true. */
  public static final String COLUMNAR = "columnar";
  /** Rows per batch read from a part. Default 4096 (Spark's own readers' batch size). */
  public static final String BATCH_ROWS = "batch_rows";

  /**
   * Snippet sources rendered into 'query' (directories of .sql files, .yaml or .properties files,
   * separated by {@code :} or {@code ,}; later wins). Default: none.
   */
  public static final String SNIPPETS = dev.tdr.snippets.SnippetSettings.SNIPPETS.sparkOption();

  /** Internal: the exact TDR schema of a manifest read started from a TDR query result. */
  static final String TDR_SCHEMA = "__tdr_schema";
  /** Internal: the rows of that TDR query result (a result of rows must still have its manifest). */
  static final String TDR_ROWS = "__tdr_rows";
  /** Internal: a caller's name for this read, under which the scan reports its UNLOAD ({@link TdrSpark#unloadOf}). */
  public static final String TDR_RUN = "__tdr_run";

  /** Options Spark itself may add, and internal ones. */
  private static final Set<String> SPARK_KEYS = Set.of("path", "paths");

  /** The connector's own options (what to read, S3 authorization, how to read). */
  private static final List<String> OWN_KEYS = List.of(DBTABLE, QUERY, MANIFEST, FORWARD_SPARK_S3_CREDENTIALS,
      TEMPORARY_AWS_ACCESS_KEY_ID, TEMPORARY_AWS_SECRET_ACCESS_KEY, TEMPORARY_AWS_SESSION_TOKEN,
      TARGET_PARTITION_BYTES, PUSHDOWN, PUSHDOWN_AGGREGATES, NULL_AS, COLUMNAR, BATCH_ROWS);

  /** Every option: the connector's own, then each declared TDR setting that has a Spark option. */
  private static final List<String> KEYS = keys();

  private static List<String> keys() {
    List<String> out = new java.util.ArrayList<>(OWN_KEYS);
    for (SettingSpec s : TdrConfig.allSettings()) {
      if (s.sparkOption() != null) {
        out.add(s.sparkOption());
      }
    }
    return List.copyOf(out);
  }

  private static final long DEFAULT_TARGET_PARTITION_BYTES = 128L << 20;
  private static final int DEFAULT_BATCH_ROWS = 4096;
  private static final int MAX_BATCH_ROWS = 1 << 20;

  private final Map<String, String> values;

  private TdrSparkOptions(Map<String, String> values) {
    this.values = values;
  }

  /**
   * Validates {@code options} (keys case-insensitive, as Spark passes them): an unknown key, a
   * missing or contradictory one, or a bad value fails here, on the driver, naming the option.
   */
  public static TdrSparkOptions parse(Map<String, String> options) {
    Map<String, String> v = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : options.entrySet()) {
      String key = e.getKey().toLowerCase(Locale.ROOT);
      if (SPARK_KEYS.contains(key)) {
        continue;
      }
      if (key.equals(TDR_SCHEMA) || key.equals(TDR_ROWS) || key.equals(TDR_RUN)) {
        v.put(key, e.getValue());
        continue;
      }
      if (!KEYS.contains(key)) {
        throw new ConfigException("unknown tdr-redshift option '" + e.getKey() + "'" + suggestion(key)
            + "; options: " + String.join(", ", KEYS));
      }
      v.put(key, e.getValue());
    }
    TdrSparkOptions o = new TdrSparkOptions(v);
    o.validate();
    return o;
  }

  /**
   * The options that make the connector reach what {@code config} reaches (URL, credentials,
   * temp dir, S3 endpoint, UNLOAD authorization, keep-files, MAXFILESIZE, timeout); add 'query'
   * or 'dbtable'. Secrets are in the map as values, as Spark options always are.
   */
  public static Map<String, String> fromConfig(TdrConfig config) {
    Map<String, String> o = new LinkedHashMap<>();
    for (SettingSpec s : TdrConfig.allSettings()) {
      Object v = config.value(s);
      if (s.sparkOption() != null && v != null && !(v instanceof List<?> l && l.isEmpty())) {
        o.put(s.sparkOption(), s.kind().format(v));
      }
    }
    o.remove(SNIPPETS); // the caller renders its SQL before handing it over
    if (config.iamRole() == null) {
      if (config.awsAccessKeyId() != null) {
        o.put(TEMPORARY_AWS_ACCESS_KEY_ID, config.awsAccessKeyId());
        o.put(TEMPORARY_AWS_SECRET_ACCESS_KEY, config.awsSecretAccessKey());
        if (config.awsSessionToken() != null) {
          o.put(TEMPORARY_AWS_SESSION_TOKEN, config.awsSessionToken());
        }
      } else {
        o.put(FORWARD_SPARK_S3_CREDENTIALS, "true");
      }
    }
    return o;
  }

  private static String suggestion(String key) {
    String best = KEYS.stream().min(Comparator.comparingInt(k -> EditDistance.between(k, key))).orElse(null);
    return best != null && EditDistance.between(best, key) <= 3 ? " (did you mean '" + best + "'?)" : "";
  }

  private void validate() {
    int sources = (has(DBTABLE) ? 1 : 0) + (has(QUERY) ? 1 : 0) + (has(MANIFEST) ? 1 : 0);
    if (sources != 1) {
      throw new ConfigException("give exactly one of the options 'dbtable', 'query' or 'manifest' (found "
          + sources + ")");
    }
    if (has(MANIFEST)) {
      if (!get(MANIFEST).startsWith("s3://")) {
        throw new ConfigException("option 'manifest' must be an s3:// URI of an UNLOAD manifest, got '" + get(MANIFEST) + "'");
      }
    } else {
      require(URL, "jdbc:redshift://host:5439/dev");
      require(TEMPDIR, "s3://bucket/tdr-temp/");
      int auth = (has(AWS_IAM_ROLE) ? 1 : 0) + (bool(FORWARD_SPARK_S3_CREDENTIALS, false) ? 1 : 0)
          + (has(TEMPORARY_AWS_ACCESS_KEY_ID) ? 1 : 0);
      if (auth != 1) {
        throw new ConfigException("UNLOAD needs exactly one way to write to S3: set 'aws_iam_role', or"
            + " 'forward_spark_s3_credentials' = true, or 'temporary_aws_access_key_id' with"
            + " 'temporary_aws_secret_access_key' (found " + auth + ")");
      }
      if (has(SNIPPETS) && !has(QUERY)) {
        throw new ConfigException("option 'snippets' only applies to 'query' (use .option(\"query\", \"select * from t where {{name}}\"))");
      }
      if (has(NULL_AS)) {
        throw new ConfigException("option 'null_as' only applies to 'manifest' (TDR chooses the NULL marker of its own UNLOADs)");
      }
    }
    if (has(TEMPORARY_AWS_ACCESS_KEY_ID) != has(TEMPORARY_AWS_SECRET_ACCESS_KEY)) {
      throw new ConfigException("options 'temporary_aws_access_key_id' and 'temporary_aws_secret_access_key'"
          + " must be given together");
    }
    bool(PUSHDOWN, true);
    bool(PUSHDOWN_AGGREGATES, true);
    bool(COLUMNAR, true);
    batchRows();
    targetPartitionBytes();
    for (SettingSpec s : TdrConfig.allSettings()) {
      setting(s); // each TDR setting's option parsed as the setting's kind, naming the option if bad
    }
  }

  /** The value of setting {@code s} from its option, typed by its kind, or null if not given. */
  private Object setting(SettingSpec s) {
    String key = s.sparkOption();
    if (key == null || !has(key)) {
      return null;
    }
    return s.kind() == SettingKind.BOOLEAN ? bool(key, false) : s.kind().parse(get(key), "option '" + key + "'");
  }

  private void require(String key, String example) {
    if (!has(key)) {
      throw new ConfigException("missing option '" + key + "', e.g. .option(\"" + key + "\", \"" + example + "\")");
    }
  }

  boolean has(String key) {
    String v = values.get(key);
    return v != null && !v.isBlank();
  }

  String get(String key) {
    return values.get(key);
  }

  boolean bool(String key, boolean dflt) {
    if (!has(key)) {
      return dflt;
    }
    return switch (get(key).strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new ConfigException("option '" + key + "' must be true or false, got '" + get(key) + "'");
    };
  }

  long targetPartitionBytes() {
    if (!has(TARGET_PARTITION_BYTES)) {
      return DEFAULT_TARGET_PARTITION_BYTES;
    }
    long v = TdrConfig.parseSize(get(TARGET_PARTITION_BYTES), "option '" + TARGET_PARTITION_BYTES + "'");
    if (v <= 0) {
      throw new ConfigException("option 'target_partition_bytes' must be > 0, got " + get(TARGET_PARTITION_BYTES));
    }
    return v;
  }

  int batchRows() {
    if (!has(BATCH_ROWS)) {
      return DEFAULT_BATCH_ROWS;
    }
    try {
      int v = Integer.parseInt(get(BATCH_ROWS).strip().replace("_", ""));
      if (v >= 1 && v <= MAX_BATCH_ROWS) {
        return v;
      }
    } catch (NumberFormatException e) {
      // the message below
    }
    throw new ConfigException("option 'batch_rows' must be a number of rows from 1 to " + MAX_BATCH_ROWS
        + ", got '" + get(BATCH_ROWS) + "'");
  }

  boolean columnar() {
    return bool(COLUMNAR, true);
  }

  Duration queryTimeout() {
    return (Duration) setting(Setting.QUERY_TIMEOUT);
  }

  private transient String rendered;

  /**
   * The SQL to read: 'query' with its snippets expanded (rendered once, on the driver, when the
   * 'snippets' option is set; otherwise as written), or
   * {@code SELECT * FROM <dbtable>}.
   */
  synchronized String baseQuery() {
    if (rendered == null) {
      if (has(QUERY)) {
        String q = get(QUERY);
        if (has(SNIPPETS)) {
          @SuppressWarnings("unchecked")
          List<java.nio.file.Path> sources = (List<java.nio.file.Path>) setting(dev.tdr.snippets.SnippetSettings.SNIPPETS);
          q = dev.tdr.snippets.SnippetLibrary.load(sources).render(q);
        }
        rendered = q;
      } else {
        rendered = "SELECT * FROM " + get(DBTABLE);
      }
    }
    return rendered;
  }

  boolean manifestMode() {
    return has(MANIFEST);
  }

  boolean pushdown() {
    return bool(PUSHDOWN, true);
  }

  boolean pushdownAggregates() {
    return pushdown() && bool(PUSHDOWN_AGGREGATES, true);
  }

  /**
   * The engine configuration for these options. {@code forwarded} are the driver's AWS
   * credentials (key, secret, token) when {@code forward_spark_s3_credentials} is set.
   */
  TdrConfig engineConfig(String[] forwarded) {
    Map<String, String> regionEnv = new LinkedHashMap<>();
    for (String k : new String[] {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
      String v = System.getenv(k);
      if (v != null) {
        regionEnv.put(k, v);
      }
    }
    TdrConfig.Builder b = TdrConfig.builderFromEnvironment(regionEnv);
    for (SettingSpec s : TdrConfig.allSettings()) {
      Object v = setting(s);
      if (v != null && s == Setting.QUERY_TIMEOUT) {
        b.queryTimeout((Duration) v, "option '" + QUERY_TIMEOUT + "'");
      } else if (v != null) {
        b.set(s, v);
      }
    }
    if (!has(URL)) {
      b.url("jdbc:redshift://unused:5439/manifest-only");
    }
    if (!has(TEMPDIR)) {
      b.tempDir("s3://unused/manifest-only/");
    }
    if (has(TEMPORARY_AWS_ACCESS_KEY_ID)) {
      b.awsCredentials(get(TEMPORARY_AWS_ACCESS_KEY_ID), get(TEMPORARY_AWS_SECRET_ACCESS_KEY),
          get(TEMPORARY_AWS_SESSION_TOKEN));
    } else if (forwarded != null) {
      b.awsCredentials(forwarded[0], forwarded[1], forwarded[2]);
    }
    return b.build();
  }

  @Override
  public String toString() {
    Map<String, String> shown = new LinkedHashMap<>();
    values.forEach((k, v) -> shown.put(k, k.equals(PASSWORD) || k.startsWith("temporary_aws_secret")
        || k.startsWith("temporary_aws_session") || dev.tdr.core.Secrets.isSecretKey(k) ? "***" : v));
    return "TdrSparkOptions" + shown;
  }
}
