package org.mqttchaos.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.mqttchaos.broker.BrokerStartException;
import org.mqttchaos.client.MqttVersion;
import org.mqttchaos.client.tls.TlsConfigException;
import org.mqttchaos.engine.CapacityCheck;
import org.mqttchaos.engine.ClientFootprint;
import org.mqttchaos.engine.ProfileRun;
import org.mqttchaos.engine.Shard;
import org.mqttchaos.profile.BrokerSettings;
import org.mqttchaos.profile.Profile;
import org.mqttchaos.profile.ProfileException;
import org.mqttchaos.profile.ResolvedProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mqtt-chaos run PROFILE}: validates the profile, starts the embedded broker when the profile
 * names none, runs the load, and writes the results folder, also on Ctrl-C.
 * Exit codes: 0 done, 1 an assertion failed, 2 bad input (nothing ran), 3 no client ever connected.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run a profile against a broker (the embedded one when the profile names none).")
final class RunCommand implements Callable<Integer> {
  @Mixin
  ProfileOptions profileOptions;

  @Mixin
  RunOptions options;

  @Option(names = "--results-dir", paramLabel = "DIR", defaultValue = "results",
      description = "Where the run's results folder is created (default: ${DEFAULT-VALUE}).")
  Path resultsRoot;

  @Option(names = "--shard", paramLabel = "i/n",
      description = "Run shard i of n (1 <= i <= n): a disjoint slice of the users and client IDs, collision "
          + "groups kept whole; `mqtt-chaos merge` adds the n results folders into one (default: the whole run).")
  String shard;

  @Option(names = "--source-addresses", paramLabel = "ADDRESSES",
      description = "Local addresses to spread client sockets over, a range or a comma list: 127.0.0.1-127.0.0.4 "
          + "(short for --set broker.sourceAddresses=[...]; default: the profile's).")
  String sourceAddresses;

  @Override
  public Integer call() {
    Shard slice = ShardOption.parse(shard);
    if (slice == null) {
      return MqttChaos.EXIT_USAGE;
    }
    ResolvedProfile resolved;
    String addressesSet = sourceAddresses == null ? null : "broker.sourceAddresses=" + yamlList(sourceAddresses);
    try {
      resolved = profileOptions.load(addressesSet == null ? List.of() : List.of(addressesSet));
    } catch (ProfileException e) {
      // name the option the user typed, not the --set it stands for
      String ours = "--set " + addressesSet + ":";
      String message = e.getMessage();
      System.err.println(addressesSet != null && message.startsWith(ours)
          ? "--source-addresses " + sourceAddresses + ":" + message.substring(ours.length()) : message);
      return MqttChaos.EXIT_USAGE;
    }
    Profile profile = resolved.profile();
    BrokerSettings settings = profile.broker();
    int shardClients = ShardOption.clients(profile, slice);
    if (shardClients == 0) {
      return MqttChaos.EXIT_USAGE;
    }
    Optional<String> refusal = CapacityCheck.check(profile, slice, shardClients);
    if (refusal.isPresent()) {
      System.err.println("mqtt-chaos: " + refusal.get());
      return MqttChaos.EXIT_USAGE;
    }
    Optional<String> misuse = options.misuse(resultsRoot);
    if (misuse.isPresent()) {
      System.err.println("mqtt-chaos: " + misuse.get());
      return MqttChaos.EXIT_USAGE;
    }
    if (!settings.embedded() && !resolves(settings.brokerUrl().host())) {
      // Before the warm-up and the run: no client could dial it, and a run would only say that none attempted.
      System.err.println("mqtt-chaos: the broker's host " + settings.brokerUrl().host() + " does not resolve"
          + " (broker.url " + settings.brokerUrl() + "): check the name, or give an address; nothing ran");
      return MqttChaos.EXIT_NO_CONNECTION;
    }
    try (RunReporter reporter = RunReporter.install();
        BrokerChoice broker = warmedUpBroker(settings)) {
      if (broker == null) {
        return MqttChaos.EXIT_USAGE;
      }
      return reporter.runAndReport(
          options.applyTo(new ProfileRun(resolved, broker.target(), slice, resultsRoot, System.out), false));
    } catch (BrokerStartException | TlsConfigException e) {
      // a broker that cannot start, a device certificate that cannot be made: nothing ran
      System.err.println("mqtt-chaos: " + e.getMessage());
      return MqttChaos.EXIT_USAGE;
    }
  }

  /** Warms the harness up, then starts the embedded broker or names the profile's; null, message printed, on a bad option. */
  private BrokerChoice warmedUpBroker(BrokerSettings settings) {
    if (!options.warmUp(MqttVersion.fromLabel(settings.mqttVersion().label()),
        ClientFootprint.transport(settings).tls() ? settings.tls() : null)) {
      return null;
    }
    return settings.embedded()
        ? BrokerChoice.embedded(settings, options.warmUpCycles > 0) : BrokerChoice.of(settings.brokerUrl());
  }

  /** True when {@code host} (a name or an address literal) resolves to an address. */
  private static boolean resolves(String host) {
    try {
      InetAddress.getByName(host);
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** "127.0.0.1-127.0.0.4, 10.0.0.5" as a YAML flow list of quoted strings, for the profile's own validation. */
  static String yamlList(String commaList) {
    StringBuilder list = new StringBuilder("[");
    for (String element : commaList.split(",", -1)) {
      list.append(list.length() > 1 ? ", " : "").append('"')
          .append(element.strip().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
    return list.append(']').toString();
  }
}
