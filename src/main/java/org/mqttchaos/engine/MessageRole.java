package org.mqttchaos.engine;

/**
 * A virtual user's part in the publish/subscribe load, fixed before the run from the profile and its seed.
 *
 * @param publisher the user's publisher index (its run-wide user index, in every stamp it sends); -1 when it does
 *                  not publish
 * @param topic     the topic it publishes to, placeholders replaced; null when it does not publish
 * @param filter    the topic filter it subscribes to, placeholders replaced; null when it does not subscribe
 */
public record MessageRole(int publisher, String topic, String filter) {
  /** Neither publishes nor subscribes. */
  public static final MessageRole NONE = new MessageRole(-1, null, null);

  public boolean publishes() {
    return publisher >= 0;
  }

  public boolean subscribes() {
    return filter != null;
  }

  /** For plan.csv: "pub", "sub", "pub+sub" or "". */
  public String label() {
    return publishes() ? (subscribes() ? "pub+sub" : "pub") : subscribes() ? "sub" : "";
  }
}
