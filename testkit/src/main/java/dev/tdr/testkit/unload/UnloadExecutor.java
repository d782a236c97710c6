package dev.tdr.testkit.unload;

import dev.tdr.core.sql.SqlRedaction;
import dev.tdr.core.sql.SqlScript;
import dev.tdr.core.sql.SqlSyntaxException;
import dev.tdr.testkit.EmptyUnload;
import dev.tdr.testkit.PartDamage;
import dev.tdr.testkit.wire.PgMessage;
import dev.tdr.testkit.wire.SessionIo;
import dev.tdr.testkit.wire.StatementInterceptor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.S3Exceptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Executes UNLOAD on the client's own backend session, so the inner query sees the session's
 * temporary tables and transaction, exactly as on Redshift. Every failure is raised by the
 * backend itself (a {@code DO} block that raises the chosen SQLSTATE), so the session's
 * transaction and pipeline state follow the failure as they would on Redshift.
 */
public final class UnloadExecutor implements StatementInterceptor {
  private static final Logger LOG = LoggerFactory.getLogger(UnloadExecutor.class);
  private static final String NAME = SessionIo.INTERNAL_NAME;
  private static final Pattern SQLSTATE = Pattern.compile("[0-9A-Z]{5}");

  private final UnloadContext ctx;

  public UnloadExecutor(UnloadContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public boolean intercepts(String sql) {
    try {
      return "UNLOAD".equals(SqlScript.firstKeyword(sql));
    } catch (SqlSyntaxException e) {
      return false;
    }
  }

  @Override
  public boolean execute(String sql, SessionIo io) throws IOException {
    try {
      UnloadCommand cmd = UnloadParser.parse(sql);
      Duration delay = ctx.faults().takeDelay();
      if (delay != null
          && !runInternal(io, "SELECT pg_sleep(" + delay.toMillis() / 1000.0 + ")")) {
        return false;
      }
      UnloadFaults.Failure failure = ctx.faults().takeFailure();
      if (failure != null) {
        throw new UnloadError(failure.sqlState(), failure.message());
      }
      checkAccess(cmd);
      return unload(cmd, io);
    } catch (UnloadError e) {
      LOG.debug("UNLOAD failed ({}): {} -- {}", e.sqlState(), e.getMessage(), SqlRedaction.redact(sql));
      raise(io, e);
      return false;
    }
  }

  // ------------------------------------------------------------------ the UNLOAD itself

  private boolean unload(UnloadCommand cmd, SessionIo io) throws IOException, UnloadError {
    long started = System.currentTimeMillis();
    String query = io.rewrite(cmd.query());
    List<Column> columns = describe(io, query, false);
    if (columns == null) {
      return false;
    }
    String typed = redshiftNumerics(query, columns);
    if (typed != null) {
      columns = describe(io, typed, true);
      if (columns == null) {
        return false;
      }
    }
    List<ParquetPartWriter.Col> parquet = null;
    int[] partitionBy = partitionColumns(cmd, columns);
    if (cmd.format() == UnloadCommand.Format.PARQUET) {
      parquet = new ArrayList<>();
      for (Column c : columns) {
        parquet.add(ParquetPartWriter.column(c.name, ctx.types().manifestType(c.typeOid, c.typmod)));
      }
    }
    prepareDestination(cmd);
    UnloadFaults.Pause pause = ctx.faults().takePause();
    if (pause != null) {
      pause.hold();
    }

    PgMessage bind = PgMessage.of('B').cstring(NAME).cstring(NAME).int16(0).int16(0)
        .int16(columns.size());
    for (Column c : columns) {
      bind.int16(c.kind.binary ? 1 : 0);
    }
    io.toBackend(bind.toBytes());
    io.toBackend(PgMessage.of('E').cstring(NAME).int32(0).toBytes());
    io.toBackend(PgMessage.of('C').int8('P').cstring(NAME).toBytes());
    io.toBackend(PgMessage.of('C').int8('S').cstring(NAME).toBytes());
    io.toBackend(PgMessage.of('H').toBytes());
    io.flushBackend();

    FieldWriter fields = new FieldWriter(cmd);
    ByteBuf header = null;
    if (cmd.header()) {
      header = new ByteBuf(256);
      for (int i = 0; i < columns.size(); i++) {
        if (i > 0) {
          fields.delimiter(header);
        }
        byte[] name = columns.get(i).name.getBytes(StandardCharsets.UTF_8);
        fields.write(header, name, 0, name.length, true);
      }
      fields.endOfLine(header);
    }
    ColumnKind[] kinds = columns.stream().map(c -> c.kind).toArray(ColumnKind[]::new);
    try (UnloadParts parts = parquet != null ? new ParquetPartWriter(cmd, ctx.workDir(), ctx.slices(), parquet, kinds, partitionBy)
        : new PartWriter(cmd, ctx.workDir(), ctx.slices(), header, fields, kinds, ctx.workers())) {
      boolean done = false;
      while (!done) {
        int t = next(io);
        switch (t) {
          case 'D' -> parts.addRow(io.body(), io.bodyLength());
          case 'C', 'I', 's' -> done = true;
          case 'E' -> {
            relayError(io);
            return false;
          }
          default -> {
            // BindComplete
          }
        }
      }
      if (!awaitCloses(io, 2)) {
        return false;
      }
      checkCancel(io);
      long rows = parts.rows();
      boolean noFiles = rows == 0 && ctx.emptyUnload() == EmptyUnload.NO_FILES;
      List<PartWriter.Part> written = parts.finish(rows == 0 && !noFiles);
      if (partitionBy.length > 0 && cmd.cleanPath()) {
        cleanPartitionFolders(cmd, written);
      }
      List<ManifestWriter.Entry> entries = upload(cmd, written, io);
      if (cmd.manifest() && !noFiles) {
        List<ManifestWriter.Element> schema = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
          Column c = columns.get(i);
          if (cmd.partitionInclude() || java.util.Arrays.stream(partitionBy).noneMatch(p -> p == c.index)) {
            schema.add(new ManifestWriter.Element(c.name, ctx.types().manifestType(c.typeOid, c.typmod)));
          }
        }
        put(cmd.bucket(), cmd.prefix() + "manifest",
            ManifestWriter.write(entries, schema, cmd.manifestVerbose()).getBytes(StandardCharsets.UTF_8));
      }
      int queryId = log(cmd, io, started, written, entries);
      if (!runInternal(io, "SELECT set_config('tdr.last_unload_count', '" + rows + "', false), "
          + "set_config('tdr.last_query_id', '" + queryId + "', false)")) {
        return false;
      }
      Map<Character, String> notice = new LinkedHashMap<>();
      notice.put('S', "INFO");
      notice.put('V', "INFO");
      notice.put('C', "00000");
      notice.put('M', "UNLOAD completed, " + rows + " record(s) unloaded successfully.");
      io.toClient(PgMessage.withFields('N', notice));
      io.toClient(PgMessage.of('C').cstring("UNLOAD").toBytes());
      LOG.debug("UNLOAD wrote {} rows in {} parts to s3://{}/{}", rows, written.size(),
          cmd.bucket(), cmd.prefix());
      return true;
    }
  }

  private record Column(int index, String name, int typeOid, int typmod, ColumnKind kind) {}

  /** Redshift's partition column types (PARTITION BY). */
  private static final java.util.Set<String> PARTITION_TYPES = java.util.Set.of("smallint", "integer", "bigint",
      "numeric", "real", "boolean", "character", "character varying", "date", "timestamp without time zone");

  /** The result columns PARTITION BY names, checked as Redshift checks them (empty without PARTITION BY). */
  private int[] partitionColumns(UnloadCommand cmd, List<Column> columns) throws UnloadError {
    int[] out = new int[cmd.partitionBy().size()];
    for (int k = 0; k < out.length; k++) {
      String name = cmd.partitionBy().get(k);
      String wanted = name.startsWith("\"") ? name.substring(1, name.length() - 1).replace("\"\"", "\"")
          : name.toLowerCase(java.util.Locale.ROOT);
      Column found = columns.stream().filter(c -> c.name.equals(wanted)).findFirst().orElseThrow(() -> new UnloadError(
          "42703", "PARTITION BY column \"" + wanted + "\" is not a column of the query's result"));
      String base = String.valueOf(ctx.types().manifestType(found.typeOid, found.typmod).get("base"));
      if (!PARTITION_TYPES.contains(base)) {
        throw new UnloadError(UnloadError.NOT_SUPPORTED, "PARTITION BY column \"" + wanted + "\" is " + base
            + "; partition columns must be SMALLINT, INTEGER, BIGINT, DECIMAL, REAL, BOOLEAN, CHAR, VARCHAR, DATE"
            + " or TIMESTAMP");
      }
      out[k] = found.index;
    }
    if (out.length > 0 && java.util.Arrays.stream(out).distinct().count() >= columns.size()) {
      throw new UnloadError(UnloadError.NOT_SUPPORTED,
          "UNLOAD with PARTITION BY needs at least one column that is not a partition column");
    }
    return out;
  }

  /**
   * CLEANPATH with PARTITION BY: as on Redshift, only the partition folders that receive new files
   * are emptied (before the new files are written).
   */
  private void cleanPartitionFolders(UnloadCommand cmd, List<PartWriter.Part> parts) throws UnloadError {
    java.util.Set<String> folders = new java.util.TreeSet<>();
    for (PartWriter.Part p : parts) {
      folders.add(p.key().substring(0, p.key().lastIndexOf('/') + 1));
    }
    for (String f : folders) {
      try {
        for (String key : listKeys(cmd.bucket(), f)) {
          ctx.store().removeBlob(DeleteObjectRequest.builder().bucket(cmd.bucket()).key(key).build());
        }
      } catch (AwsServiceException e) {
        throw s3Error(e, "s3://" + cmd.bucket() + "/" + f);
      }
    }
  }

  /**
   * Prepares {@code query} as the UNLOAD's statement (replacing the one prepared before if {@code
   * again}) and describes it; null if the backend refused it (the error has been relayed).
   */
  private List<Column> describe(SessionIo io, String query, boolean again) throws IOException, UnloadError {
    if (again) {
      io.toBackend(PgMessage.of('C').int8('S').cstring(NAME).toBytes());
    }
    io.toBackend(PgMessage.of('P').cstring(NAME).cstring(query).int16(0).toBytes());
    io.toBackend(PgMessage.of('D').int8('S').cstring(NAME).toBytes());
    io.toBackend(PgMessage.of('H').toBytes());
    io.flushBackend();
    if (again && next(io) == 'E') { // CloseComplete
      relayError(io);
      return null;
    }
    if (next(io) == 'E') {
      relayError(io);
      return null;
    }
    int paramCount = 0;
    List<Column> columns = null;
    while (columns == null) {
      int t = next(io);
      if (t == 't') {
        paramCount = PgMessage.int16At(io.body(), 0);
      } else if (t == 'T') {
        columns = columns(io.body(), io.bodyLength());
      } else if (t == 'n') {
        throw new UnloadError(UnloadError.SYNTAX,
            "UNLOAD needs a query that returns rows (a SELECT)");
      } else if (t == 'E') {
        relayError(io);
        return null;
      }
    }
    if (paramCount > 0) {
      throw new UnloadError(UnloadError.SYNTAX,
          "UNLOAD does not take parameters ($1...); put the values in the query text");
    }
    return columns;
  }

  /**
   * {@code query} with each result column PostgreSQL leaves an unconstrained {@code numeric}
   * (Redshift has none) cast to {@link TypeRegistry#DEFAULT_NUMERIC}; null if there is none.
   */
  static String redshiftNumerics(String query, List<Column> columns) {
    boolean any = columns.stream().anyMatch(c -> c.typeOid == TypeRegistry.NUMERIC && c.typmod < 0);
    if (!any) {
      return null;
    }
    StringBuilder names = new StringBuilder();
    StringBuilder select = new StringBuilder("SELECT ");
    for (int i = 0; i < columns.size(); i++) {
      Column c = columns.get(i);
      String alias = "\"" + c.name.replace("\"", "\"\"") + "\"";
      String ref = "tdr_q.c" + (i + 1);
      names.append(i > 0 ? ", " : "").append("c").append(i + 1);
      select.append(i > 0 ? ", " : "");
      if (c.typeOid == TypeRegistry.NUMERIC && c.typmod < 0) {
        select.append("CAST(").append(ref).append(" AS ").append(TypeRegistry.DEFAULT_NUMERIC).append(")");
      } else {
        select.append(ref);
      }
      select.append(" AS ").append(alias);
    }
    String body = query.strip();
    while (body.endsWith(";")) {
      body = body.substring(0, body.length() - 1).strip();
    }
    return select.append(" FROM (").append(body).append("\n) AS tdr_q(").append(names).append(")").toString();
  }

  /** The UNLOAD's rows in stl_unload_log; its query id (-1 if the log could not be written). */
  private int log(UnloadCommand cmd, SessionIo io, long started, List<PartWriter.Part> written,
      List<ManifestWriter.Entry> entries) {
    List<Integer> slices = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    List<Long> lines = new ArrayList<>();
    List<Long> bytes = new ArrayList<>();
    for (int i = 0; i < written.size(); i++) {
      slices.add(written.get(i).slice());
      paths.add(entries.get(i).url());
      lines.add(entries.get(i).recordCount());
      bytes.add(entries.get(i).contentLength());
    }
    String user = io.parameter("session_authorization");
    try {
      return ctx.logUnload(io.backendPid(), user == null ? "" : user, started, System.currentTimeMillis(),
          cmd.format() == UnloadCommand.Format.PARQUET ? "Parquet" : "Text", slices, paths, lines, bytes);
    } catch (java.sql.SQLException e) {
      LOG.warn("could not write stl_unload_log: {}", e.toString());
      return -1;
    }
  }

  private List<Column> columns(byte[] b, int len) {
    int n = PgMessage.int16At(b, 0);
    int p = 2;
    List<Column> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String name = PgMessage.cstringAt(b, p, len);
      p = PgMessage.skipCstring(b, p, len);
      p += 4 + 2; // table oid, attribute number
      int typeOid = PgMessage.int32At(b, p);
      p += 4 + 2; // type oid, type length
      int typmod = PgMessage.int32At(b, p);
      p += 4 + 2; // typmod, format
      out.add(new Column(i, name, typeOid, typmod, ctx.types().kind(typeOid)));
    }
    return out;
  }

  // ------------------------------------------------------------------ S3

  private void checkAccess(UnloadCommand cmd) throws UnloadError {
    String target = "s3://" + cmd.bucket() + "/" + cmd.prefix();
    if (cmd.region() != null && !cmd.region().equalsIgnoreCase(ctx.region())) {
      throw s3Error(301, "PermanentRedirect",
          "The bucket you are attempting to access must be addressed using the specified endpoint. "
              + "Please send all future requests to this endpoint.", target);
    }
    UnloadCommand.Authorization auth = cmd.auth();
    if (auth.iamRole() == null) {
      if (!ctx.accessKeyId().equals(auth.accessKeyId())) {
        throw s3Error(403, "InvalidAccessKeyId",
            "The AWS Access Key Id you provided does not exist in our records.", target);
      }
      if (!ctx.secretAccessKey().equals(auth.secretAccessKey())) {
        throw s3Error(403, "SignatureDoesNotMatch",
            "The request signature we calculated does not match the signature you provided. "
                + "Check your key and signing method.", target);
      }
    }
    if (!ctx.store().containerExists(cmd.bucket())) {
      throw s3Error(404, "NoSuchBucket", "The specified bucket does not exist", target);
    }
  }

  private void prepareDestination(UnloadCommand cmd) throws UnloadError {
    String target = "s3://" + cmd.bucket() + "/" + cmd.prefix();
    try {
      List<String> existing = listKeys(cmd.bucket(), cmd.prefix());
      if (existing.isEmpty()) {
        return;
      }
      if (cmd.cleanPath() && !cmd.partitionBy().isEmpty()) {
        return; // only the partition folders that receive files are cleaned, once they are known
      }
      if (cmd.cleanPath()) {
        for (String key : existing) {
          ctx.store().removeBlob(DeleteObjectRequest.builder().bucket(cmd.bucket()).key(key).build());
        }
      } else if (!cmd.allowOverwrite()) {
        throw new UnloadError(UnloadError.INTERNAL,
            "Specified unload destination on S3 is not empty. Consider using a different bucket / "
                + "prefix, manually removing the target files in S3, or using the ALLOWOVERWRITE option.",
            "destination: " + target);
      }
    } catch (AwsServiceException e) {
      throw s3Error(e, target);
    }
  }

  private List<String> listKeys(String bucket, String prefix) {
    List<String> keys = new ArrayList<>();
    String token = null;
    do {
      ListObjectsV2Request.Builder req = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix);
      if (token != null) {
        req.continuationToken(token);
      }
      ListObjectsV2Response resp = ctx.store().list(req.build());
      for (S3Object o : resp.contents()) {
        keys.add(o.key());
      }
      token = Boolean.TRUE.equals(resp.isTruncated()) ? resp.nextContinuationToken() : null;
    } while (token != null);
    return keys;
  }

  private List<ManifestWriter.Entry> upload(UnloadCommand cmd, List<PartWriter.Part> parts,
      SessionIo io) throws IOException, UnloadError {
    PartDamage damage = parts.isEmpty() ? null : ctx.faults().takeDamage();
    List<ManifestWriter.Entry> entries = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      PartWriter.Part p = parts.get(i);
      entries.add(new ManifestWriter.Entry("s3://" + cmd.bucket() + "/" + p.key(), Files.size(p.file()), p.records()));
      if (damage != null && damage.partIndex() == i) {
        damage(p, damage);
      }
    }
    checkCancel(io);
    // every slice puts its own parts, at the same time
    List<java.util.concurrent.CompletableFuture<Void>> puts = new ArrayList<>();
    for (PartWriter.Part p : parts) {
      puts.add(java.util.concurrent.CompletableFuture.runAsync(() -> {
        if (io.cancelRequested()) {
          return; // cancelled or terminated: the parts not yet started are never written
        }
        try (InputStream in = Files.newInputStream(p.file())) {
          ctx.store().putBlob(PutObjectRequest.builder().bucket(cmd.bucket()).key(p.key())
              .contentLength(Files.size(p.file())).build(), in);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }, ctx.workers()));
    }
    // the statement ends only when no put is in flight: nothing is written after it returns
    java.util.concurrent.CompletableFuture.allOf(puts.toArray(java.util.concurrent.CompletableFuture[]::new))
        .exceptionally(e -> null).join();
    checkCancel(io);
    for (int i = 0; i < puts.size(); i++) {
      try {
        puts.get(i).join();
      } catch (java.util.concurrent.CompletionException e) {
        if (e.getCause() instanceof AwsServiceException ase) {
          throw s3Error(ase, "s3://" + cmd.bucket() + "/" + parts.get(i).key());
        }
        if (e.getCause() instanceof java.io.UncheckedIOException u) {
          throw u.getCause();
        }
        throw e;
      }
    }
    return entries;
  }

  private static void damage(PartWriter.Part p, PartDamage d) throws IOException {
    try (FileChannel ch = FileChannel.open(p.file(), StandardOpenOption.WRITE)) {
      if (d.truncateTo() >= 0) {
        ch.truncate(d.truncateTo());
      }
      if (d.replacement() != null) {
        ch.write(ByteBuffer.wrap(d.replacement()), d.offset());
      }
    }
  }

  private void put(String bucket, String key, byte[] data) throws UnloadError {
    try {
      ctx.store().putBlob(PutObjectRequest.builder().bucket(bucket).key(key)
          .contentLength((long) data.length).build(), new java.io.ByteArrayInputStream(data));
    } catch (AwsServiceException e) {
      throw s3Error(e, "s3://" + bucket + "/" + key);
    }
  }

  private static void checkCancel(SessionIo io) throws UnloadError {
    if (io.cancelRequested()) {
      throw new UnloadError(UnloadError.CANCELED, "canceling statement due to user request");
    }
  }

  private static UnloadError s3Error(AwsServiceException e, String context) {
    String code = S3Exceptions.errorCode(e);
    String message = e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
        ? e.awsErrorDetails().errorMessage() : code;
    return s3Error(e.statusCode(), code, message, context);
  }

  /** An S3 failure worded as Redshift words it. */
  static UnloadError s3Error(int status, String code, String message, String context) {
    String rid = UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
    String text = "S3ServiceException:" + message + ",Status " + status + ",Error " + code
        + ",Rid " + rid + ",ExtRid " + rid + ",CanRetry 1";
    String detail = "-----------------------------------------------\n"
        + "  error:  " + text + "\n"
        + "  code:      8001\n"
        + "  context:   " + context + "\n"
        + "  location:  s3_unloader.cpp (TDR Redshift emulator)\n"
        + "  -----------------------------------------------";
    return new UnloadError(UnloadError.INTERNAL, text, detail);
  }

  // ------------------------------------------------------------------ backend plumbing

  /** The next backend message type, relaying notices and parameter changes to the client. */
  private static int next(SessionIo io) throws IOException {
    while (true) {
      int t = io.readBackend();
      if (t == 'N' || t == 'S' || t == 'A') {
        io.relayToClient(t);
        continue;
      }
      return t;
    }
  }

  /**
   * Runs {@code sql} on the backend without a Sync; true on success, else the error has been
   * relayed and the backend ignores everything until the client's (or our) Sync.
   */
  private static boolean runInternal(SessionIo io, String sql) throws IOException {
    io.toBackend(PgMessage.of('C').int8('P').cstring(NAME).toBytes());
    io.toBackend(PgMessage.of('C').int8('S').cstring(NAME).toBytes());
    io.toBackend(PgMessage.of('P').cstring(NAME).cstring(sql).int16(0).toBytes());
    io.toBackend(PgMessage.of('B').cstring(NAME).cstring(NAME).int16(0).int16(0).int16(0).toBytes());
    io.toBackend(PgMessage.of('E').cstring(NAME).int32(0).toBytes());
    io.toBackend(PgMessage.of('C').int8('P').cstring(NAME).toBytes());
    io.toBackend(PgMessage.of('C').int8('S').cstring(NAME).toBytes());
    io.toBackend(PgMessage.of('H').toBytes());
    io.flushBackend();
    return awaitCloses(io, 4);
  }

  /**
   * Reads backend messages until {@code count} CloseCompletes; false if an error came first (it
   * has been relayed, and the backend now ignores everything until Sync).
   */
  private static boolean awaitCloses(SessionIo io, int count) throws IOException {
    int closes = 0;
    while (closes < count) {
      int t = next(io);
      if (t == '3') {
        closes++;
      } else if (t == 'E') {
        relayError(io);
        return false;
      }
    }
    return true;
  }

  /** Makes the backend raise {@code e}, so transaction state follows, and relays the error. */
  private static void raise(SessionIo io, UnloadError e) throws IOException {
    String state = SQLSTATE.matcher(e.sqlState()).matches() ? e.sqlState() : UnloadError.INTERNAL;
    StringBuilder body = new StringBuilder("BEGIN RAISE EXCEPTION USING ERRCODE = '")
        .append(state).append("', MESSAGE = ").append(dollarQuote(e.getMessage()));
    if (e.detail() != null) {
      body.append(", DETAIL = ").append(dollarQuote(e.detail()));
    }
    body.append("; END");
    String tag = "$tdr_do$";
    while (body.indexOf(tag) >= 0) {
      tag = "$tdr_do" + tag.length() + "$";
    }
    if (runInternal(io, "DO " + tag + body + tag)) {
      // The DO block cannot succeed; if it somehow did, still report the failure.
      Map<Character, String> f = new LinkedHashMap<>();
      f.put('S', "ERROR");
      f.put('V', "ERROR");
      f.put('C', state);
      f.put('M', e.getMessage());
      io.toClient(PgMessage.withFields('E', f));
    }
  }

  private static String dollarQuote(String s) {
    String tag = "$tdr_m$";
    int i = 0;
    while (s.contains(tag)) {
      tag = "$tdr_m" + (++i) + "$";
    }
    return tag + s + tag;
  }

  /** Relays the ErrorResponse just read, without fields that only make sense for our own SQL. */
  private static void relayError(SessionIo io) throws IOException {
    Map<Character, String> fields = PgMessage.fields(io.body(), io.bodyLength());
    for (char drop : new char[] {'P', 'p', 'q', 'W', 'F', 'L', 'R'}) {
      fields.remove(drop);
    }
    io.toClient(PgMessage.withFields('E', fields));
  }
}
