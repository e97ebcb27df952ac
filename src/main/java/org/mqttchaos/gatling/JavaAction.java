package org.mqttchaos.gatling;

import com.typesafe.scalalogging.Logger;
import io.gatling.core.action.Action;
import org.slf4j.LoggerFactory;

/**
 * What a Java class needs to be one of Gatling's actions: the {@code StrictLogging} logger that the Scala
 * trait would give a Scala class. Subclasses implement {@code name()} and {@code execute(Session)}.
 */
abstract class JavaAction implements Action {
  private Logger logger = Logger.apply(LoggerFactory.getLogger(getClass()));

  @Override
  public Logger logger() {
    return logger;
  }

  // StrictLogging's field setter, called by the trait initializer that Scala classes run; kept for binary compatibility.
  public void com$typesafe$scalalogging$StrictLogging$_setter_$logger_$eq(Logger logger) {
    this.logger = logger;
  }
}
