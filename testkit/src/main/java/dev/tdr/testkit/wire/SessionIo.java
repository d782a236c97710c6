package dev.tdr.testkit.wire;

import java.io.IOException;

/**
 * What an intercepted statement's executor may do while it owns a session's backend connection:
 * talk to the backend directly and write to the client. Only valid between the front handing the
 * backend over and taking it back.
 */
public interface SessionIo {

  /** Statement and portal name an executor may use on the backend; the front closes both before handing over. */
  String INTERNAL_NAME = "tdr_internal";

  /** Queues a complete message for the backend. */
  void toBackend(byte[] message) throws IOException;

  /** Sends everything queued for the backend. */
  void flushBackend() throws IOException;

  /**
   * Reads the next backend message; returns its type. The body is in {@link #body()} (length
   * {@link #bodyLength()}) until the next call.
   */
  int readBackend() throws IOException;

  byte[] body();

  int bodyLength();

  /** Queues a complete message for the client. */
  void toClient(byte[] message) throws IOException;

  /** Queues the backend message last read, unchanged, for the client. */
  void relayToClient(int type) throws IOException;

  void flushClient() throws IOException;

  /** True if a cancel request arrived for this session since the current statement began. */
  boolean cancelRequested();

  /** {@code sql} as the backend runs it with Redshift's meaning (see {@code RedshiftSql}); for an UNLOAD's query. */
  String rewrite(String sql);

  /** The process id of the session's backend (what the client got at login), or 0 before it is known. */
  int backendPid();

  /** Session parameter as last reported by the backend (e.g. {@code client_encoding}), or null. */
  String parameter(String name);
}
