package dev.tdr.core.sql;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Removes secrets from SQL text before it reaches a log, an exception message or {@code
 * toString}: the literal after {@code ACCESS_KEY_ID}, {@code SECRET_ACCESS_KEY}, {@code
 * SESSION_TOKEN}, {@code MASTER_SYMMETRIC_KEY}, {@code PASSWORD} and {@code CREDENTIALS} becomes
 * {@code '***'} (a {@code CREDENTIALS} literal naming only an IAM role is kept, a role ARN is not
 * a secret).
 *
 * <pre>{@code
 * SqlRedaction.redact("unload ('select 1') to 's3://b/p' access_key_id 'AKIA..' secret_access_key 'x'")
 * // -> unload ('select 1') to 's3://b/p' access_key_id '***' secret_access_key '***'
 * }</pre>
 */
public final class SqlRedaction {
  /** What replaces a secret. */
  public static final String MASK = "'***'";

  private static final Set<String> SECRET_KEYWORDS =
      Set.of("ACCESS_KEY_ID", "SECRET_ACCESS_KEY", "SESSION_TOKEN", "MASTER_SYMMETRIC_KEY",
          "PASSWORD", "CREDENTIALS");
  private static final Pattern ROLE_ONLY =
      Pattern.compile("(?i)'\\s*aws_iam_role\\s*=[^;']*'");
  private static final Pattern FALLBACK = Pattern.compile(
      "(?is)\\b(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN|MASTER_SYMMETRIC_KEY|PASSWORD|CREDENTIALS)\\b.*");

  private SqlRedaction() {}

  /** {@code sql} with every secret literal masked. Never throws. */
  public static String redact(String sql) {
    if (sql == null) {
      return null;
    }
    List<SqlToken> tokens;
    try {
      tokens = SqlLexer.tokenize(sql);
    } catch (SqlSyntaxException e) {
      // Cannot tell literals apart: hide everything after the first secret keyword.
      return FALLBACK.matcher(sql).replaceFirst("$1 " + MASK.replace("'", "") + "...");
    }
    StringBuilder out = new StringBuilder(sql.length());
    int copied = 0;
    boolean armed = false;
    boolean credentials = false;
    for (SqlToken t : tokens) {
      if (t.isComment()) {
        continue;
      }
      if (t.kind() == SqlToken.Kind.WORD
          && SECRET_KEYWORDS.contains(t.text().toUpperCase(Locale.ROOT))) {
        armed = true;
        credentials = t.isKeyword("CREDENTIALS");
        continue;
      }
      if (armed && t.isKeyword("AS")) {
        continue;
      }
      if (armed && t.kind() == SqlToken.Kind.STRING
          && !(credentials && ROLE_ONLY.matcher(t.text()).matches())) {
        out.append(sql, copied, t.start()).append(MASK);
        copied = t.end();
      }
      armed = false;
    }
    return out.append(sql, copied, sql.length()).toString();
  }
}
