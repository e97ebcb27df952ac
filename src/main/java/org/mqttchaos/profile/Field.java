package org.mqttchaos.profile;

/** One value being read, with its key path; the one place that words "expected ..., got ..." errors. */
record Field(String key, Tree node) {

  ProfileException fail(String expectation) {
    return node.origin().error(key + ": expected " + expectation + ", got " + node.describe());
  }

  ProfileException error(String message) {
    return node.origin().error(key + ": " + message);
  }

  /** The scalar text, or a failure naming {@code expectation} when the value is a map or list. */
  String text(String expectation) {
    if (node instanceof Tree.Scalar s) {
      return s.text();
    }
    throw fail(expectation);
  }
}
