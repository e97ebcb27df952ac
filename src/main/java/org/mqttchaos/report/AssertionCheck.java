package org.mqttchaos.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import org.mqttchaos.profile.Assertion;
import org.mqttchaos.summary.Summary;
import org.mqttchaos.summary.SummaryFigures;

/**
 * Evaluates the profile's assertions against a summary, reading each figure from the summary as summary.json
 * holds it, so an assertion means exactly what a script reading the file would see.
 */
final class AssertionCheck {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AssertionCheck() {}

  /** One result per text, in order; a text that does not parse fails with the reason as its actual value. */
  static List<Summary.AssertionResult> evaluate(Summary summary, List<String> texts) {
    if (texts == null || texts.isEmpty()) {
      return List.of();
    }
    JsonNode json = MAPPER.valueToTree(summary);
    List<Summary.AssertionResult> results = new ArrayList<>();
    for (String text : texts) {
      results.add(evaluate(json, text));
    }
    return List.copyOf(results);
  }

  private static Summary.AssertionResult evaluate(JsonNode json, String text) {
    Assertion assertion;
    try {
      assertion = Assertion.parse(text);
    } catch (IllegalArgumentException e) {
      // run.json written by another version or edited by hand: report it, do not stop the report.
      return new Summary.AssertionResult(text, false, "invalid: " + e.getMessage());
    }
    JsonNode node = json.at("/" + assertion.path().replace('.', '/'));
    double actual;
    if (node.isNumber()) {
      actual = node.asDouble();
    } else if (node.isMissingNode() && SummaryFigures.readsZeroWhenAbsent(assertion.path())) {
      actual = 0.0; // such maps list only the keys a run saw; any other key was seen zero times
    } else {
      return new Summary.AssertionResult(text, false, "not a figure of this summary.json");
    }
    return new Summary.AssertionResult(text, assertion.test(actual), format(actual, assertion.isLatency()));
  }

  /**
   * A latency (µs in the summary) in milliseconds as the report writes them ("81.5ms", "2.00ms") when that is exact,
   * else to the microsecond ("2469.887ms", not "2470ms", which a PASS of "< 2470ms" would contradict); a plain figure
   * whole as summary.json has it when it is a whole number ("178841": a count is never rounded, or the line would
   * contradict the summary above it), else with four significant digits and at least one decimal ("0.3333",
   * "12345.7").
   */
  static String format(double actual, boolean latency) {
    if (latency) {
      long micros = Math.round(actual); // a mean is fractional
      String shown = Format.ms(micros);
      BigDecimal exact = BigDecimal.valueOf(micros).movePointLeft(3);
      return (new BigDecimal(shown).compareTo(exact) == 0 ? shown : exact.stripTrailingZeros().toPlainString())
          + "ms";
    }
    if (actual == Math.rint(actual) && Math.abs(actual) < 1e15) {
      return Long.toString((long) actual);
    }
    int wholeDigits = Math.abs(actual) >= 1 ? (int) Math.floor(Math.log10(Math.abs(actual))) + 1 : 0;
    return BigDecimal.valueOf(actual).round(new MathContext(Math.max(4, wholeDigits + 1))).stripTrailingZeros()
        .toPlainString();
  }
}
