package org.mqttchaos.profile;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a profile file into a {@link Profile}: read YAML, substitute ${VAR}, apply --set
 * overrides, type and check every key, and render the resolved YAML. Any problem is one
 * {@link ProfileException} naming file, line and key; nothing is half-loaded.
 */
public final class ProfileLoader {
  private final Set<String> notYetSupported;

  /** Tests pass their own set to exercise features before they are enabled. */
  ProfileLoader(Set<String> notYetSupported) {
    this.notYetSupported = Set.copyOf(notYetSupported);
  }

  /**
   * @param env the environment for ${VAR} (the caller passes System.getenv())
   * @param sets --set arguments like "load.clients=5000", applied in order
   */
  public static ResolvedProfile load(Path file, Map<String, String> env, List<String> sets) {
    return new ProfileLoader(Support.NOT_YET_SUPPORTED).resolve(file, env, sets);
  }

  /** The same as {@link #load} for YAML held in memory; {@code source} names it in messages. */
  public static ResolvedProfile parse(String yaml, String source, Map<String, String> env, List<String> sets) {
    return new ProfileLoader(Support.NOT_YET_SUPPORTED).resolve(yaml, source, baseName(source), env, sets);
  }

  ResolvedProfile resolve(Path file, Map<String, String> env, List<String> sets) {
    String source = file.toString();
    return resolve(readFile(file, source), source, baseName(source), env, sets);
  }

  ResolvedProfile resolve(String yaml, String source, String name, Map<String, String> env, List<String> sets) {
    Tree document = YamlReader.readDocument(yaml, source);
    if (!(document instanceof Tree.Mapping root)) {
      throw document.origin().error("expected a map of keys like name, broker and load at the top level, got "
          + document.describe());
    }
    Tree.Mapping substituted = (Tree.Mapping) EnvSubstitution.apply(root, "", env);
    Values values = Values.read(Overrides.apply(substituted, sets), name);
    Support.check(values, notYetSupported);
    Rules.check(values, source);
    return new ResolvedProfile(ProfileBinder.bind(values), ResolvedWriter.write(values));
  }

  private static String readFile(Path file, String source) {
    try {
      if (Files.isDirectory(file)) {
        throw new ProfileException(source + ": is a directory, expected a profile file");
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ProfileException(source + ": file not found");
    } catch (AccessDeniedException e) {
      throw new ProfileException(source + ": cannot read file (permission denied)");
    } catch (CharacterCodingException e) {
      throw new ProfileException(source + ": cannot read file (not UTF-8 text)");
    } catch (IOException e) {
      throw new ProfileException(source + ": cannot read file (" + e.getMessage() + ")");
    }
  }

  /** "profiles/quickstart.yaml" -> "quickstart", made a valid profile name. */
  static String baseName(String source) {
    String file = Path.of(source).getFileName() == null ? source : Path.of(source).getFileName().toString();
    String base = file.replaceFirst("\\.(ya?ml)$", "").replaceAll("[^A-Za-z0-9._-]", "-");
    return base.isEmpty() ? "profile" : base;
  }
}
