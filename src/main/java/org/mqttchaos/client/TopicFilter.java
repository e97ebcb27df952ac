package org.mqttchaos.client;

/**
 * MQTT topic filters, the one implementation the harness has: validity as a profile's keys are checked against
 * and matching as the delivery checker judges it (MQTT 3.1.1 section 4.7, MQTT 5 sections 4.7 and 4.8.2). Levels are
 * separated by {@code /}; {@code +} matches exactly one level (an empty one too); {@code #}, alone in the last level,
 * matches its parent level and any number of levels below; a topic name starting with {@code $} is never matched by
 * a filter whose first level is {@code +} or {@code #} ([MQTT-4.7.2-1]). A shared subscription
 * {@code $share/{group}/{filter}} matches what its {@code filter} matches; one member of the group receives each
 * message. Stateless.
 */
public final class TopicFilter {
  /** The prefix of an MQTT 5 shared subscription, {@code $share/<group>/<filter>} (section 4.8.2). */
  public static final String SHARE_PREFIX = "$share/";

  private TopicFilter() {}

  /** True when {@code filter} is a valid topic filter: {@link #problem} finds nothing wrong with it. */
  public static boolean isValid(String filter) {
    return problem(filter) == null;
  }

  /**
   * Why {@code filter} is not a valid topic filter, in words with the spec rule it breaks, or null when it is one:
   * not empty [MQTT-4.7.3-1], {@code #} only as a whole last level [MQTT-4.7.1-2], {@code +} only as a whole level
   * [MQTT-4.7.1-3], no U+0000 [MQTT-4.7.3-2]; a shared one needs a group of at least one character without
   * {@code +}, {@code #} or {@code /} and a valid filter after it [MQTT-4.8.2-1] [MQTT-4.8.2-2]. The length limit
   * and placeholders are the caller's.
   */
  public static String problem(String filter) {
    if (filter == null) {
      return "a topic filter must not be empty [MQTT-4.7.3-1]";
    }
    String plain = filter;
    if (filter.startsWith(SHARE_PREFIX)) {
      int slash = filter.indexOf('/', SHARE_PREFIX.length());
      String group = slash < 0 ? filter.substring(SHARE_PREFIX.length())
          : filter.substring(SHARE_PREFIX.length(), slash);
      if (slash < 0 || group.isEmpty() || group.indexOf('+') >= 0 || group.indexOf('#') >= 0) {
        return "a shared subscription is $share/<group>/<filter> with a group name of at least one character and no"
            + " +, # or / [MQTT-4.8.2-1] [MQTT-4.8.2-2]";
      }
      plain = filter.substring(slash + 1);
    }
    if (plain.isEmpty()) {
      return "a topic filter must not be empty [MQTT-4.7.3-1]";
    }
    int n = plain.length();
    for (int i = 0; i < n; i++) {
      char c = plain.charAt(i);
      if (c == '+' || c == '#') {
        boolean wholeLevel = (i == 0 || plain.charAt(i - 1) == '/') && (i == n - 1 || plain.charAt(i + 1) == '/');
        if (c == '#' && (!wholeLevel || i != n - 1)) {
          return "# must be a whole topic level and the last one [MQTT-4.7.1-2]";
        }
        if (c == '+' && !wholeLevel) {
          return "+ must be a whole topic level [MQTT-4.7.1-3]";
        }
      }
    }
    if (filter.indexOf('\u0000') >= 0) {
      return "topics must not contain the null character U+0000 [MQTT-4.7.3-2]";
    }
    return null;
  }

  /** True when {@code filter} is an MQTT 5 shared subscription ({@code $share/...}), which 3.1.1 does not have. */
  public static boolean isShared(String filter) {
    return filter.startsWith(SHARE_PREFIX);
  }

  /** The share group of a {@code $share/{group}/{filter}} subscription, or null when it is not shared. */
  public static String shareGroup(String filter) {
    if (!filter.startsWith(SHARE_PREFIX)) {
      return null;
    }
    int slash = filter.indexOf('/', SHARE_PREFIX.length());
    return slash < 0 ? null : filter.substring(SHARE_PREFIX.length(), slash);
  }

  /** The filter that selects topics: {@code filter} itself, or the part after {@code $share/{group}/}. */
  public static String matchingPart(String filter) {
    if (!filter.startsWith(SHARE_PREFIX)) {
      return filter;
    }
    int slash = filter.indexOf('/', SHARE_PREFIX.length());
    return slash < 0 ? filter : filter.substring(slash + 1);
  }

  /**
   * True when {@code topic} (a topic name, no wildcards) matches {@code filter}; a shared filter matches by its
   * {@link #matchingPart}. An invalid filter matches nothing.
   */
  public static boolean matches(String filter, String topic) {
    String f = matchingPart(filter);
    if (!isValid(f) || topic == null) {
      return false;
    }
    if (!topic.isEmpty() && topic.charAt(0) == '$' && (f.charAt(0) == '+' || f.charAt(0) == '#')) {
      return false; // [MQTT-4.7.2-1]
    }
    int fi = 0;
    int ti = 0;
    int fn = f.length();
    int tn = topic.length();
    while (true) {
      // one level each: filter level [fi, fe), topic level [ti, te)
      int fe = f.indexOf('/', fi);
      if (fe < 0) {
        fe = fn;
      }
      if (fe - fi == 1 && f.charAt(fi) == '#') {
        return true; // matches this level and everything below, the parent too ("a/#" matches "a")
      }
      if (ti > tn) {
        // the topic has no more levels; only "/#" left in the filter could still match (handled above)
        return false;
      }
      int te = topic.indexOf('/', ti);
      if (te < 0) {
        te = tn;
      }
      boolean plus = fe - fi == 1 && f.charAt(fi) == '+';
      if (!plus && (fe - fi != te - ti || !f.regionMatches(fi, topic, ti, fe - fi))) {
        return false;
      }
      boolean filterDone = fe == fn;
      boolean topicDone = te == tn;
      if (filterDone && topicDone) {
        return true;
      }
      if (filterDone) {
        return false;
      }
      fi = fe + 1;
      ti = topicDone ? tn + 1 : te + 1; // past the end: the topic has no level left for the next filter level
    }
  }
}
