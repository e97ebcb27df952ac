package org.mqttchaos.client;

import java.util.Set;

/**
 * A consumer of the run's connection events that names the kinds it takes, so a dispatcher hands it those and no
 * others. Called on the emitting connection's event loop: implementations must not block and must be safe to call
 * from several event loops at once.
 */
public interface EventSubscriber extends ConnectionListener {
  /** The event kinds (record classes of {@link ConnectionEvent}) this subscriber takes. */
  Set<Class<? extends ConnectionEvent>> kinds();
}
