package org.mqttchaos.profile;

/** Where a profile value came from, for error messages: a line of a file or a --set argument. */
record Origin(String source, int line) {

  static Origin set(String argument) {
    return new Origin("--set " + argument, 0);
  }

  /** "profiles/x.yaml:12", or "profiles/x.yaml" / "--set a.b=c" when there is no line. */
  String label() {
    return line > 0 ? source + ":" + line : source;
  }

  ProfileException error(String message) {
    return new ProfileException(label() + ": " + message);
  }
}
