package org.mqttchaos.summary;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How the keys of a map of the summary look, for {@link SummaryFigures}: such a map lists only the keys a run saw,
 * so any key of this shape may be named in an assertion and one the run did not see reads zero. A map without
 * this annotation takes the defaults.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Keyed {
  /** A regular expression every key matches. */
  String pattern() default "[A-Za-z0-9_-]+";

  /** A key the map always holds; listed among the figures, where it stands for every key. */
  String always() default "";

  /**
   * An enum whose constants, by {@code toString()}, are every key the map may hold: a key outside them is no figure
   * (an assertion naming one is refused, not read as zero). {@code Object.class}: any key of {@link #pattern()}.
   */
  Class<?> keys() default Object.class;
}
