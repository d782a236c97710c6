package dev.tdr.cli;

import org.slf4j.LoggerFactory;

/** Turns SIGINT and SIGTERM into a callback, so long-running commands stop cleanly with status 0. */
final class Signals {
  private Signals() {}

  static void onTerminate(Runnable action) {
    for (String name : new String[] {"INT", "TERM"}) {
      try {
        sun.misc.Signal.handle(new sun.misc.Signal(name), s -> action.run());
      } catch (IllegalArgumentException | UnsupportedOperationException e) {
        // Not available on this platform: the shutdown hook still stops the emulator.
        LoggerFactory.getLogger(Signals.class).debug("cannot handle SIG{}: {}", name, e.toString());
      }
    }
  }
}
