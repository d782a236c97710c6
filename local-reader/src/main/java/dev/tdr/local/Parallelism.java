package dev.tdr.local;

/** How many threads the local reader uses to read and parse parts. */
public final class Parallelism {
  /** Upper bound; more threads than this only add contention on one machine. */
  public static final int MAX = 256;

  private Parallelism() {}

  /**
   * {@code requested} if given (1..{@value #MAX}), else the number of available processors.
   *
   * @throws IllegalArgumentException naming the setting and the valid range
   */
  public static int threads(Integer requested) {
    if (requested == null) {
      return Math.max(1, Runtime.getRuntime().availableProcessors());
    }
    if (requested < 1 || requested > MAX) {
      throw new IllegalArgumentException(
          "parallelism must be between 1 and " + MAX + ", got " + requested + " (omit it to use every core)");
    }
    return requested;
  }
}
