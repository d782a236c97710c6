package dev.tdr.core.unload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class QueryControlTest {
  private final AtomicInteger cancels = new AtomicInteger();

  /** A statement that only counts its cancels (the driver's real cancel is tested in the ITs). */
  private Statement statement() {
    return (Statement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Statement.class},
        (proxy, method, args) -> {
          if (method.getName().equals("cancel")) {
            cancels.incrementAndGet();
          }
          return null;
        });
  }

  @AfterEach
  void goOn() {
    QueryControl.stopStopping();
  }

  @Test
  void cancelStopsTheRunningStatementAndRefusesTheNext() throws Exception {
    QueryControl c = new QueryControl();
    Statement s = statement();
    c.running(s);
    c.cancel();
    assertThat(cancels).hasValue(1);
    assertThat(c.cancelled()).isTrue();
    c.running(null);
    assertThatThrownBy(() -> c.running(statement()))
        .isInstanceOf(SQLException.class)
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"));
  }

  @Test
  void afterCancelAllEveryControlStartsCancelled() throws Exception {
    QueryControl before = new QueryControl();
    before.running(statement());
    QueryControl.cancelAll();
    assertThat(before.cancelled()).isTrue();
    assertThat(cancels).hasValue(1);
    // a command between two statements (a describe, then its UNLOAD) starts no new one
    QueryControl after = new QueryControl();
    assertThat(after.cancelled()).isTrue();
    assertThatThrownBy(() -> after.running(statement()))
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"));
    assertThat(cancels).hasValue(1);
  }

  @Test
  void aControlMadeInOrdinaryTimesStartsRunnable() throws Exception {
    QueryControl c = new QueryControl();
    assertThat(c.cancelled()).isFalse();
    c.running(statement());
    c.running(null);
  }
}
