package org.mqttchaos.check;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The will message's payload, unique per connection attempt, so a received will names the connection it
 * belongs to: {@code mqtt-chaos-will|<runTag>|<connectionId>|<clientId>} in UTF-8. The client ID comes
 * last, so it may contain the separator.
 *
 * @param connectionId unique among the connections of this client ID in this run: with colliding IDs,
 *                     a per-user attempt counter is not enough (two users both have attempt 0)
 */
public record WillPayload(String runTag, int connectionId, String clientId) {
  static final String PREFIX = "mqtt-chaos-will|";

  public WillPayload {
    if (runTag.indexOf('|') >= 0) {
      throw new IllegalArgumentException("run tag must not contain '|': " + runTag);
    }
  }

  public static byte[] payload(String clientId, int connectionId, String runTag) {
    return new WillPayload(runTag, connectionId, clientId).bytes();
  }

  public byte[] bytes() {
    return (PREFIX + runTag + '|' + connectionId + '|' + clientId).getBytes(StandardCharsets.UTF_8);
  }

  /** The payload's parts, or empty when it is not one of ours (another tool's will, a plain message). */
  public static Optional<WillPayload> parse(byte[] payload) {
    if (payload == null) {
      return Optional.empty();
    }
    String s = new String(payload, StandardCharsets.UTF_8);
    if (!s.startsWith(PREFIX)) {
      return Optional.empty();
    }
    int tagEnd = s.indexOf('|', PREFIX.length());
    int idEnd = tagEnd < 0 ? -1 : s.indexOf('|', tagEnd + 1);
    if (idEnd < 0) {
      return Optional.empty();
    }
    try {
      int connectionId = Integer.parseInt(s.substring(tagEnd + 1, idEnd));
      return Optional.of(new WillPayload(s.substring(PREFIX.length(), tagEnd), connectionId, s.substring(idEnd + 1)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
