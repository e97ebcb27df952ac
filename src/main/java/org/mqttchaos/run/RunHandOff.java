package org.mqttchaos.run;

/**
 * The one static of a run. Gatling makes a simulation, and the MQTT protocol's components, by reflection with no
 * arguments, so whatever starts Gatling (the engine, a test) installs the run here first: its {@link RunScope},
 * and the plan a simulation is built from (the engine's, for its profile simulation; none for a DSL simulation).
 * Reading it when nothing was installed is a clear error, never a silent default.
 */
public final class RunHandOff {
  private record Installed(RunScope scope, Object plan) {}

  private static volatile Installed installed;

  private RunHandOff() {}

  /** Installs the run about to start; {@code plan} may be null. */
  public static void install(RunScope scope, Object plan) {
    installed = new Installed(java.util.Objects.requireNonNull(scope, "scope"), plan);
  }

  public static void clear() {
    installed = null;
  }

  /**
   * The installed run's scope.
   *
   * @throws IllegalStateException when no run was installed (Gatling started outside mqtt-chaos)
   */
  public static RunScope scope() {
    return current().scope();
  }

  /**
   * The installed run's plan, of the type the caller expects.
   *
   * @throws IllegalStateException when no run, or no plan of that type, was installed
   */
  public static <T> T plan(Class<T> type) {
    Object plan = current().plan();
    if (!type.isInstance(plan)) {
      throw new IllegalStateException(type.getSimpleName() + " runs only through `mqtt-chaos run PROFILE`");
    }
    return type.cast(plan);
  }

  private static Installed current() {
    Installed run = installed;
    if (run == null) {
      throw new IllegalStateException("no mqtt-chaos run is installed: start simulations with `mqtt-chaos simulate`"
          + " or `mqtt-chaos run`, or call RunHandOff.install before starting Gatling");
    }
    return run;
  }
}
