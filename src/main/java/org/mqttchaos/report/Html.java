package org.mqttchaos.report;

/**
 * Escaping for report.html. Profile names, descriptions and broker URLs come from users and brokers, so every such
 * string goes through {@link #text} in markup and {@link #scriptSafeJson} inside a script element.
 */
final class Html {
  private Html() {}

  /** Escapes text for element content and quoted attribute values; null becomes "". */
  static String text(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Makes JSON text safe inside a {@code <script>} element: '<', '>' and '&' can only occur inside JSON strings,
   * where their \\u escapes mean the same, so {@code </script>} and {@code <!--} cannot end or confuse the
   * element. U+2028/2029 are escaped for older JavaScript parsers.
   */
  static String scriptSafeJson(String json) {
    return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
  }
}
