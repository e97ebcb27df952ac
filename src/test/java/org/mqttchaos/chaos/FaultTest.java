package org.mqttchaos.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mqttchaos.client.AbruptMode;

class FaultTest {
  private final Locale saved = Locale.getDefault();

  @AfterEach
  void restoreLocale() {
    Locale.setDefault(saved);
  }

  @Test
  void labelsAreTheSameWhateverTheDefaultLocale() {
    // German writes a decimal comma, Turkish lower-cases I to a dotless ı
    for (Locale locale : new Locale[] {Locale.ROOT, Locale.GERMANY, Locale.forLanguageTag("tr-TR")}) {
      Locale.setDefault(locale);
      assertEquals("drop@12.346s:fin", new Fault(Fault.Kind.DROP, 12_345_600_000L, AbruptMode.FIN).label(-1),
          locale.toString());
      assertEquals("silence@10.000s", new Fault(Fault.Kind.SILENCE, 10_000_000_000L, null).label(-1));
      assertEquals("massDrop#0@40.000s:rst",
          new Fault(Fault.Kind.MASS_DROP, 40_000_000_000L, AbruptMode.RST).label(0));
    }
  }
}
