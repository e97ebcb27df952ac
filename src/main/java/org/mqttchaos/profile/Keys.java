package org.mqttchaos.profile;

import static java.time.Duration.ZERO;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;

import java.time.Duration;
import java.util.List;
import org.mqttchaos.client.AbruptMode;
import org.mqttchaos.client.MqttVersion;
import org.mqttchaos.client.tls.TlsOptions;
import org.mqttchaos.client.tls.TlsProvider;

/**
 * Every profile key with its type and default, in the order the resolved profile lists them.
 * This table is the schema: unknown-key checks, --set paths and defaults all come from it.
 */
final class Keys {
  private static final Duration FOREVER = Duration.ofDays(36500);
  private static final Duration MQTT_MAX_KEEP_ALIVE = ofSeconds(65535);
  private static final Duration MQTT_MAX_EXPIRY = ofSeconds(4294967295L);
  private static final ValueType<Duration> DURATION = Types.duration(ZERO, FOREVER, false, "a duration >= 0");
  private static final ValueType<Duration> POSITIVE = Types.duration(ofMillis(1), FOREVER, false, "a duration > 0");
  private static final ValueType<Double> RATIO = Types.number("a number from 0 to 1", x -> x >= 0 && x <= 1);
  private static final ValueType<Double> NOT_NEGATIVE = Types.number("a number >= 0", x -> x >= 0);

  /** Default replaced by the file's base name; see {@link Values}. */
  static final Key<String> NAME = Key.of("name", Types.NAME, "profile");
  static final Key<String> DESCRIPTION = Key.of("description", Types.TEXT, "");
  static final Key<Long> SEED = Key.of("seed", Types.SEED, 1L);

  static final Key<String> URL = Key.of("broker.url", Types.BROKER_URL, null);
  static final Key<MqttVersion> MQTT_VERSION = Key.of("broker.mqttVersion", Types.MQTT_VERSION, MqttVersion.V3_1_1);
  static final Key<String> USERNAME = Key.of("broker.username", Types.OPTIONAL_TEXT, null);
  static final Key<String> PASSWORD = Key.of("broker.password", Types.OPTIONAL_TEXT, null);
  static final Key<List<String>> SOURCE_ADDRESSES = Key.of("broker.sourceAddresses", SourceAddresses.TYPE, List.of());
  static final Key<Duration> CONNECT_TIMEOUT = Key.of("broker.connectTimeout", POSITIVE, ofSeconds(10));
  /** The embedded broker's limits (HiveMQ max-keep-alive, session-expiry max-interval); null: none. */
  static final Key<Duration> EMBEDDED_MAX_KEEP_ALIVE = Key.of("broker.embedded.maxKeepAlive",
      optional(Types.duration(ofSeconds(1), MQTT_MAX_KEEP_ALIVE, true, "whole seconds from 1s to 65535s")), null);
  static final Key<Duration> EMBEDDED_MAX_SESSION_EXPIRY = Key.of("broker.embedded.maxSessionExpiry",
      optional(Types.duration(ZERO, MQTT_MAX_EXPIRY, true, "whole seconds from 0s to 4294967295s")), null);

  static final Key<String> TLS_CA_FILE = Key.of("broker.tls.caFile", Types.OPTIONAL_TEXT, null);
  static final Key<String> TLS_CERT_FILE = Key.of("broker.tls.certFile", Types.OPTIONAL_TEXT, null);
  static final Key<String> TLS_KEY_FILE = Key.of("broker.tls.keyFile", Types.OPTIONAL_TEXT, null);
  static final Key<String> TLS_KEY_PASSWORD = Key.of("broker.tls.keyPassword", Types.OPTIONAL_TEXT, null);
  static final Key<String> TLS_SERVER_NAME = Key.of("broker.tls.serverName", Types.OPTIONAL_TEXT, null);
  static final Key<List<String>> TLS_PROTOCOLS =
      Key.of("broker.tls.protocols", ListTypes.NAME_LIST, TlsOptions.DEFAULT_PROTOCOLS);
  static final Key<List<String>> TLS_CIPHERS = Key.of("broker.tls.ciphers", ListTypes.NAME_LIST, List.of());
  static final Key<Boolean> TLS_INSECURE = Key.of("broker.tls.insecureSkipVerify", Types.BOOLEAN, false);
  static final Key<Boolean> TLS_RESUMPTION = Key.of("broker.tls.resumption", Types.BOOLEAN, true);
  static final Key<TlsProvider> TLS_PROVIDER = Key.of("broker.tls.provider",
      Types.labelled(TlsProvider.values(), TlsProvider::label), TlsProvider.AUTO);
  static final Key<String> DEVICE_DIR = Key.of("broker.tls.deviceCerts.dir", Types.OPTIONAL_TEXT, null);
  static final Key<String> DEVICE_CA_FILE = Key.of("broker.tls.deviceCerts.caFile", Types.OPTIONAL_TEXT, null);
  static final Key<String> DEVICE_CA_KEY_FILE = Key.of("broker.tls.deviceCerts.caKeyFile", Types.OPTIONAL_TEXT, null);
  /** Every broker.tls key: given any, the profile speaks TLS. */
  static final List<Key<?>> TLS = List.of(TLS_CA_FILE, TLS_CERT_FILE, TLS_KEY_FILE, TLS_KEY_PASSWORD, TLS_SERVER_NAME,
      TLS_PROTOCOLS, TLS_CIPHERS, TLS_INSECURE, TLS_RESUMPTION, TLS_PROVIDER, DEVICE_DIR, DEVICE_CA_FILE,
      DEVICE_CA_KEY_FILE);

  static final Key<Integer> CLIENTS = Key.of("load.clients", Types.wholeNumber(1, Integer.MAX_VALUE), 100);
  static final Key<Injection> INJECTION = Key.of("load.injection", Types.INJECTION, Injection.RAMP);
  static final Key<Duration> RAMP_DURATION = Key.of("load.rampDuration", DURATION, ofSeconds(10));
  static final Key<Double> RATE = Key.of("load.rate", NOT_NEGATIVE, 100.0);
  static final Key<Duration> HOLD = Key.of("load.hold", DURATION, ofSeconds(10));
  static final Key<Duration> KEEP_ALIVE = Key.of("load.keepAlive",
      Types.duration(ZERO, MQTT_MAX_KEEP_ALIVE, true, "whole seconds from 0s to 65535s"), ofSeconds(30));
  static final Key<Leave> LEAVE = Key.of("load.leave", Types.LEAVE, Leave.GRACEFUL);
  static final Key<Duration> START_GRID = Key.of("load.startGrid",
      Types.duration(ZERO, ofSeconds(1), false, "a duration from 0s to 1s"), ofMillis(1));

  static final Key<Double> CLEAN_RATIO = Key.of("sessions.cleanRatio", RATIO, 1.0);
  static final Key<Boolean> RECONNECT_PERSISTENT = Key.of("sessions.reconnectPersistent", Types.BOOLEAN, true);
  static final Key<Duration> SESSION_EXPIRY = Key.of("sessions.sessionExpiry",
      Types.duration(ZERO, MQTT_MAX_EXPIRY, true, "whole seconds from 0s to 4294967295s"), ofSeconds(300));
  static final Key<Duration> SESSION_EXPIRY_TOLERANCE = Key.of("sessions.expiryTolerance", DURATION, ofSeconds(1));
  static final Key<String> CLIENT_ID_PREFIX = Key.of("sessions.clientIdPrefix", Types.OPTIONAL_NAME, null);

  static final Key<Double> COLLISION_RATIO = Key.of("collisions.ratio", RATIO, 0.0);
  static final Key<Integer> GROUP_SIZE = Key.of("collisions.groupSize", Types.wholeNumber(2, Integer.MAX_VALUE), 2);

  static final Key<Boolean> RECONNECT = Key.of("reconnect.enabled", Types.BOOLEAN, false);
  static final Key<Duration> INITIAL_DELAY = Key.of("reconnect.initialDelay", DURATION, ofSeconds(1));
  static final Key<Duration> MAX_DELAY = Key.of("reconnect.maxDelay", DURATION, ofSeconds(30));
  static final Key<Double> MULTIPLIER = Key.of("reconnect.multiplier", Types.number("a number >= 1", x -> x >= 1), 2.0);
  static final Key<Double> JITTER = Key.of("reconnect.jitter", RATIO, 0.2);
  /** Default null: {@link ReconnectSettings#defaultQuietPeriod} of the profile's maxDelay, see {@link Values}. */
  static final Key<Duration> QUIET_PERIOD = Key.of("reconnect.quietPeriod", POSITIVE, null);

  static final Key<Double> DROP_RATE = Key.of("chaos.abruptDrop.ratePerMinute", NOT_NEGATIVE, 0.0);
  static final Key<AbruptMode> DROP_MODE = Key.of("chaos.abruptDrop.mode", Types.ABRUPT_MODE, AbruptMode.RST);
  static final Key<Double> SILENT_RATIO = Key.of("chaos.keepAliveExpiry.ratio", RATIO, 0.0);
  static final Key<Duration> SILENT_AFTER = Key.of("chaos.keepAliveExpiry.after", DURATION, ofSeconds(5));
  static final Key<Duration> SILENT_TOLERANCE = Key.of("chaos.keepAliveExpiry.tolerance", DURATION, ofMillis(500));
  static final Key<List<MassDrop>> MASS_DROP = Key.of("chaos.massDrop", MassDrops.TYPE, List.of());

  static final Key<Double> WILL_RATIO = Key.of("will.ratio", RATIO, 0.0);
  static final Key<Integer> WILL_QOS = Key.of("will.qos", Types.wholeNumber(0, 2), 1);
  static final Key<String> WILL_TOPIC = Key.of("will.topic", Types.TOPIC, "chaos/will/{clientId}");
  static final Key<Duration> WILL_DELAY = Key.of("will.delay",
      Types.duration(ZERO, MQTT_MAX_EXPIRY, true, "whole seconds from 0s to 4294967295s"), ZERO);
  static final Key<Duration> WILL_DELAY_TOLERANCE = Key.of("will.delayTolerance", DURATION, ofSeconds(1));

  static final Key<Double> MSG_PUBLISHERS = Key.of("messages.publishers", RATIO, 0.0);
  static final Key<Double> MSG_SUBSCRIBERS = Key.of("messages.subscribers", RATIO, 0.0);
  static final Key<String> MSG_TOPIC = Key.of("messages.topic", MessageTypes.TOPIC, "devices/{clientId}/telemetry");
  static final Key<String> MSG_FILTER = Key.of("messages.filter", MessageTypes.FILTER, "devices/+/telemetry");
  static final Key<Double> MSG_RATE = Key.of("messages.rate", Types.number("messages per second per publisher, more"
      + " than 0 and at most " + (int) MessageTypes.MAX_RATE + " (one connection's event loop cannot pace more)",
      x -> x > 0 && x <= MessageTypes.MAX_RATE), 1.0);
  static final Key<Integer> MSG_PAYLOAD_SIZE = Key.of("messages.payloadSize", Types.wholeNumber(
      org.mqttchaos.client.MessageStamp.SIZE, 268_435_455, "a size in bytes from "
          + org.mqttchaos.client.MessageStamp.SIZE + " (the message stamp every payload starts with) to 268435455"),
      64);
  static final Key<Integer> MSG_QOS = Key.of("messages.qos", Types.wholeNumber(0, 2), 1);
  static final Key<Integer> MSG_SUBSCRIBE_QOS = Key.of("messages.subscribeQos", Types.wholeNumber(0, 2), 1);
  static final Key<Double> MSG_RETAIN_RATIO = Key.of("messages.retainRatio", RATIO, 0.0);
  static final Key<Integer> MSG_BACKEND_SUBSCRIBERS = Key.of("messages.backend.subscribers",
      Types.wholeNumber(0, 10_000), 0);
  static final Key<String> MSG_BACKEND_FILTER = Key.of("messages.backend.filter", MessageTypes.FILTER,
      "devices/+/telemetry");
  static final Key<String> MSG_BACKEND_PREFIX = Key.of("messages.backend.clientIdPrefix", Types.NAME, "backend-");
  static final Key<Boolean> MSG_BACKEND_CLEAN = Key.of("messages.backend.cleanSession", Types.BOOLEAN, false);
  static final Key<Duration> MSG_BACKEND_LEAD = Key.of("messages.backend.lead", DURATION, ofSeconds(1));
  static final Key<Duration> MSG_BACKEND_LINGER = Key.of("messages.backend.linger", DURATION, ofSeconds(2));
  /** The first this many backend subscribers drop at the rate below instead of chaos.abruptDrop's. */
  static final Key<Integer> MSG_BACKEND_DROP_SUBSCRIBERS = Key.of("messages.backend.abruptDrop.subscribers",
      Types.wholeNumber(0, 10_000), 0);
  static final Key<Double> MSG_BACKEND_DROP_RATE = Key.of("messages.backend.abruptDrop.ratePerMinute", NOT_NEGATIVE,
      0.0);
  static final Key<AbruptMode> MSG_BACKEND_DROP_MODE = Key.of("messages.backend.abruptDrop.mode", Types.ABRUPT_MODE,
      AbruptMode.RST);

  static final Key<List<String>> ASSERTIONS = Key.of("assertions", ListTypes.ASSERTION_LIST, List.of());

  static final List<Key<?>> ALL = List.of(
      NAME, DESCRIPTION, SEED,
      URL, MQTT_VERSION, USERNAME, PASSWORD, SOURCE_ADDRESSES, CONNECT_TIMEOUT,
      EMBEDDED_MAX_KEEP_ALIVE, EMBEDDED_MAX_SESSION_EXPIRY,
      TLS_CA_FILE, TLS_CERT_FILE, TLS_KEY_FILE, TLS_KEY_PASSWORD, TLS_SERVER_NAME, TLS_PROTOCOLS, TLS_CIPHERS,
      TLS_INSECURE, TLS_RESUMPTION, TLS_PROVIDER, DEVICE_DIR, DEVICE_CA_FILE, DEVICE_CA_KEY_FILE,
      CLIENTS, INJECTION, RAMP_DURATION, RATE, HOLD, KEEP_ALIVE, LEAVE, START_GRID,
      CLEAN_RATIO, RECONNECT_PERSISTENT, SESSION_EXPIRY, SESSION_EXPIRY_TOLERANCE, CLIENT_ID_PREFIX,
      COLLISION_RATIO, GROUP_SIZE,
      RECONNECT, INITIAL_DELAY, MAX_DELAY, MULTIPLIER, JITTER, QUIET_PERIOD,
      DROP_RATE, DROP_MODE, SILENT_RATIO, SILENT_AFTER, SILENT_TOLERANCE, MASS_DROP,
      WILL_RATIO, WILL_QOS, WILL_TOPIC, WILL_DELAY, WILL_DELAY_TOLERANCE,
      MSG_PUBLISHERS, MSG_SUBSCRIBERS, MSG_TOPIC, MSG_FILTER, MSG_RATE, MSG_PAYLOAD_SIZE, MSG_QOS, MSG_SUBSCRIBE_QOS,
      MSG_RETAIN_RATIO, MSG_BACKEND_SUBSCRIBERS, MSG_BACKEND_FILTER, MSG_BACKEND_PREFIX, MSG_BACKEND_CLEAN,
      MSG_BACKEND_LEAD, MSG_BACKEND_LINGER, MSG_BACKEND_DROP_SUBSCRIBERS, MSG_BACKEND_DROP_RATE, MSG_BACKEND_DROP_MODE,
      ASSERTIONS);

  private Keys() {}

  /** {@code type}, or empty for "not set": null. */
  private static ValueType<Duration> optional(ValueType<Duration> type) {
    return ValueType.of(f -> f.text(Durations.EXPECTED).isBlank() ? null : type.read(f),
        v -> v == null ? "" : type.write(v));
  }
}
