package org.mqttchaos.profile;

import static org.mqttchaos.profile.Keys.*;

/** Builds the immutable {@link Profile} from checked values. */
final class ProfileBinder {

  private ProfileBinder() {}

  static Profile bind(Values v) {
    return new Profile(
        v.get(NAME),
        v.get(DESCRIPTION),
        v.get(SEED),
        new BrokerSettings(TlsRules.url(v), v.get(MQTT_VERSION), v.get(USERNAME), v.get(PASSWORD),
            v.get(SOURCE_ADDRESSES), v.get(CONNECT_TIMEOUT), TlsRules.options(v), TlsRules.embeddedDeviceCerts(v),
            new EmbeddedLimits(v.get(EMBEDDED_MAX_KEEP_ALIVE), v.get(EMBEDDED_MAX_SESSION_EXPIRY))),
        new LoadSettings(v.get(CLIENTS), v.get(INJECTION), v.get(RAMP_DURATION), v.get(RATE), v.get(HOLD),
            v.get(KEEP_ALIVE), v.get(LEAVE), v.get(START_GRID)),
        new SessionSettings(v.get(CLEAN_RATIO), v.get(RECONNECT_PERSISTENT), v.get(SESSION_EXPIRY),
            v.get(CLIENT_ID_PREFIX), v.get(SESSION_EXPIRY_TOLERANCE)),
        new CollisionSettings(v.get(COLLISION_RATIO), v.get(GROUP_SIZE)),
        new ReconnectSettings(v.get(RECONNECT), v.get(INITIAL_DELAY), v.get(MAX_DELAY), v.get(MULTIPLIER),
            v.get(JITTER), v.get(QUIET_PERIOD)),
        new ChaosSettings(
            new AbruptDrop(v.get(DROP_RATE), v.get(DROP_MODE)),
            new KeepAliveExpiry(v.get(SILENT_RATIO), v.get(SILENT_AFTER), v.get(SILENT_TOLERANCE)),
            v.get(MASS_DROP)),
        new WillSettings(v.get(WILL_RATIO), v.get(WILL_QOS), v.get(WILL_TOPIC), v.get(WILL_DELAY),
            v.get(WILL_DELAY_TOLERANCE)),
        new MessageSettings(v.get(MSG_PUBLISHERS), v.get(MSG_SUBSCRIBERS), v.get(MSG_TOPIC), v.get(MSG_FILTER),
            v.get(MSG_RATE), v.get(MSG_PAYLOAD_SIZE), v.get(MSG_QOS), v.get(MSG_SUBSCRIBE_QOS),
            v.get(MSG_RETAIN_RATIO), new MessageSettings.Backend(v.get(MSG_BACKEND_SUBSCRIBERS),
                v.get(MSG_BACKEND_FILTER), v.get(MSG_BACKEND_PREFIX), v.get(MSG_BACKEND_CLEAN),
                v.get(MSG_BACKEND_LEAD), v.get(MSG_BACKEND_LINGER), v.get(MSG_BACKEND_DROP_SUBSCRIBERS),
                new AbruptDrop(v.get(MSG_BACKEND_DROP_RATE), v.get(MSG_BACKEND_DROP_MODE)))),
        v.get(ASSERTIONS));
  }
}
