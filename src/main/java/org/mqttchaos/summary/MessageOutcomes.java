package org.mqttchaos.summary;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * What the delivery checker (check.DeliveryChecker) concluded about every stamped message of a run: summary.json's
 * {@code messages} section has these figures flat, under these names, beside the load's ({@link Summary.Messages};
 * {@code retainedReplays} is the load's {@code retainedOnSubscribe} there, {@code byQos} is keyed qos0 to qos2). A
 * pair is one message and one subscriber
 * session (or one shared-subscription group) entitled to it; each pair that is {@code expected} ends in exactly one
 * of {@code delivered}, {@code lost}, {@code unknown} and {@code expectedLoss}, so
 * {@code expected = delivered + lost + unknown + expectedLoss}. Counts, not rates. A run without stamped messages
 * has every field 0.
 *
 * @param published       stamped messages the run's publishers sent (each once, however often retransmitted)
 * @param expected        pairs the broker owed, plus pairs it could take either way (SUBSCRIBE or UNSUBSCRIBE
 *                        in flight while it took the message) that it did deliver
 * @param delivered       expected pairs that arrived at least once
 * @param lost            expected pairs of QoS 1 or 2 that never arrived, though a later message of the same publisher,
 *                        topic and QoS arrived first on a connection of the session, or the session's connection was
 *                        live at the run's end for the drain window after the message was due: one finding each
 * @param duplicated      copies beyond the first (beyond one per matching subscription, which MQTT allows);
 *                        QoS 2 copies the broker sent as new messages are findings, QoS 1 copies are not
 * @param outOfOrder      first arrivals on one connection before an earlier message of the same publisher, topic
 *                        and QoS: one finding each
 * @param unknown         expected pairs that did not arrive and that the harness cannot judge: the subscriber's
 *                        persistent session was offline at the run's end, the message was due within the drain
 *                        window of the end, or its publisher never had it acknowledged
 * @param expectedLoss    expected pairs that did not arrive and that MQTT lets go: delivered at QoS 0, their session
 *                        ended (clean session closed, session present 0 on the next CONNECT) before they came, or an
 *                        unacknowledged message of a clean-session publisher
 * @param late            delivered pairs whose first copy came on a later connection of the session than the one
 *                        live when the message was published (queued for an offline persistent session, or resent
 *                        after a resume): counted, never a finding
 * @param unexpected      stamped messages of this run that arrived at a session with no subscription entitled to
 *                        them: one finding each
 * @param retainedReplays messages that arrived with RETAIN set (sent for a new subscription): not judged
 * @param foreign         stamped messages that are not this run's (no such publish, another run's stamp, a session
 *                        this run did not subscribe): not judged
 * @param byQos           the same counts by QoS ("0", "1", "2"): {@code published} by the PUBLISH's QoS, the pairs by
 *                        the delivery's QoS (the smaller of the PUBLISH's and the subscription's granted QoS)
 */
@JsonPropertyOrder({"published", "expected", "delivered", "lost", "duplicated", "outOfOrder", "unknown",
    "expectedLoss", "late", "unexpected", "retainedReplays", "foreign", "byQos"})
public record MessageOutcomes(long published, long expected, long delivered, long lost, long duplicated,
    long outOfOrder, long unknown, long expectedLoss, long late, long unexpected, long retainedReplays, long foreign,
    Map<String, QosOutcomes> byQos) {

  /** The counts by QoS, named as in {@link MessageOutcomes}. */
  @JsonPropertyOrder({"published", "expected", "delivered", "lost", "duplicated", "outOfOrder", "unknown",
      "expectedLoss", "late", "unexpected"})
  public record QosOutcomes(long published, long expected, long delivered, long lost, long duplicated,
      long outOfOrder, long unknown, long expectedLoss, long late, long unexpected) {
    public static final QosOutcomes NONE = new QosOutcomes(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  /** The per-QoS fields, in order: the counter names {@code delivery.<field>.qos<N>}. */
  public static final String[] FIELDS = {"published", "expected", "delivered", "lost", "duplicated", "outOfOrder",
      "unknown", "expectedLoss", "late", "unexpected"};
  /** The fields not told by QoS: counters {@code delivery.<field>}. */
  public static final String[] UNTOLD = {"retainedReplays", "foreign"};

  /** A run with no stamped message. */
  public static final MessageOutcomes NONE = of(new long[3][FIELDS.length], 0, 0);

  public MessageOutcomes {
    byQos = Map.copyOf(byQos);
  }

  /**
   * From counts by QoS: {@code counts[qos][i]} is {@link #FIELDS}{@code [i]} at that QoS; the totals are their sums.
   */
  public static MessageOutcomes of(long[][] counts, long retainedReplays, long foreign) {
    long[] sum = new long[FIELDS.length];
    Map<String, QosOutcomes> byQos = new LinkedHashMap<>();
    for (int qos = 0; qos < 3; qos++) {
      long[] c = counts[qos];
      for (int i = 0; i < sum.length; i++) {
        sum[i] += c[i];
      }
      byQos.put(Integer.toString(qos), new QosOutcomes(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9]));
    }
    return new MessageOutcomes(sum[0], sum[1], sum[2], sum[3], sum[4], sum[5], sum[6], sum[7], sum[8], sum[9],
        retainedReplays, foreign, byQos);
  }

  /** Read back from run.json's counters (see {@link Counters#delivery}); a counter absent reads 0. */
  public static MessageOutcomes fromCounters(ToLongFunction<String> counter) {
    long[][] counts = new long[3][FIELDS.length];
    for (int qos = 0; qos < 3; qos++) {
      for (int i = 0; i < FIELDS.length; i++) {
        counts[qos][i] = counter.applyAsLong(Counters.delivery(FIELDS[i], qos));
      }
    }
    return of(counts, counter.applyAsLong(Counters.delivery(UNTOLD[0], -1)),
        counter.applyAsLong(Counters.delivery(UNTOLD[1], -1)));
  }

  /** The counts of one QoS as a row in {@link #FIELDS} order. */
  public long[] row(int qos) {
    QosOutcomes q = byQos.getOrDefault(Integer.toString(qos), QosOutcomes.NONE);
    return new long[] {q.published, q.expected, q.delivered, q.lost, q.duplicated, q.outOfOrder, q.unknown,
        q.expectedLoss, q.late, q.unexpected};
  }
}
