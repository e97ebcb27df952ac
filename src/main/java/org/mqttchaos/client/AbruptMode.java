package org.mqttchaos.client;

/** How an abrupt close (no DISCONNECT) ends TCP. */
public enum AbruptMode {
  /** Orderly TCP shutdown: FIN. */
  FIN,
  /** Reset: SO_LINGER 0 then close, so the kernel sends RST. */
  RST
}
