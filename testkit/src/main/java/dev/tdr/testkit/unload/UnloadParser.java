package dev.tdr.testkit.unload;

import dev.tdr.core.sql.SqlLexer;
import dev.tdr.core.sql.SqlLiterals;
import dev.tdr.core.sql.SqlSyntaxException;
import dev.tdr.core.sql.SqlToken;
import dev.tdr.testkit.unload.UnloadCommand.Authorization;
import dev.tdr.testkit.unload.UnloadCommand.Compression;
import dev.tdr.testkit.unload.UnloadCommand.Format;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses UNLOAD with Redshift's grammar: options in any order and any case, the three
 * authorization forms, and Redshift's rejections (outer LIMIT, incompatible options, values out
 * of range). Options the emulator cannot honour (JSON, client-side encryption, BZIP2/ZSTD,
 * PARTITION BY, FIXEDWIDTH) are rejected with a message saying so.
 */
public final class UnloadParser {
  private static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+");

  private final List<SqlToken> tokens;
  private int pos;
  private final Set<String> seen = new HashSet<>();

  private UnloadParser(List<SqlToken> tokens) {
    this.tokens = tokens;
  }

  /** Parses one UNLOAD statement (a trailing {@code ;} is allowed). */
  public static UnloadCommand parse(String sql) throws UnloadError {
    List<SqlToken> tokens = new ArrayList<>();
    try {
      for (SqlToken t : SqlLexer.tokenize(sql)) {
        if (!t.isComment()) {
          tokens.add(t);
        }
      }
    } catch (SqlSyntaxException e) {
      throw new UnloadError(UnloadError.SYNTAX, e.getMessage());
    }
    while (!tokens.isEmpty() && tokens.get(tokens.size() - 1).kind() == SqlToken.Kind.SEMICOLON) {
      tokens.remove(tokens.size() - 1);
    }
    return new UnloadParser(tokens).unload();
  }

  private UnloadCommand unload() throws UnloadError {
    expectKeyword("UNLOAD");
    expect(SqlToken.Kind.LEFT_PAREN, "(");
    String query = SqlLiterals.unquote(expect(SqlToken.Kind.STRING, "the query as a quoted string").text());
    expect(SqlToken.Kind.RIGHT_PAREN, ")");
    expectKeyword("TO");
    String destination = SqlLiterals.unquote(expect(SqlToken.Kind.STRING, "'s3://bucket/prefix'").text());

    String iamRole = null;
    String accessKeyId = null;
    String secretAccessKey = null;
    String sessionToken = null;
    int authForms = 0;
    Format format = Format.TEXT;
    boolean formatGiven = false;
    Character delimiter = null;
    boolean header = false;
    String nullAs = null;
    boolean escape = false;
    boolean addQuotes = false;
    String fixedWidth = null;
    boolean manifest = false;
    boolean verbose = false;
    Compression compression = Compression.NONE;
    boolean allowOverwrite = false;
    boolean cleanPath = false;
    boolean parallel = true;
    long maxFileSize = UnloadCommand.MAX_FILE_SIZE;
    boolean maxFileSizeGiven = false;
    boolean rowGroupSize = false;
    long rowGroupBytes = 0;
    String region = null;
    String extension = null;
    boolean encrypted = false;
    boolean encryptedAuto = false;
    String kmsKeyId = null;
    boolean masterKey = false;
    boolean masterKeyInCredentials = false;
    List<String> partitionBy = List.of();
    boolean partitionInclude = false;

    while (pos < tokens.size()) {
      SqlToken t = next();
      if (t.kind() != SqlToken.Kind.WORD) {
        throw syntaxError(t);
      }
      String kw = t.text().toUpperCase(Locale.ROOT);
      switch (kw) {
        case "IAM_ROLE" -> {
          once("IAM_ROLE");
          authForms++;
          SqlToken v = next();
          if (v.isKeyword("DEFAULT")) {
            iamRole = "default";
          } else if (v.kind() == SqlToken.Kind.STRING) {
            iamRole = SqlLiterals.unquote(v.text());
          } else {
            throw syntaxError(v);
          }
        }
        case "ACCESS_KEY_ID" -> {
          once(kw);
          authForms++;
          accessKeyId = string();
        }
        case "SECRET_ACCESS_KEY" -> {
          once(kw);
          secretAccessKey = string();
        }
        case "SESSION_TOKEN" -> {
          once(kw);
          sessionToken = string();
        }
        case "WITH" -> {
          if (!peekKeyword("CREDENTIALS")) {
            throw syntaxError(t);
          }
        }
        case "CREDENTIALS" -> {
          once(kw);
          authForms++;
          optionalKeyword("AS");
          for (String pair : string().split(";")) {
            int eq = pair.indexOf('=');
            if (pair.isBlank()) {
              continue;
            }
            if (eq < 0) {
              throw new UnloadError(UnloadError.INVALID_PARAMETER,
                  "Invalid credentials. Must be of the format: credentials "
                      + "'aws_iam_role=...' or 'aws_access_key_id=...;aws_secret_access_key=...[;token=...]'");
            }
            String k = pair.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String v = pair.substring(eq + 1).strip();
            switch (k) {
              case "aws_iam_role" -> iamRole = v;
              case "aws_access_key_id" -> accessKeyId = v;
              case "aws_secret_access_key" -> secretAccessKey = v;
              case "token" -> sessionToken = v;
              case "master_symmetric_key" -> {
                masterKey = true;
                masterKeyInCredentials = true;
              }
              default -> throw new UnloadError(UnloadError.INVALID_PARAMETER,
                  "Invalid credentials: unknown key '" + k + "'");
            }
          }
        }
        case "FORMAT" -> {
          optionalKeyword("AS");
          SqlToken f = next();
          format = formatOf(f);
          formatGiven = once("FORMAT");
        }
        case "CSV", "PARQUET", "JSON" -> {
          format = formatOf(t);
          formatGiven = once("FORMAT");
        }
        case "PARTITION" -> {
          once(kw);
          expectKeyword("BY");
          expect(SqlToken.Kind.LEFT_PAREN, "(");
          List<String> cols = new ArrayList<>();
          while (true) {
            SqlToken c = next();
            cols.add(c.text());
            SqlToken sep = next();
            if (sep.kind() == SqlToken.Kind.RIGHT_PAREN) {
              break;
            }
            if (sep.kind() != SqlToken.Kind.COMMA) {
              throw syntaxError(sep);
            }
          }
          partitionInclude = optionalKeyword("INCLUDE");
          partitionBy = cols;
        }
        case "MANIFEST" -> {
          once(kw);
          manifest = true;
          verbose = optionalKeyword("VERBOSE");
        }
        case "HEADER" -> header = once(kw);
        case "DELIMITER" -> {
          once(kw);
          optionalKeyword("AS");
          String d = string();
          if (d.length() != 1 || d.charAt(0) > 127) {
            throw new UnloadError(UnloadError.INVALID_PARAMETER,
                "DELIMITER must be a single ASCII character, got '" + d + "'");
          }
          delimiter = d.charAt(0);
        }
        case "FIXEDWIDTH" -> {
          once(kw);
          optionalKeyword("AS");
          fixedWidth = string();
        }
        case "ENCRYPTED" -> {
          encrypted = once(kw);
          encryptedAuto = optionalKeyword("AUTO");
        }
        case "GZIP", "BZIP2", "ZSTD" -> {
          once("compression");
          compression = Compression.valueOf(kw);
        }
        case "ADDQUOTES" -> addQuotes = once(kw);
        case "NULL" -> {
          once(kw);
          optionalKeyword("AS");
          nullAs = string();
        }
        case "ESCAPE" -> escape = once(kw);
        case "ALLOWOVERWRITE" -> allowOverwrite = once(kw);
        case "CLEANPATH" -> cleanPath = once(kw);
        case "PARALLEL" -> {
          once(kw);
          if (peekKeyword("ON") || peekKeyword("TRUE")) {
            next();
          } else if (peekKeyword("OFF") || peekKeyword("FALSE")) {
            next();
            parallel = false;
          }
        }
        case "MAXFILESIZE" -> {
          maxFileSizeGiven = once(kw);
          maxFileSize = size(kw);
          if (maxFileSize < UnloadCommand.MIN_FILE_SIZE || maxFileSize > UnloadCommand.MAX_FILE_SIZE) {
            throw new UnloadError(UnloadError.INVALID_PARAMETER,
                "MAXFILESIZE must be between 5 MB and 6.2 GB");
          }
        }
        case "ROWGROUPSIZE" -> {
          rowGroupSize = once(kw);
          rowGroupBytes = size(kw);
          long mb = 1024L * 1024;
          if (rowGroupBytes % mb != 0 || rowGroupBytes < 32 * mb || rowGroupBytes > 128 * mb) {
            throw new UnloadError(UnloadError.INVALID_PARAMETER,
                "ROWGROUPSIZE must be a whole number of MB between 32 MB and 128 MB");
          }
        }
        case "REGION" -> {
          once(kw);
          optionalKeyword("AS");
          region = string();
        }
        case "EXTENSION" -> {
          once(kw);
          extension = string();
        }
        case "KMS_KEY_ID" -> {
          once(kw);
          kmsKeyId = string();
        }
        case "MASTER_SYMMETRIC_KEY" -> {
          once(kw);
          string();
          masterKey = true;
        }
        default -> throw syntaxError(t);
      }
    }

    // ---- authorization
    if (authForms == 0) {
      throw new UnloadError(UnloadError.SYNTAX,
          "UNLOAD needs an authorization: IAM_ROLE, ACCESS_KEY_ID and SECRET_ACCESS_KEY, or CREDENTIALS");
    }
    if (authForms > 1) {
      throw new UnloadError(UnloadError.SYNTAX,
          "conflicting or redundant options: give exactly one of IAM_ROLE, ACCESS_KEY_ID/SECRET_ACCESS_KEY or CREDENTIALS");
    }
    if (iamRole == null && (accessKeyId == null || secretAccessKey == null)) {
      throw new UnloadError(UnloadError.SYNTAX,
          "ACCESS_KEY_ID and SECRET_ACCESS_KEY must be given together");
    }
    if (iamRole != null && (accessKeyId != null || secretAccessKey != null)) {
      throw new UnloadError(UnloadError.SYNTAX,
          "conflicting or redundant options: an IAM role and access keys cannot be combined");
    }
    if (iamRole == null && secretAccessKey != null && accessKeyId != null && seen.contains("SESSION_TOKEN")
        && sessionToken.isEmpty()) {
      throw new UnloadError(UnloadError.INVALID_PARAMETER, "SESSION_TOKEN must not be empty");
    }
    if (iamRole != null && !"default".equals(iamRole)) {
      for (String arn : iamRole.split(",")) {
        if (!ROLE_ARN.matcher(arn.strip()).matches()) {
          throw new UnloadError(UnloadError.INVALID_PARAMETER,
              "Invalid IAM role ARN: expected arn:aws:iam::<account-id>:role/<name>");
        }
      }
    }

    // ---- combinations Redshift rejects
    if (format == Format.CSV) {
      rejectWith("CSV", escape, "ESCAPE");
      rejectWith("CSV", addQuotes, "ADDQUOTES");
      rejectWith("CSV", fixedWidth != null, "FIXEDWIDTH");
    }
    if (format == Format.PARQUET || format == Format.JSON) {
      String f = format.name();
      rejectWith(f, delimiter != null, "DELIMITER");
      rejectWith(f, format == Format.PARQUET && header, "HEADER");
      rejectWith(f, nullAs != null, "NULL AS");
      rejectWith(f, escape, "ESCAPE");
      rejectWith(f, addQuotes, "ADDQUOTES");
      rejectWith(f, fixedWidth != null, "FIXEDWIDTH");
      rejectWith(f, format == Format.PARQUET && compression != Compression.NONE, compression.name());
    }
    if (rowGroupSize && format != Format.PARQUET) {
      throw new UnloadError(UnloadError.NOT_SUPPORTED, "ROWGROUPSIZE is only valid with FORMAT PARQUET");
    }
    if (fixedWidth != null) {
      rejectWith("FIXEDWIDTH", delimiter != null, "DELIMITER");
      rejectWith("FIXEDWIDTH", header, "HEADER");
    }
    if (cleanPath && allowOverwrite) {
      throw new UnloadError(UnloadError.NOT_SUPPORTED, "CLEANPATH cannot be used with ALLOWOVERWRITE");
    }
    if (kmsKeyId != null && !encrypted) {
      throw new UnloadError(UnloadError.NOT_SUPPORTED, "KMS_KEY_ID requires ENCRYPTED");
    }
    if (kmsKeyId != null && seen.contains("CREDENTIALS")) {
      throw new UnloadError(UnloadError.NOT_SUPPORTED,
          "KMS_KEY_ID cannot be used with CREDENTIALS; authorize with IAM_ROLE or ACCESS_KEY_ID and SECRET_ACCESS_KEY");
    }
    if (masterKey && !encrypted) {
      throw new UnloadError(UnloadError.NOT_SUPPORTED, "MASTER_SYMMETRIC_KEY requires ENCRYPTED");
    }
    if (seen.contains("MASTER_SYMMETRIC_KEY") && seen.contains("CREDENTIALS")) {
      throw new UnloadError(UnloadError.NOT_SUPPORTED, "MASTER_SYMMETRIC_KEY cannot be used with CREDENTIALS");
    }
    if (encryptedAuto && (kmsKeyId != null || masterKey)) {
      throw new UnloadError(UnloadError.NOT_SUPPORTED, "ENCRYPTED AUTO cannot be used with "
          + (kmsKeyId != null ? "KMS_KEY_ID" : masterKeyInCredentials ? "a master_symmetric_key in CREDENTIALS"
              : "MASTER_SYMMETRIC_KEY"));
    }

    // ---- the inner query
    checkNoOuterLimit(query);

    // ---- valid on Redshift, not done by the emulator
    if (format == Format.JSON) {
      throw unsupported("FORMAT " + format.name());
    }
    if (fixedWidth != null) {
      throw unsupported("FIXEDWIDTH");
    }
    if (masterKey) {
      // server-side encryption (ENCRYPTED, ENCRYPTED AUTO, KMS_KEY_ID) is invisible to readers and
      // accepted; client-side encryption would leave files only the key's holder can read
      throw unsupported("client-side encryption (MASTER_SYMMETRIC_KEY)");
    }
    if (compression == Compression.BZIP2 || compression == Compression.ZSTD) {
      throw unsupported(compression.name() + " (use GZIP)");
    }
    if (!partitionBy.isEmpty() && format != Format.PARQUET) {
      throw unsupported("PARTITION BY without FORMAT PARQUET");
    }

    // ---- destination
    if (!destination.regionMatches(true, 0, "s3://", 0, 5)) {
      throw new UnloadError(UnloadError.INVALID_PARAMETER,
          "Invalid S3 path: '" + destination + "' must start with s3://");
    }
    String path = destination.substring(5);
    int slash = path.indexOf('/');
    String bucket = slash < 0 ? path : path.substring(0, slash);
    String prefix = slash < 0 ? "" : path.substring(slash + 1);
    if (bucket.isEmpty()) {
      throw new UnloadError(UnloadError.INVALID_PARAMETER,
          "Invalid S3 path: '" + destination + "' has no bucket");
    }
    if (!partitionBy.isEmpty() && !prefix.isEmpty() && !prefix.endsWith("/")) {
      prefix = prefix + "/"; // Redshift adds it: the partition folders go under the prefix
    }
    if (!formatGiven) {
      format = Format.TEXT;
    }
    char delim = delimiter != null ? delimiter : format == Format.CSV ? ',' : '|';
    return new UnloadCommand(query, bucket, prefix,
        new Authorization(iamRole, accessKeyId, secretAccessKey, sessionToken), format, delim,
        header, nullAs, escape, addQuotes, fixedWidth, manifest, verbose, compression,
        allowOverwrite, cleanPath, parallel, maxFileSizeGiven ? maxFileSize : UnloadCommand.MAX_FILE_SIZE,
        region, extension, encrypted, kmsKeyId, partitionBy, partitionInclude,
        rowGroupSize ? rowGroupBytes : UnloadCommand.DEFAULT_ROW_GROUP_SIZE);
  }

  /** Rejects a LIMIT at the outermost level of the inner query, as Redshift does. */
  static void checkNoOuterLimit(String query) throws UnloadError {
    int depth = 0;
    List<SqlToken> inner;
    try {
      inner = SqlLexer.tokenize(query);
    } catch (SqlSyntaxException e) {
      return; // the database reports it when the query runs
    }
    for (SqlToken t : inner) {
      if (t.kind() == SqlToken.Kind.LEFT_PAREN) {
        depth++;
      } else if (t.kind() == SqlToken.Kind.RIGHT_PAREN) {
        depth--;
      } else if (depth == 0 && t.isKeyword("LIMIT")) {
        throw new UnloadError(UnloadError.NOT_SUPPORTED,
            "Limit clause is not supported in the outer SELECT of UNLOAD",
            "Move the LIMIT into a subquery or CTE, e.g. SELECT * FROM (<query> LIMIT n).");
      }
    }
  }

  private static UnloadError unsupported(String what) {
    return new UnloadError(UnloadError.NOT_SUPPORTED,
        what + " is valid on Redshift but not supported by the TDR Redshift emulator");
  }

  private static void rejectWith(String base, boolean present, String option) throws UnloadError {
    if (present) {
      throw new UnloadError(UnloadError.NOT_SUPPORTED, option + " is not compatible with " + base);
    }
  }

  private Format formatOf(SqlToken t) throws UnloadError {
    return switch (t.text().toUpperCase(Locale.ROOT)) {
      case "CSV" -> Format.CSV;
      case "PARQUET" -> Format.PARQUET;
      case "JSON" -> Format.JSON;
      default -> throw syntaxError(t);
    };
  }

  private long size(String option) throws UnloadError {
    optionalKeyword("AS");
    SqlToken n = next();
    if (n.kind() != SqlToken.Kind.NUMBER) {
      throw syntaxError(n);
    }
    BigDecimal value = new BigDecimal(n.text());
    long unit = 1024L * 1024;
    if (peekKeyword("MB")) {
      next();
    } else if (peekKeyword("GB")) {
      next();
      unit = 1024L * 1024 * 1024;
    }
    return value.multiply(BigDecimal.valueOf(unit)).longValue();
  }

  private boolean once(String option) throws UnloadError {
    if (!seen.add(option)) {
      throw new UnloadError(UnloadError.SYNTAX,
          "conflicting or redundant options: " + option + " given more than once");
    }
    return true;
  }

  private String string() throws UnloadError {
    return SqlLiterals.unquote(expect(SqlToken.Kind.STRING, "a quoted string").text());
  }

  private SqlToken next() throws UnloadError {
    if (pos >= tokens.size()) {
      throw new UnloadError(UnloadError.SYNTAX, "syntax error at end of input");
    }
    return tokens.get(pos++);
  }

  private boolean peekKeyword(String kw) {
    return pos < tokens.size() && tokens.get(pos).isKeyword(kw);
  }

  private boolean optionalKeyword(String kw) {
    if (peekKeyword(kw)) {
      pos++;
      return true;
    }
    return false;
  }

  private void expectKeyword(String kw) throws UnloadError {
    SqlToken t = next();
    if (!t.isKeyword(kw)) {
      throw syntaxError(t);
    }
  }

  private SqlToken expect(SqlToken.Kind kind, String what) throws UnloadError {
    SqlToken t = next();
    if (t.kind() != kind) {
      throw new UnloadError(UnloadError.SYNTAX,
          "syntax error at or near \"" + t.text() + "\": expected " + what);
    }
    return t;
  }

  private static UnloadError syntaxError(SqlToken t) {
    String text = t.kind() == SqlToken.Kind.STRING ? "'...'" : t.text();
    return new UnloadError(UnloadError.SYNTAX, "syntax error at or near \"" + text + "\"");
  }
}
