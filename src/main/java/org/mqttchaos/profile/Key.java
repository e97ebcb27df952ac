package org.mqttchaos.profile;

/** One profile key: its dotted path (as --set names it), its value type and its default. */
record Key<T>(String path, ValueType<T> type, T defaultValue) {

  static <T> Key<T> of(String path, ValueType<T> type, T defaultValue) {
    return new Key<>(path, type, defaultValue);
  }
}
