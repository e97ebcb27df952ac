package org.mqttchaos.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mqttchaos.client.LoopTimer;
import org.mqttchaos.client.ConnectionState;
import org.mqttchaos.client.MqttConnection;

/**
 * Carries out one user's planned faults on its connection, on the connection's own event loop: abrupt
 * drops (FIN or RST, no DISCONNECT), silence, and its share of mass drops. A fault that falls due while
 * the connection is not established is skipped and reported as such.
 */
public final class FaultInjector {
  /** Told of every fault as it falls due; called on the connection's event loop. */
  public interface Listener {
    /**
     * @param fault   the fault
     * @param applied false when it was skipped because the connection was not established
     * @param index   for a mass drop, its index in the profile; else -1
     */
    void onFault(Fault fault, boolean applied, int index);

    /**
     * A mass drop of the user's plan falls outside its hold (before the hold began, or at or after its end): it
     * cannot drop this user. Called at once, from the constructor.
     *
     * @param index the mass drop's index in the profile
     */
    default void massDropOutsideHold(Fault fault, int index) {}
  }

  private final List<LoopTimer.Timeout> timers = new ArrayList<>();

  /**
   * Schedules the faults that fall before {@code endNanos}.
   *
   * @param holdStartNanos System.nanoTime at which the user's hold began (base of DROP and SILENCE times)
   * @param runStartNanos  System.nanoTime at which the run began, the first user's planned start (base of MASS_DROP
   *                       times)
   */
  public FaultInjector(MqttConnection connection, UserChaos chaos, long holdStartNanos, long runStartNanos,
      long endNanos, Listener listener) {
    int massDrop = 0;
    for (Fault fault : chaos.faults()) {
      long due = (fault.kind() == Fault.Kind.MASS_DROP ? runStartNanos : holdStartNanos) + fault.atNanos();
      int index = fault.kind() == Fault.Kind.MASS_DROP ? chaos.massDrops().get(massDrop++) : -1;
      long delay = due - System.nanoTime();
      if (due >= endNanos || delay < 0) {
        // outside this user's hold: a mass drop before it started, a drop after it leaves
        if (fault.kind() == Fault.Kind.MASS_DROP) {
          listener.massDropOutsideHold(fault, index);
        }
        continue;
      }
      timers.add(LoopTimer.of(connection.eventLoop()).schedule(() -> apply(connection, fault, index, listener),
          delay, TimeUnit.NANOSECONDS));
    }
  }

  private static void apply(MqttConnection connection, Fault fault, int index, Listener listener) {
    boolean established = connection.state() == ConnectionState.CONNECTED;
    if (established) {
      if (fault.kind() == Fault.Kind.SILENCE) {
        connection.goSilent();
      } else {
        connection.closeAbruptly(fault.mode());
      }
    }
    listener.onFault(fault, established, index);
  }

  /** Cancels the faults not yet due (the user's hold ended). */
  public void cancel() {
    timers.forEach(LoopTimer.Timeout::cancel);
  }
}
