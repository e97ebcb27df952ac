package org.mqttchaos.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Composes YAML to a node tree (so every value keeps its line) and reduces it to a {@link Tree};
 * syntax errors and duplicate keys become one-line {@link ProfileException}s.
 */
final class YamlReader {
  private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");
  // Profiles are a few levels deep; the bound also stops recursive aliases.
  private static final int MAX_DEPTH = 16;

  private YamlReader() {}

  /** A whole profile file; an empty document is an empty map. */
  static Tree readDocument(String text, String source) {
    Optional<Node> root = compose(text, source, source + ": YAML syntax error: ", true);
    Function<Node, Origin> originOf = n -> new Origin(source, n.getStartMark().map(m -> m.getLine() + 1).orElse(0));
    return root.map(n -> convert(n, originOf, "", 0)).orElse(new Tree.Mapping(Map.of(), new Origin(source, 1)));
  }

  /** A --set value: every node gets the argument as its origin. */
  static Tree readValue(String text, Origin origin) {
    Optional<Node> root = compose(text, origin.source(), origin.label() + ": value is not valid YAML: ", false);
    return root.map(n -> convert(n, ignored -> origin, "", 0)).orElse(new Tree.Scalar("", true, origin));
  }

  private static Optional<Node> compose(String text, String label, String prefix, boolean withLine) {
    LoadSettings settings = LoadSettings.builder().setLabel(label).build();
    try {
      return new Compose(settings).composeString(text);
    } catch (MarkedYamlEngineException e) {
      Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
      String at = withLine && mark.isPresent() ? label + ":" + (mark.get().getLine() + 1) + ": YAML syntax error: " : prefix;
      throw new ProfileException(at + oneLine(e.getProblem() != null ? e.getProblem() : e.getContext()));
    } catch (YamlEngineException e) {
      throw new ProfileException(prefix + oneLine(e.getMessage()));
    }
  }

  private static Tree convert(Node node, Function<Node, Origin> originOf, String path, int depth) {
    Origin origin = originOf.apply(node);
    if (depth > MAX_DEPTH) {
      throw origin.error(path + ": nested too deeply (more than " + MAX_DEPTH + " levels)");
    }
    if (node instanceof ScalarNode s) {
      boolean isNull = s.getScalarStyle() == ScalarStyle.PLAIN && NULLS.contains(s.getValue());
      return new Tree.Scalar(s.getValue(), isNull, origin);
    }
    if (node instanceof SequenceNode seq) {
      List<Tree> items = new ArrayList<>();
      for (Node item : seq.getValue()) {
        items.add(convert(item, originOf, path + "[" + items.size() + "]", depth + 1));
      }
      return new Tree.Sequence(items, origin);
    }
    if (node instanceof MappingNode map) {
      return convertMap(map, originOf, path, depth, origin);
    }
    throw origin.error(path + ": unsupported YAML node " + node.getNodeType());
  }

  private static Tree convertMap(MappingNode map, Function<Node, Origin> originOf, String path, int depth, Origin origin) {
    Map<String, Tree.Entry> entries = new LinkedHashMap<>();
    for (NodeTuple tuple : map.getValue()) {
      Origin keyOrigin = originOf.apply(tuple.getKeyNode());
      if (!(tuple.getKeyNode() instanceof ScalarNode keyNode) || keyNode.getValue().isEmpty()) {
        throw keyOrigin.error((path.isEmpty() ? "" : path + ": ") + "keys must be plain names");
      }
      String key = keyNode.getValue();
      String keyPath = path.isEmpty() ? key : path + "." + key;
      Tree.Entry first = entries.get(key);
      if (first != null) {
        String where = first.keyOrigin().line() > 0 ? " (first at line " + first.keyOrigin().line() + ")" : "";
        throw keyOrigin.error("duplicate key '" + keyPath + "'" + where);
      }
      entries.put(key, new Tree.Entry(keyOrigin, convert(tuple.getValueNode(), originOf, keyPath, depth + 1)));
    }
    return new Tree.Mapping(entries, origin);
  }

  private static String oneLine(String text) {
    return text == null ? "unreadable YAML" : text.strip().replaceAll("\\s+", " ");
  }
}
