package org.mqttchaos.summary;

/** Names of run.json's counters that the event stream's recorders write. */
public final class Counters {
  public static final String CONNECTS_ATTEMPTED = "connects.attempted";
  public static final String CONNECTS_SUCCEEDED = "connects.succeeded";
  public static final String CONNECTS_FAILED = "connects.failed";
  public static final String CONNECTS_NO_CONNACK = "connects.noConnack";
  public static final String CONNECTS_BY_CODE = "connects.byCode.";
  public static final String CLOSES = "closes.";
  public static final String CONNECTED_CLIENT_MILLIS = "flaps.connectedClientMillis";
  public static final String DROPS_GRACEFUL = "drops.graceful";
  public static final String DROPS_ABRUPT = "drops.abrupt";
  public static final String TAKEN_OVER_USERS = "flaps.takenOverUsers";
  public static final String EVENTS_UNEXPECTED = "events.unexpected.";
  public static final String EVENTS_UNCLAIMED = "events.unclaimed.";
  public static final String DISCONNECTS_BY_REASON = "disconnects.byReason.";
  public static final String PACKETS = "packets.";

  private Counters() {}

  public static String unexpectedEvent(String kind) {
    return EVENTS_UNEXPECTED + kind;
  }

  public static String unclaimedEvent(String kind) {
    return EVENTS_UNCLAIMED + kind;
  }
}
