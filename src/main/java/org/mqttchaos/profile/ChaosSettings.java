package org.mqttchaos.profile;

import java.util.List;

/** The faults a run injects: random abrupt drops, clients going silent, and timed mass drops. */
public record ChaosSettings(AbruptDrop abruptDrop, KeepAliveExpiry keepAliveExpiry, List<MassDrop> massDrop) {

  public ChaosSettings {
    massDrop = List.copyOf(massDrop);
  }
}
