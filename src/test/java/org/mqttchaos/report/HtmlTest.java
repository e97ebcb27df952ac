package org.mqttchaos.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HtmlTest {
  @Test
  void textEscapesMarkupAndQuotes() {
    assertEquals("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
        Html.text("<a href=\"x\" title='y'>&</a>"));
    assertEquals("", Html.text(null));
  }

  @Test
  void scriptSafeJsonCannotCloseTheScriptElement() {
    assertEquals("{\"n\":\"\\u003c/script\\u003e\\u003c!--\\u0026\"}",
        Html.scriptSafeJson("{\"n\":\"</script><!--&\"}"));
  }
}
