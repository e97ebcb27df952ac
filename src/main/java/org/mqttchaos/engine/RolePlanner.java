package org.mqttchaos.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.mqttchaos.chaos.ChaosPlanner;
import org.mqttchaos.chaos.Shuffle;
import org.mqttchaos.chaos.UserChaos;
import org.mqttchaos.profile.LoadSettings;
import org.mqttchaos.profile.MessageSettings;
import org.mqttchaos.profile.Profile;

/**
 * Assigns roles to virtual users deterministically: the same profile and seed give the same roles, so a
 * run can be replayed. Ratios are exact (round(clients x ratio) users get the role) and which users get
 * it is drawn by a seeded shuffle, so roles are spread over the whole ramp rather than bunched at its start.
 */
public final class RolePlanner {
  private RolePlanner() {}

  /**
   * @param idPrefix prefix of every client ID; the run passes one unique to it so sessions left on a
   *                 broker by an earlier run cannot answer this run's CONNECTs
   */
  public static List<UserPlan> plan(Profile profile, String idPrefix) {
    int n = profile.load().clients();
    boolean[] clean = Shuffle.pick(n, profile.sessions().cleanRatio(), new SplittableRandom(profile.seed()));
    List<UserChaos> chaos = ChaosPlanner.plan(profile);
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      ids[i] = idPrefix + chaos.get(i).idBase(i);
    }
    MessageRole[] messages = messageRoles(profile.messages(), profile.seed(), ids);
    List<UserPlan> plans = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      plans.add(new UserPlan(i, ids[i], clean[i], startOffsetNanos(profile.load(), i), chaos.get(i), messages[i],
          false));
    }
    return plans;
  }

  /**
   * The backend subscribers of messages.backend: users numbered after the load's clients, client ID the run's
   * prefix + messages.backend.clientIdPrefix + their number (0-based), session kind from
   * messages.backend.cleanSession, all starting at once, each subscribed to messages.backend.filter. Of the chaos
   * keys only chaos.abruptDrop acts on them (Poisson drops over their hold, from their own random streams), or for the
   * first messages.backend.abruptDrop.subscribers of them messages.backend.abruptDrop: they are the service the
   * devices report to, not devices, so they neither collide, go silent, nor go in mass drops.
   *
   * @param holdNanos how long each stays: see engine.ProfileSimulation
   */
  public static List<UserPlan> backends(Profile profile, String idPrefix, long holdNanos) {
    MessageSettings.Backend backend = profile.messages().backend();
    List<UserChaos> chaos = ChaosPlanner.backends(profile, backend.subscribers(), holdNanos);
    List<UserPlan> plans = new ArrayList<>(backend.subscribers());
    int first = profile.load().clients();
    for (int b = 0; b < backend.subscribers(); b++) {
      String id = idPrefix + backend.clientIdPrefix() + b;
      plans.add(new UserPlan(first + b, id, backend.cleanSession(), 0L, chaos.get(b),
          new MessageRole(-1, null, backend.filter().replace("{clientId}", id)), true));
    }
    return plans;
  }

  /**
   * Who publishes and who subscribes: exact shares (round(clients x share) users each), drawn by seeded shuffles of
   * their own, so changing one share does not reshuffle the other nor any other role. Placeholders are replaced:
   * {clientId} by the user's ID, {publisher} by its index, {peer} by the ID of the next subscribing user after it in
   * plan order (wrapping around).
   */
  static MessageRole[] messageRoles(MessageSettings m, long seed, String[] ids) {
    int n = ids.length;
    MessageRole[] roles = new MessageRole[n];
    java.util.Arrays.fill(roles, MessageRole.NONE);
    if (m.publishers() == 0 && m.subscribers() == 0) {
      return roles;
    }
    SplittableRandom random = new SplittableRandom(seed ^ 0x6D657373L); // "mess": a stream of their own
    boolean[] publishes = Shuffle.pick(n, m.publishers(), random.split());
    boolean[] subscribes = Shuffle.pick(n, m.subscribers(), random.split());
    int[] subscribers = java.util.stream.IntStream.range(0, n).filter(i -> subscribes[i]).toArray();
    for (int i = 0; i < n; i++) {
      String topic = null;
      if (publishes[i]) {
        String peer = ids[i];
        if (subscribers.length > 0) {
          int at = java.util.Arrays.binarySearch(subscribers, i + 1);
          int next = at >= 0 ? at : -at - 1;
          peer = ids[subscribers[next < subscribers.length ? next : 0]];
        }
        topic = m.topic().replace("{clientId}", ids[i]).replace("{publisher}", Integer.toString(i))
            .replace("{peer}", peer);
      }
      String filter = subscribes[i] ? m.filter().replace("{clientId}", ids[i]) : null;
      if (topic != null || filter != null) {
        roles[i] = new MessageRole(publishes[i] ? i : -1, topic, filter);
      }
    }
    return roles;
  }

  /** When the injection profile starts user i, relative to user 0: the basis of the start-lag metric. */
  static long startOffsetNanos(LoadSettings load, int i) {
    return switch (load.injection()) {
      case AT_ONCE -> 0L;
      case RAMP -> load.clients() <= 1 ? 0L : (long) ((double) load.rampDuration().toNanos() * i / load.clients());
      case RATE -> (long) (i * 1e9 / load.rate());
    };
  }
}
