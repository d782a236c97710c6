package dev.tdr.testkit;

/** S3 request kinds the fault injector can target. */
public enum S3Operation {
  /** GetObject. */
  GET,
  /** PutObject, including the emulator's own UNLOAD writes. */
  PUT,
  /** HeadObject. */
  HEAD,
  /** DeleteObject and DeleteObjects. */
  DELETE,
  /** ListObjects(V2); the key pattern is matched against the listed prefix. */
  LIST,
  /** Any of the above. */
  ANY
}
