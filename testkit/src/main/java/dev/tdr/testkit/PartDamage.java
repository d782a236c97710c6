package dev.tdr.testkit;

/**
 * Damage done to one part file of the next UNLOAD, after it is written and before the manifest
 * (which keeps the true length and row count) is written.
 *
 * @param partIndex which part, in manifest order (0 = first)
 * @param truncateTo new length in bytes, or -1 to keep the length
 * @param offset where {@code replacement} is written, when corrupting
 * @param replacement bytes written over the part at {@code offset}, or null
 */
public record PartDamage(int partIndex, long truncateTo, long offset, byte[] replacement) {

  /** Cuts part {@code partIndex} down to {@code keepBytes}. */
  public static PartDamage truncate(int partIndex, long keepBytes) {
    return new PartDamage(partIndex, keepBytes, 0, null);
  }

  /** Overwrites bytes of part {@code partIndex} at {@code offset}; the length is kept. */
  public static PartDamage corrupt(int partIndex, long offset, byte[] replacement) {
    return new PartDamage(partIndex, -1, offset, replacement.clone());
  }
}
