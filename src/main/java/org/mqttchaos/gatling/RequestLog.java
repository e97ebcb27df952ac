package org.mqttchaos.gatling;

import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.OK$;
import io.gatling.core.session.Session;
import io.gatling.core.stats.StatsEngine;
import org.mqttchaos.summary.Counters;
import scala.Option;

/**
 * One Gatling request name and how its outcomes are logged: to Gatling's stats engine under the user's scenario and
 * groups, and to the run's {@code actions.ok.NAME} / {@code actions.ko.NAME} counters (run.json). Every action logs
 * its step through one; a hold logs the reconnects its policy makes through another, so Gatling's requests count
 * every connect attempt the console counts. Logging only: moving the session on is the caller's.
 */
final class RequestLog {
  private final String name;
  private final MqttComponents components;
  private final StatsEngine stats;
  private final String okCounter;
  private final String koCounter;

  RequestLog(String name, MqttComponents components) {
    this.name = name;
    this.components = components;
    this.stats = components.core().statsEngine();
    this.okCounter = Counters.actionsOk(name); // built once, not per user
    this.koCounter = Counters.actionsKo(name);
  }

  String name() {
    return name;
  }

  /** Gatling's clock, epoch milliseconds: the time base of every request's start and end. */
  long nowMillis() {
    return components.core().clock().nowMillis();
  }

  /** An OK request that started and ended at these epoch milliseconds. */
  void ok(Session session, long startMillis, long endMillis) {
    components.run().metrics().increment(okCounter);
    stats.logResponse(session.scenario(), session.groups(), name, startMillis, endMillis,
        OK$.MODULE$, Option.empty(), Option.empty());
  }

  /** A KO request: {@code code} is Gatling's response code (a CONNACK code, "timeout"...), {@code message} why. */
  void ko(Session session, long startMillis, long endMillis, String code, String message) {
    components.run().metrics().increment(koCounter);
    stats.logResponse(session.scenario(), session.groups(), name, startMillis, endMillis,
        KO$.MODULE$, Option.apply(code), Option.apply(message));
  }
}
