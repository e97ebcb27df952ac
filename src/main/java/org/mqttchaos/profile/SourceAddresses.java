package org.mqttchaos.profile;

import io.netty.util.NetUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * broker.sourceAddresses: IP literals (never resolved through DNS) to bind client sockets to;
 * an element like 127.0.0.1-127.0.0.4 is an IPv4 range, expanded in place.
 */
final class SourceAddresses {
  static final int MAX_RANGE = 4096;
  static final String EXPECTED = "an IP address like 127.0.0.2 or a range like 127.0.0.1-127.0.0.4";

  static final ValueType<List<String>> TYPE = ValueType.of(SourceAddresses::read, v -> v);

  private SourceAddresses() {}

  private static List<String> read(Field field) {
    List<String> addresses = new ArrayList<>();
    for (Field element : ListTypes.elements(field)) {
      addresses.addAll(expand(element));
    }
    return List.copyOf(addresses);
  }

  private static List<String> expand(Field element) {
    String text = element.text(EXPECTED).strip();
    int dash = text.indexOf('-');
    if (dash < 0) {
      if (!NetUtil.isValidIpV4Address(text) && !NetUtil.isValidIpV6Address(text)) {
        throw element.fail(EXPECTED);
      }
      return List.of(text);
    }
    String first = text.substring(0, dash).strip();
    String last = text.substring(dash + 1).strip();
    if (!NetUtil.isValidIpV4Address(first) || !NetUtil.isValidIpV4Address(last)) {
      throw element.fail(EXPECTED);
    }
    long from = toLong(first);
    long to = toLong(last);
    if (to < from) {
      throw element.fail("a range whose last address is not before its first");
    }
    if (to - from + 1 > MAX_RANGE) {
      throw element.fail("a range of at most " + MAX_RANGE + " addresses");
    }
    List<String> expanded = new ArrayList<>();
    for (long a = from; a <= to; a++) {
      expanded.add((a >> 24) + "." + ((a >> 16) & 255) + "." + ((a >> 8) & 255) + "." + (a & 255));
    }
    return expanded;
  }

  private static long toLong(String ipv4) {
    long value = 0;
    for (String part : ipv4.split("\\.")) {
      value = (value << 8) | Integer.parseInt(part);
    }
    return value;
  }
}
