package dev.tdr.core.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlRedactionTest {

  @Test
  void masksKeysAndTokens() {
    String sql = "UNLOAD ('select ''x''') TO 's3://b/p/' ACCESS_KEY_ID 'AKIAEXAMPLE' "
        + "secret_access_key 'wJalrXUtnFEMI/K7MDENG' SESSION_TOKEN 'FwoGZXIvYXdzEJr' CSV";
    String redacted = SqlRedaction.redact(sql);
    assertThat(redacted)
        .doesNotContain("AKIAEXAMPLE", "wJalrXUtnFEMI", "FwoGZXIvYXdzEJr")
        .isEqualTo("UNLOAD ('select ''x''') TO 's3://b/p/' ACCESS_KEY_ID '***' "
            + "secret_access_key '***' SESSION_TOKEN '***' CSV");
  }

  @Test
  void masksCredentialStringsButKeepsRoles() {
    assertThat(SqlRedaction.redact(
            "unload ('select 1') to 's3://b/p' with credentials as "
                + "'aws_access_key_id=AK;aws_secret_access_key=SK;token=T'"))
        .isEqualTo("unload ('select 1') to 's3://b/p' with credentials as '***'");
    assertThat(SqlRedaction.redact(
            "unload ('select 1') to 's3://b/p' credentials 'aws_iam_role=arn:aws:iam::1:role/r'"))
        .contains("arn:aws:iam::1:role/r");
    assertThat(SqlRedaction.redact("create user u password 'hunter2'"))
        .isEqualTo("create user u password '***'");
  }

  @Test
  void unparsableTextHidesEverythingAfterTheKeyword() {
    String redacted = SqlRedaction.redact("unload ('x') secret_access_key 'SK unterminated");
    assertThat(redacted).doesNotContain("SK unterminated").isEqualTo("unload ('x') secret_access_key ***...");
  }

  @Test
  void leavesOrdinaryTextAlone() {
    String sql = "select 'password' as p from t where token = 'abc'";
    assertThat(SqlRedaction.redact(sql)).isEqualTo(sql);
    assertThat(SqlRedaction.redact(null)).isNull();
  }
}
