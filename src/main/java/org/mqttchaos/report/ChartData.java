package org.mqttchaos.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.mqttchaos.summary.MetricNames;
import org.mqttchaos.summary.Summary;

/**
 * The data behind report.html's charts, as one JSON document: latency percentile curves drawn the way
 * HdrHistogram's plotter draws them (x = 1/(1-percentile), log scale) and the per-second timeline with the
 * planned mass drop times. Numbers and metric names only: no string from the broker or profile.
 */
final class ChartData {
  /** Connect metrics on the main percentile chart, in legend order. */
  static final List<String> CONNECT_SERIES = List.of(MetricNames.CONNECT, MetricNames.CONNECT_FIRST,
      MetricNames.CONNECT_RECONNECT, MetricNames.CONNECT_CLEAN, MetricNames.CONNECT_PERSISTENT,
      MetricNames.TCP_CONNECT);
  /** Chaos and session timings, on a second chart when a run recorded any. */
  static final List<String> CHAOS_SERIES = List.of(MetricNames.FLAP_INTERVAL, MetricNames.KEEPALIVE_DETECTION,
      MetricNames.WILL_DELAY, MetricNames.TAKEOVER_CLOSE, MetricNames.TIME_TO_CALM);
  /** Message latencies, on a chart of their own in the messages section. */
  static final List<String> MESSAGE_SERIES = List.of(MetricNames.DELIVERY, MetricNames.PUBACK, MetricNames.PUBCOMP);
  /** Mass drop recovery, on a chart of its own in the mass drop section. */
  static final List<String> RECOVERY_SERIES = List.of(MetricNames.RECOVERY, MetricNames.CONNECT_RECOVERY);

  /** Same resolution as HdrHistogram's percentile distribution output. */
  private static final int TICKS_PER_HALF_DISTANCE = 5;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ChartData() {}

  static String json(Path dir, PlanCsv plan) {
    return json(dir, plan, List.of(), null);
  }

  /**
   * As {@link #json(Path, PlanCsv)}, with the run's broker outages shaded on the timeline and its mass drops marked
   * where they happened on the run's clock: at {@code loadStartS} (summary.json's, the first client's planned start;
   * null for a folder written before it was recorded: taken as 0) plus their planned {@code at}.
   */
  static String json(Path dir, PlanCsv plan, List<Summary.Outage> outages, Double loadStartS) {
    ObjectNode root = MAPPER.createObjectNode();
    root.set("connect", series(dir, CONNECT_SERIES));
    root.set("chaos", series(dir, CHAOS_SERIES));
    root.set("recovery", series(dir, RECOVERY_SERIES));
    root.set("messages", series(dir, MESSAGE_SERIES));
    Optional<Timeline> timeline = Timeline.read(dir);
    if (timeline.isPresent()) {
      Timeline t = timeline.get();
      ObjectNode node = root.putObject("timeline");
      array(node, "second", t.second());
      array(node, "connected", t.connected());
      array(node, "connects", t.connects());
      array(node, "flaps", t.flaps());
      array(node, "faults", t.faults());
      array(node, "brokerDown", t.brokerDown());
      array(node, "published", t.published());
      array(node, "acknowledged", t.acknowledged());
      array(node, "delivered", t.delivered());
      // Broker outages, shaded from the second they began to the second they ended (to the end while it lasted).
      ArrayNode bands = node.putArray("outages");
      outages.forEach(o -> {
        ObjectNode band = bands.addObject().put("from", o.from());
        if (o.to() == null) {
          band.putNull("to");
        } else {
          band.put("to", o.to());
        }
      });
      // Fault markers: the faults column marks its own seconds; mass drops are placed from plan.csv, whose times
      // count from the first client's planned start, moved onto the timeline's clock.
      double offset = loadStartS == null ? 0 : loadStartS;
      ArrayNode massDrops = node.putArray("massDrops");
      plan.massDropAtS().forEach((index, atS) -> massDrops.addObject().put("index", index)
          .put("second", Math.round((offset + atS) * 1000) / 1000.0));
    } else {
      root.putNull("timeline");
    }
    return Html.scriptSafeJson(root.toString());
  }

  /** One {name, points: [[x, ms], ...]} per non-empty metric. */
  private static ArrayNode series(Path dir, List<String> metrics) {
    ArrayNode all = MAPPER.createArrayNode();
    for (String metric : metrics) {
      Histogram total = HlogTotals.read(dir, metric);
      if (total.getTotalCount() > 0) {
        ObjectNode s = all.addObject();
        s.put("name", metric);
        s.set("points", percentilePoints(total));
      }
    }
    return all;
  }

  /**
   * Points of the percentile distribution. The 100% point has no finite 1/(1-p); with n samples the maximum is
   * about the (1 - 1/n) quantile, so it is drawn at x = n (and never left of the point before it).
   */
  static ArrayNode percentilePoints(Histogram total) {
    ArrayNode points = MAPPER.createArrayNode();
    double lastX = 1;
    for (HistogramIterationValue v : total.percentiles(TICKS_PER_HALF_DISTANCE)) {
      double p = v.getPercentileLevelIteratedTo() / 100.0;
      double x = p >= 1.0 ? Math.max(total.getTotalCount(), lastX) : 1.0 / (1.0 - p);
      lastX = x;
      ArrayNode point = points.addArray();
      point.add(Math.round(x * 1000) / 1000.0);
      point.add(v.getValueIteratedTo() / 1000.0);
    }
    return points;
  }

  private static void array(ObjectNode node, String name, long[] values) {
    ArrayNode a = node.putArray(name);
    for (long v : values) {
      a.add(v);
    }
  }
}
