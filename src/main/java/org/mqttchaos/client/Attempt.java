package org.mqttchaos.client;

/**
 * One connect attempt of one {@link MqttConnection}: every {@link ConnectionEvent} names the attempt it
 * belongs to, so a subscriber can tell a connection's attempts apart and key its state on the attempt itself
 * (one object, made once per attempt, shared by all its events).
 *
 * <p>What the attempt's CONNECT asked for is {@link #options}; what its accepting CONNACK put in force (MQTT 5 Server
 * Keep Alive, Session Expiry Interval, Assigned Client Identifier...) is {@link #connAck}, set once when the CONNACK
 * is read, before {@link ConnectionEvent.ConnAckReceived} is emitted. Checks judge against the values in force
 * ({@link #keepAliveSeconds}, {@link #sessionExpirySeconds}, {@link #clientId}).
 *
 * @param connection run-wide index of the connection (0, 1, 2... in creation order per transport); stays the same
 *                   across the connection's attempts
 * @param number     the attempt's number on its connection: 0 for the first connect, 1 for the first reconnect...
 * @param version    the MQTT version spoken
 * @param options    what the attempt's CONNECT says
 * @param label      what the connection is for, given when it was made (a chaos role, "observer"...); never null
 * @param inForce    the CONNACK's values once read (see {@link #connAck}); made by the short constructor
 */
public record Attempt(int connection, int number, MqttVersion version, ConnectOptions options, String label,
    InForce inForce) {

  public Attempt(int connection, int number, MqttVersion version, ConnectOptions options, String label) {
    this(connection, number, version, options, label, new InForce());
  }

  /**
   * From the connection index and attempt number only (equal attempts have equal ones): the generated hash of a
   * record hashes every component, the whole {@link ConnectOptions} among them, and attempts key maps that are
   * looked up for every PUBLISH and PUBACK.
   */
  @Override
  public int hashCode() {
    return 31 * connection + number;
  }

  /**
   * The client ID in force: the broker's Assigned Client Identifier once its CONNACK gave one (the CONNECT's ID was
   * empty), else the CONNECT's.
   */
  public String clientId() {
    ConnAckValues v = inForce.values;
    return v != null && v.assignedClientId() != null ? v.assignedClientId() : options.clientId();
  }

  /** What the accepting CONNACK put in force; null before it was read (or when the attempt got none). */
  public ConnAckValues connAck() {
    return inForce.values;
  }

  /** Keep-alive in force, in seconds: the CONNACK's Server Keep Alive if it sent one, else the CONNECT's. */
  public int keepAliveSeconds() {
    ConnAckValues v = inForce.values;
    return v != null ? v.keepAliveSeconds() : options.keepAliveSeconds();
  }

  /** MQTT 5 session expiry in force, in seconds: the CONNACK's if it sent one, else the CONNECT's. */
  public long sessionExpirySeconds() {
    ConnAckValues v = inForce.values;
    return v != null ? v.sessionExpirySeconds() : options.sessionExpirySeconds();
  }

  /**
   * The slot of an attempt's CONNACK values: written once, on the connection's event loop, before the events that
   * follow the CONNACK; read by subscribers on any thread. Compared by identity, so an attempt stays equal to itself
   * only.
   */
  public static final class InForce {
    private volatile ConnAckValues values;

    /** Empty until the attempt's CONNACK is read. */
    public InForce() {}

    /** Holding {@code values} already: an attempt as it stands after its CONNACK (tests, replays). */
    public InForce(ConnAckValues values) {
      this.values = values;
    }

    void set(ConnAckValues v) {
      values = v;
    }

    @Override
    public String toString() {
      return String.valueOf(values);
    }
  }
}
