package dev.tdr.spark;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts the parts the Spark readers have open in this JVM (local Spark), to check that each is closed. */
final class OpenParts {
  private static final AtomicInteger OPEN = new AtomicInteger();

  private OpenParts() {}

  /** Starts counting (idempotent). */
  static void count() {
    PartsCursor.events = new PartsCursor.PartEvents() {
      @Override
      public void opened() {
        OPEN.incrementAndGet();
      }

      @Override
      public void closed() {
        OPEN.decrementAndGet();
      }
    };
  }

  /** Parts opened and not closed since counting started. */
  static int open() {
    return OPEN.get();
  }
}
