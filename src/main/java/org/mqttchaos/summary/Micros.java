package org.mqttchaos.summary;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a numeric figure of the summary as a latency in microseconds: an assertion on it needs a unit (us, ms, s).
 * Unmarked numbers are plain counts or rates. {@link SummaryFigures} reads it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Micros {}
