package dev.tdr.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class SecretsTest {

  @Test
  void urlParametersThatLookSecretAreMaskedWhereverAUrlAppears() {
    assertThat(Secrets.scrub("cannot connect to jdbc:redshift://h:5439/dev?ssl=false&password=Pw1x&user=a as a"))
        .isEqualTo("cannot connect to jdbc:redshift://h:5439/dev?ssl=false&password=***&user=a as a");
    assertThat(Secrets.scrub("jdbc:redshift://h:5439/dev;UID=a;PWD=Pw1x;SecretAccessKey=abcd;ssl=true"))
        .isEqualTo("jdbc:redshift://h:5439/dev;UID=a;PWD=***;SecretAccessKey=***;ssl=true");
    assertThat(Secrets.scrub("url 'jdbc:redshift://h/dev?password=Pw1x' failed")).isEqualTo("url 'jdbc:redshift://h/dev?password=***' failed");
    assertThat(Secrets.redactUrl("jdbc:redshift://h:5439/dev")).isEqualTo("jdbc:redshift://h:5439/dev");
  }

  @Test
  void sqlCredentialsAreMaskedAndMaskedTextIsLeftAlone() {
    assertThat(Secrets.scrub("UNLOAD ('select 1') TO 's3://b/p/' ACCESS_KEY_ID 'AKIA1' SECRET_ACCESS_KEY 'abc/def'"))
        .doesNotContain("abc/def").contains("SECRET_ACCESS_KEY '***'");
    String masked = "query failed: column \"it's\" does not exist\n  statement: UNLOAD (...) SECRET_ACCESS_KEY '***'";
    assertThat(Secrets.scrub(masked)).isEqualTo(masked);
  }

  @Test
  void registeredValuesAreMaskedAnywhere() {
    Secrets.register("RegisteredSecret-42");
    Secrets.register("abc"); // too short to mask everywhere
    assertThat(Secrets.scrub("X-Amz-Security-Token: RegisteredSecret-42[\\r][\\n]"))
        .isEqualTo("X-Amz-Security-Token: ***[\\r][\\n]");
    assertThat(Secrets.scrub("abc")).isEqualTo("abc");
    assertThat(Secrets.scrub((String) null)).isNull();
  }

  @Test
  void exceptionChainsWithASecretAreReplacedByStandIns() {
    Secrets.register("ChainSecret-77");
    SQLException inner = new SQLException("login failed for ChainSecret-77", "28000");
    TdrException e = new TdrException("cannot connect: ChainSecret-77", new RuntimeException("wrapped", inner));
    assertThat(e.getMessage()).isEqualTo("cannot connect: ***");
    StringBuilder all = new StringBuilder();
    for (Throwable c = e; c != null; c = c.getCause()) {
      all.append(c).append('\n');
    }
    assertThat(all.toString()).doesNotContain("ChainSecret-77").contains("java.sql.SQLException: login failed for ***");
    assertThat(e.getCause().getStackTrace()).isNotEmpty();
    RuntimeException clean = new RuntimeException("nothing secret");
    assertThat(new TdrException("x", clean).getCause()).isSameAs(clean);
  }

  @Test
  void aScrubbingStreamMasksLineByLineEvenWhenWrittenByteByByte() throws Exception {
    Secrets.register("StreamSecret-99");
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (OutputStream out = Secrets.scrubbing(sink)) {
      byte[] text = "one StreamSecret-99 line\nprogress 50%\rlast StreamSecret-99".getBytes(StandardCharsets.UTF_8);
      for (byte b : text) {
        out.write(b);
      }
      out.write(" é\n".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("one *** line\nprogress 50%\rlast *** é\n");
  }
}
