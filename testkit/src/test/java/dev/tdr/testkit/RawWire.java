package dev.tdr.testkit;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A PostgreSQL v3 client at the message level, as clients written by others speak to the front:
 * every message is written (and flushed) on its own, so the front sees them one at a time, the
 * way {@code redshift_connector} sends them with a Flush after each. Reads time out, so a hang
 * fails the test instead of stalling it.
 */
final class RawWire implements AutoCloseable {
  /** One message from the server. */
  record Msg(char type, byte[] body) {
    /** The {@code M} (message) field of an ErrorResponse or NoticeResponse. */
    String field(char code) {
      int i = 0;
      while (i < body.length && body[i] != 0) {
        char c = (char) body[i++];
        int end = i;
        while (body[end] != 0) {
          end++;
        }
        if (c == code) {
          return new String(body, i, end - i, StandardCharsets.UTF_8);
        }
        i = end + 1;
      }
      return null;
    }

    @Override
    public String toString() {
      return type == 'E' || type == 'N' ? type + "(" + field('C') + " " + field('M') + ")" : String.valueOf(type);
    }
  }

  private final Socket socket;
  private final DataInputStream in;
  private final DataOutputStream out;

  private RawWire(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = new DataOutputStream(socket.getOutputStream());
  }

  /** Connects and logs in (MD5 password, as the emulator asks); ready for queries. */
  static RawWire connect(RedshiftEmulator emu, String applicationName) throws IOException {
    RawWire w = new RawWire(new Socket("127.0.0.1", emu.port()));
    w.socket.setSoTimeout(15_000);
    byte[] params = ("user\0" + emu.user() + "\0database\0" + emu.database() + "\0application_name\0"
        + applicationName + "\0\0").getBytes(StandardCharsets.UTF_8);
    w.out.writeInt(8 + params.length);
    w.out.writeInt(196608);
    w.out.write(params);
    w.out.flush();
    Msg auth = w.read();
    if (auth.type() != 'R' || auth.body().length < 8 || readInt(auth.body(), 0) != 5) {
      throw new IOException("expected an MD5 password request, got " + auth);
    }
    byte[] salt = java.util.Arrays.copyOfRange(auth.body(), 4, 8);
    String inner = md5Hex((emu.password() + emu.user()).getBytes(StandardCharsets.UTF_8));
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(inner.getBytes(StandardCharsets.US_ASCII));
    b.writeBytes(salt);
    w.send('p', cstring("md5" + md5Hex(b.toByteArray())));
    w.until('Z');
    return w;
  }

  private static String md5Hex(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int readInt(byte[] b, int off) {
    return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
  }

  static byte[] cstring(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    byte[] out = java.util.Arrays.copyOf(b, b.length + 1);
    return out;
  }

  /** Writes one message and flushes it. */
  void send(char type, byte[] body) throws IOException {
    out.write(type);
    out.writeInt(body.length + 4);
    out.write(body);
    out.flush();
  }

  void query(String sql) throws IOException {
    send('Q', cstring(sql));
  }

  /** Parse of an unnamed statement, no parameter types. */
  void parse(String sql) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(cstring(""));
    b.writeBytes(cstring(sql));
    b.write(0);
    b.write(0);
    send('P', b.toByteArray());
  }

  /** Bind of the unnamed portal to the unnamed statement, text parameters (null: none). */
  void bind(String... textParams) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(cstring(""));
    b.writeBytes(cstring(""));
    b.write(0);
    b.write(0); // parameter formats: all text
    int n = textParams == null ? 0 : textParams.length;
    b.write(n >> 8);
    b.write(n);
    for (int i = 0; i < n; i++) {
      byte[] v = textParams[i].getBytes(StandardCharsets.UTF_8);
      b.write(v.length >> 24);
      b.write(v.length >> 16);
      b.write(v.length >> 8);
      b.write(v.length);
      b.writeBytes(v);
    }
    b.write(0);
    b.write(0); // result formats: all text
    send('B', b.toByteArray());
  }

  void describePortal() throws IOException {
    send('D', unnamed('P'));
  }

  void describeStatement() throws IOException {
    send('D', unnamed('S'));
  }

  /** A kind byte ({@code P} portal, {@code S} statement) and the unnamed one's empty name. */
  private static byte[] unnamed(char kind) {
    return new byte[] {(byte) kind, 0};
  }

  void execute() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(cstring(""));
    b.write(new byte[4]); // no row limit
    send('E', b.toByteArray());
  }

  void closePortal() throws IOException {
    send('C', unnamed('P'));
  }

  void flush() throws IOException {
    send('H', new byte[0]);
  }

  void sync() throws IOException {
    send('S', new byte[0]);
  }

  /** The next message (fails on timeout). */
  Msg read() throws IOException {
    int type = in.read();
    if (type < 0) {
      throw new java.io.EOFException("the server closed the connection");
    }
    int len = in.readInt() - 4;
    byte[] body = new byte[len];
    in.readFully(body);
    return new Msg((char) type, body);
  }

  /** Messages up to and including the first of {@code type}. */
  List<Msg> until(char type) throws IOException {
    List<Msg> got = new ArrayList<>();
    Msg m;
    do {
      m = read();
      got.add(m);
    } while (m.type() != type);
    return got;
  }

  /** The transaction status of the last ReadyForQuery in {@code msgs}: I, T or E. */
  static char status(List<Msg> msgs) {
    return (char) msgs.get(msgs.size() - 1).body()[0];
  }

  /** Closes the connection at once, without a Terminate (a client that went away). */
  @Override
  public void close() throws IOException {
    socket.close();
  }
}
