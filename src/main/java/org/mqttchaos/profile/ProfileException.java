package org.mqttchaos.profile;

/**
 * A profile the harness cannot run. The message is one line for the user, naming the file and
 * line (or the --set argument), the key, and what was expected.
 */
public class ProfileException extends RuntimeException {

  public ProfileException(String message) {
    super(message);
  }
}
