package org.mqttchaos.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ConnectCodesTest {
  @Test
  void namesMqtt311ReturnCodes() {
    assertEquals("0 accepted", ConnectCodes.label("0", "3.1.1"));
    assertEquals("4 bad user name or password", ConnectCodes.label("4", "3.1.1"));
    assertEquals("5 not authorized", ConnectCodes.label("5", "3.1.1"));
    assertEquals("code 135", ConnectCodes.name("135", "3.1.1"), "v5 codes are unknown to 3.1.1");
  }

  @Test
  void namesMqtt5ReasonCodesInHex() {
    assertEquals("0x00 success", ConnectCodes.label("0", "5"));
    assertEquals("0x87 not authorized", ConnectCodes.label("135", "5"));
    assertEquals("0x89 server busy", ConnectCodes.label("137", "5"));
    assertEquals("0x9F connection rate exceeded", ConnectCodes.label("159", "5"));
    assertEquals("0x01 code 1", ConnectCodes.label("1", "5"));
    assertEquals("x code x", ConnectCodes.label("x", "5"));
  }
}
