package dev.tdr.testkit;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension giving tests a {@link RedshiftEmulator} shared by the whole test run: started
 * on first use, closed when the run ends. After each test it disarms faults and restores the
 * empty-UNLOAD mode, so tests do not leak state into each other.
 *
 * <pre>{@code
 * @ExtendWith(RedshiftEmulatorExtension.class)
 * class MyIT {
 *   @Test
 *   void unloads(RedshiftEmulator emu) { ... }
 * }
 * }</pre>
 */
public final class RedshiftEmulatorExtension implements ParameterResolver, AfterEachCallback {
  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(RedshiftEmulatorExtension.class);

  /** Closes the shared emulator when the root context (the test run) closes (JUnit closes AutoCloseable store values). */
  private static final class Holder implements AutoCloseable {
    final RedshiftEmulator emulator = RedshiftEmulator.start();

    @Override
    public void close() {
      emulator.close();
    }
  }

  /** The emulator shared by this test run. */
  public static RedshiftEmulator emulator(ExtensionContext context) {
    return context.getRoot().getStore(NS)
        .getOrComputeIfAbsent(Holder.class, k -> new Holder(), Holder.class).emulator;
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
    return p.getParameter().getType() == RedshiftEmulator.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext c) {
    return emulator(c);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    RedshiftEmulator emu = emulator(context);
    emu.faults().clear();
    emu.emptyUnload(emu.defaultEmptyUnload());
  }
}
