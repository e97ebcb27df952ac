package org.mqttchaos.check;

import org.mqttchaos.client.CloseCause;

/**
 * What the close of an established connection was: exactly one of these per close (invariant 9), and every figure
 * of the run counts the close under that one kind only. {@link #of} holds the rule order; {@link CloseJudge} tells
 * the checkers by it.
 *
 * <p>The rules, first match wins:
 * <ol>
 *   <li>{@link #OWN_DISCONNECT}: the client sent DISCONNECT ({@link CloseCause#GRACEFUL_BY_CLIENT}), even when the
 *       broker had already taken the connection over or was about to cut it.</li>
 *   <li>{@link #OWN_DROP}: the client ended TCP without DISCONNECT, FIN or RST (a chaos drop, a mass drop, an
 *       abrupt leave), whatever the broker was doing meanwhile.</li>
 *   <li>{@link #TAKEOVER}: another connection with the same client ID had sent CONNECT or been accepted before the
 *       close ([MQTT-3.1.4-3]; MQTT 5 sends DISCONNECT 0x8E first): a silent connection taken over is a takeover,
 *       not a keep-alive cut, and a takeover's DISCONNECT reason does not make it anything else.</li>
 *   <li>{@link #KEEP_ALIVE_CUT}: the broker sent DISCONNECT 0x8D (Keep Alive timeout), or closed a connection that
 *       had gone silent ([MQTT-3.1.2-24]; MQTT 5 section 3.1.2.10).</li>
 *   <li>{@link #BROKER_DISCONNECT}: the broker sent DISCONNECT with another reason code (MQTT 5) before the
 *       close; 0x8E with no newer connection of this run for the ID lands here.</li>
 *   <li>{@link #ERROR}: the client closed it on a protocol error (bytes that are not MQTT) or on an error of its
 *       own.</li>
 *   <li>{@link #BROKER_CLOSE}: the broker closed TCP (FIN or reset) with no DISCONNECT and none of the above
 *       (a broker outage's closes are of this kind).</li>
 * </ol>
 * Kinds 3 to 7 are flaps (a close the client did not ask for); 1 and 2 are drops. Only {@link #KEEP_ALIVE_CUT} is
 * judged early, on time or late against keep-alive; only {@link #TAKEOVER} counts as a takeover.
 */
public enum CloseKind {
  OWN_DISCONNECT,
  OWN_DROP,
  TAKEOVER,
  KEEP_ALIVE_CUT,
  BROKER_DISCONNECT,
  ERROR,
  BROKER_CLOSE;

  /** MQTT 5 DISCONNECT reason code "Keep Alive timeout". */
  public static final int KEEP_ALIVE_TIMEOUT = 0x8D;

  /**
   * The one kind of a close of an established connection, by the rules above.
   *
   * @param cause            who ended it and how, as the connection saw it
   * @param takenOver        a newer connection of the same client ID had sent CONNECT or been accepted by then
   * @param silent           the connection had gone silent (sent nothing since, PINGREQ included) when it closed
   * @param disconnectReason the reason code of a DISCONNECT the broker sent before the close, -1 if none
   */
  public static CloseKind of(CloseCause cause, boolean takenOver, boolean silent, int disconnectReason) {
    if (cause.graceful()) { // DISCONNECT, with reason 0x00 or 0x04
      return OWN_DISCONNECT;
    }
    if (cause.byClient()) {
      return OWN_DROP;
    }
    if (takenOver) {
      return TAKEOVER;
    }
    if (disconnectReason == KEEP_ALIVE_TIMEOUT || (silent && cause == CloseCause.BY_BROKER)) {
      return KEEP_ALIVE_CUT;
    }
    if (disconnectReason >= 0) {
      return BROKER_DISCONNECT;
    }
    if (cause == CloseCause.PROTOCOL_ERROR || cause == CloseCause.ERROR) {
      return ERROR;
    }
    return BROKER_CLOSE;
  }

  /** True for the closes the client did not ask for: the flaps. */
  public boolean flap() {
    return this != OWN_DISCONNECT && this != OWN_DROP;
  }
}
