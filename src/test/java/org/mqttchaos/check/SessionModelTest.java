package org.mqttchaos.check;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mqttchaos.check.Nanos.at;
import static org.mqttchaos.check.Nanos.ms;

import org.junit.jupiter.api.Test;

class SessionModelTest {
  private static final long V3 = SessionModel.MQTT_3_1_1;
  private final SessionModel model = new SessionModel();
  private final Object a = new Object();
  private final Object b = new Object();
  private final Object c = new Object();

  @Test
  void persistentSessionIsPresentOnReconnectOnly() {
    assertFalse(model.expectedSessionPresent("id", false, at(0)));
    model.connected("id", false, a);
    model.closed("id", a, at(100), V3);
    assertTrue(model.expectedSessionPresent("id", false, at(1_000_000)));
    assertFalse(model.expectedSessionPresent("id", true, at(200)));
  }

  @Test
  void persistentTakeoverOfPersistentResumesTheSession() {
    model.connected("id", false, a);
    assertTrue(model.expectedSessionPresent("id", false, at(10)));
    model.connected("id", false, b);
    model.closed("id", a, at(20), V3); // the late close of the taken-over one changes nothing
    assertTrue(model.expectedSessionPresent("id", false, at(30)));
    model.closed("id", b, at(40), V3);
    model.closed("id", a, at(50), V3);
    assertTrue(model.expectedSessionPresent("id", false, at(60)));
  }

  @Test
  void takeoverCloseSeenBeforeTheNewConnackGivesTheSameAnswer() {
    model.connected("id", false, a);
    model.closed("id", a, at(20), V3);
    assertTrue(model.expectedSessionPresent("id", false, at(21)));
  }

  @Test
  void cleanConnectEndsAPersistentSession() {
    model.connected("id", false, a);
    model.closed("id", a, at(10), V3);
    assertFalse(model.expectedSessionPresent("id", true, at(20)));
    model.connected("id", true, b);
    assertFalse(model.expectedSessionPresent("id", false, at(25))); // clean B live: nothing to resume
    model.closed("id", b, at(30), V3);
    assertFalse(model.expectedSessionPresent("id", false, at(40)));
  }

  @Test
  void cleanTakeoverOfALivePersistentSessionEndsIt() {
    model.connected("id", false, a);
    model.connected("id", true, b);
    model.closed("id", a, at(10), V3);
    model.closed("id", b, at(20), V3);
    assertFalse(model.expectedSessionPresent("id", false, at(30)));
    model.connected("id", false, c);
    model.closed("id", c, at(40), V3);
    assertTrue(model.expectedSessionPresent("id", false, at(50)));
  }

  @Test
  void mqtt5SessionExpiresAfterItsInterval() {
    model.connected("id", false, a, ms(10_000));
    model.closed("id", a, at(0), ms(10_000));
    assertTrue(model.expectedSessionPresent("id", false, at(9_999)));
    assertFalse(model.expectedSessionPresent("id", false, at(10_000)));
  }

  @Test
  void mqtt5ExpiryZeroEndsTheSessionWithATakeoverInEitherOrder() {
    model.connected("id", false, a, 0);
    assertFalse(model.expectedSessionPresent("id", false, at(10)));
    model.closed("id", a, at(10), 0);
    assertFalse(model.expectedSessionPresent("id", false, at(11)));
  }

  @Test
  void mqtt5CleanStartWithExpiryLeavesASessionBehind() {
    model.connected("id", true, a, ms(300_000));
    assertTrue(model.expectedSessionPresent("id", false, at(5))); // taken over while live: resumed
    model.closed("id", a, at(10), ms(300_000));
    assertTrue(model.expectedSessionPresent("id", false, at(20)));
  }

  @Test
  void threeArgumentConnectWithMqtt5ExpiryAtCloseStillKeepsTheSession() {
    model.connected("id", true, a);
    model.closed("id", a, at(10), ms(300_000));
    assertTrue(model.expectedSessionPresent("id", false, at(20)));
  }
}
