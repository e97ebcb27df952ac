package org.mqttchaos.profile;

/**
 * A loaded profile and its fully resolved YAML (every default filled, password masked), which is
 * written to the results folder as profile.yaml and loads again to replay the run.
 */
public record ResolvedProfile(Profile profile, String resolvedYaml) {}
