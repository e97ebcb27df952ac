package org.mqttchaos.check;

/**
 * MQTT topic-filter matching as the delivery checker judges it (MQTT 3.1.1 section 4.7, MQTT 5 sections 4.7 and
 * 4.8.2). Levels are separated by {@code /}; {@code +} matches exactly one level (an empty one too); {@code #}, alone
 * in the last level, matches its parent level and any number of levels below; a topic name starting with {@code $}
 * is never matched by a filter whose first level is {@code +} or {@code #} ([MQTT-4.7.2-1]). A shared subscription
 * {@code $share/{group}/{filter}} matches what its {@code filter} matches; one member of the group receives each
 * message. Stateless.
 */
public final class TopicFilter {
  static final String SHARE_PREFIX = "$share/";

  private TopicFilter() {}

  /**
   * True when {@code filter} is a valid topic filter: non-empty, {@code #} only as a whole last level, {@code +}
   * only as a whole level, no NUL; a shared filter needs a non-empty group without wildcards and a valid filter.
   */
  public static boolean isValid(String filter) {
    if (filter == null || filter.isEmpty() || filter.indexOf('\u0000') >= 0) {
      return false;
    }
    if (filter.startsWith(SHARE_PREFIX)) {
      int slash = filter.indexOf('/', SHARE_PREFIX.length());
      if (slash <= SHARE_PREFIX.length()) {
        return false;
      }
      String group = filter.substring(SHARE_PREFIX.length(), slash);
      if (group.indexOf('+') >= 0 || group.indexOf('#') >= 0) {
        return false;
      }
      return isValid(filter.substring(slash + 1));
    }
    int n = filter.length();
    for (int i = 0; i < n; i++) {
      char c = filter.charAt(i);
      if (c == '+' || c == '#') {
        boolean wholeLevel = (i == 0 || filter.charAt(i - 1) == '/') && (i == n - 1 || filter.charAt(i + 1) == '/');
        if (!wholeLevel || (c == '#' && i != n - 1)) {
          return false;
        }
      }
    }
    return true;
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
