package dev.tdr.testkit;

/**
 * What an UNLOAD of zero rows leaves in S3. Redshift has been seen doing both; clients must
 * handle either, so the emulator lets tests choose.
 */
public enum EmptyUnload {
  /** No part files and no manifest. */
  NO_FILES,
  /** One empty part per slice (a header line only, with HEADER), listed in the manifest. */
  EMPTY_PARTS
}
