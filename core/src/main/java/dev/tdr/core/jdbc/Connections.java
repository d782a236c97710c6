package dev.tdr.core.jdbc;

import dev.tdr.core.ConfigException;
import dev.tdr.core.TdrConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/**
 * The one place TDR opens a JDBC connection to Redshift: the configured URL, user, password and
 * driver properties ({@code TDR_DRIVER_*}, the config file; IAM authentication among them), on
 * top of TDR's default of one result at a time on the caller's thread ({@code
 * enableFetchRingBuffer=false}: the driver's background ring buffer is slower for how TDR
 * reads). A caller that differs on purpose says so with explicit overrides, applied last.
 */
public final class Connections {
  /** TDR's driver defaults, which the configuration may change. */
  static final Map<String, String> DEFAULTS = Map.of("enableFetchRingBuffer", "false");

  private Connections() {}

  /** A new connection as configured. */
  public static Connection open(TdrConfig config) throws SQLException {
    return open(config, Map.of());
  }

  /** A new connection as configured, with {@code overrides} applied last. */
  public static Connection open(TdrConfig config, Map<String, String> overrides) throws SQLException {
    return DriverManager.getConnection(url(config), properties(config, overrides));
  }

  /**
   * A new connection with the driver's own defaults under the configuration (TDR's defaults
   * left out): what a user of redshift-jdbc42 gets without TDR, for comparisons.
   */
  public static Connection openWithDriverDefaults(TdrConfig config) throws SQLException {
    return DriverManager.getConnection(url(config), config.connectionProperties());
  }

  /** The properties {@link #open(TdrConfig, Map)} connects with (password included: never print them). */
  static Properties properties(TdrConfig config, Map<String, String> overrides) {
    Properties p = new Properties();
    p.putAll(DEFAULTS);
    p.putAll(config.connectionProperties());
    p.putAll(overrides);
    return p;
  }

  private static String url(TdrConfig config) {
    String url = config.url();
    if (url == null || url.isBlank()) {
      throw new ConfigException("no JDBC URL to connect to: set TDR_URL (or url in the TDR_CONFIG file)");
    }
    return url;
  }
}
