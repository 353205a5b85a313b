package dev.chargestorm.steadystate.yaml;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Typed, line-aware access to one YAML mapping; every mistake becomes a {@link Problem}, never an exception. */
final class Reader {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");

    /** Where problems go, and the subject of the current document. */
    static final class Context {
        final String file;
        final List<Problem> problems;
        String subject;

        Context(String file, List<Problem> problems, String subject) {
            this.file = file;
            this.problems = problems;
            this.subject = subject;
        }

        void problem(Node node, String field, String message) {
            problems.add(new Problem(file, node.getStartMark().getLine() + 1, subject, field, message));
        }
    }

    private final Context ctx;
    private final String path;
    private final Node node;
    private final Map<String, Node> values = new LinkedHashMap<>();

    private Reader(Context ctx, String path, MappingNode node) {
        this.ctx = ctx;
        this.path = path;
        this.node = node;
        for (NodeTuple t : node.getValue()) {
            String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
            if (values.put(key, t.getValueNode()) != null) {
                ctx.problem(t.getKeyNode(), field(key), "duplicate key '" + key + "'");
            }
        }
    }

    /** A reader over {@code node}, or {@code null} (with a problem) when it is not a mapping. */
    static Reader of(Context ctx, String path, Node node) {
        if (node instanceof MappingNode m) {
            return new Reader(ctx, path, m);
        }
        ctx.problem(node, path, "expected a mapping but was " + describe(node));
        return null;
    }

    Node node() {
        return node;
    }

    String path() {
        return path;
    }

    Context context() {
        return ctx;
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    String field(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    void allow(String... keys) {
        List<String> allowed = List.of(keys);
        for (NodeTuple t : ((MappingNode) node).getValue()) {
            String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
            if (!allowed.contains(key)) {
                ctx.problem(t.getKeyNode(), field(key), "unknown field; expected one of " + allowed);
            }
        }
    }

    /** Records a problem at the value of {@code key} (or at this mapping when absent). */
    void problem(String key, String message) {
        ctx.problem(values.getOrDefault(key, node), field(key), message);
    }

    private Node required(String key) {
        Node n = values.get(key);
        if (n == null) {
            ctx.problem(node, field(key), "required field is missing");
        }
        return n;
    }

    String string(String key, boolean required) {
        Node n = required ? required(key) : values.get(key);
        if (n == null) {
            return null;
        }
        if (n instanceof ScalarNode s && !s.getValue().isEmpty()) {
            return s.getValue();
        }
        ctx.problem(n, field(key), "expected a non-empty string but was " + describe(n));
        return null;
    }

    Double number(String key, boolean required) {
        Node n = required ? required(key) : values.get(key);
        if (n == null) {
            return null;
        }
        if (n instanceof ScalarNode s) {
            try {
                return Double.parseDouble(s.getValue());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        ctx.problem(n, field(key), "expected a number but was " + describe(n));
        return null;
    }

    /** A number in [0, 1] given as a fraction ({@code 0.05}) or a percentage ({@code 5%}). */
    Double fractionOrPercent(String key, boolean required) {
        Node n = required ? required(key) : values.get(key);
        if (n == null) {
            return null;
        }
        if (n instanceof ScalarNode s) {
            String v = s.getValue().trim();
            try {
                return v.endsWith("%") ? Double.parseDouble(v.substring(0, v.length() - 1).trim()) / 100
                        : Double.parseDouble(v);
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        ctx.problem(n, field(key), "expected a fraction like 0.05 or a percentage like 5% but was " + describe(n));
        return null;
    }

    Long integer(String key, boolean required) {
        Node n = required ? required(key) : values.get(key);
        if (n == null) {
            return null;
        }
        if (n instanceof ScalarNode s) {
            try {
                return Long.parseLong(s.getValue());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        ctx.problem(n, field(key), "expected an integer but was " + describe(n));
        return null;
    }

    Boolean bool(String key, boolean required) {
        Node n = required ? required(key) : values.get(key);
        if (n == null) {
            return null;
        }
        if (n instanceof ScalarNode s && (s.getValue().equals("true") || s.getValue().equals("false"))) {
            return Boolean.parseBoolean(s.getValue());
        }
        ctx.problem(n, field(key), "expected true or false but was " + describe(n));
        return null;
    }

    Duration duration(String key, boolean required) {
        Node n = required ? required(key) : values.get(key);
        if (n == null) {
            return null;
        }
        if (n instanceof ScalarNode s) {
            Duration d = parseDuration(s.getValue());
            if (d != null) {
                return d;
            }
        }
        ctx.problem(n, field(key), "expected a duration like 500ms, 30s, 5m, 1h, 28d or 2w but was " + describe(n));
        return null;
    }

    Reader mapping(String key, boolean required) {
        Node n = required ? required(key) : values.get(key);
        return n == null ? null : of(ctx, field(key), n);
    }

    /** Items of a sequence, or {@code null} (with a problem when present but not a sequence). */
    List<Node> sequence(String key, boolean required) {
        Node n = required ? required(key) : values.get(key);
        if (n == null) {
            return null;
        }
        if (n instanceof SequenceNode s) {
            return s.getValue();
        }
        ctx.problem(n, field(key), "expected a list but was " + describe(n));
        return null;
    }

    /** A list of strings; a single scalar is not accepted. */
    List<String> strings(String key, boolean required) {
        List<Node> items = sequence(key, required);
        if (items == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof ScalarNode s && !s.getValue().isEmpty()) {
                out.add(s.getValue());
            } else {
                ctx.problem(items.get(i), field(key) + "[" + i + "]", "expected a string but was "
                        + describe(items.get(i)));
            }
        }
        return out;
    }

    /** Any nested YAML below {@code key}, flattened to dotted keys with string values. */
    Map<String, String> flat(String key) {
        Node n = values.get(key);
        Map<String, String> out = new TreeMap<>();
        if (n != null) {
            flatten(n, "", out, field(key));
        }
        return out;
    }

    private void flatten(Node n, String prefix, Map<String, String> out, String fieldPath) {
        switch (n) {
            case MappingNode m -> {
                for (NodeTuple t : m.getValue()) {
                    String k = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
                    flatten(t.getValueNode(), prefix.isEmpty() ? k : prefix + "." + k, out, fieldPath);
                }
            }
            case ScalarNode s -> {
                if (prefix.isEmpty()) {
                    ctx.problem(n, fieldPath, "expected a mapping but was " + describe(n));
                } else {
                    out.put(prefix, s.getValue());
                }
            }
            default -> ctx.problem(n, fieldPath + (prefix.isEmpty() ? "" : "." + prefix),
                    "expected a mapping or a scalar but was " + describe(n));
        }
    }

    static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        long v = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(v);
            case "s" -> Duration.ofSeconds(v);
            case "m" -> Duration.ofMinutes(v);
            case "h" -> Duration.ofHours(v);
            case "d" -> Duration.ofDays(v);
            case "w" -> Duration.ofDays(7 * v);
            default -> null;
        };
    }

    static String describe(Node n) {
        return switch (n) {
            case ScalarNode s -> s.getValue().isEmpty() ? "empty" : "'" + s.getValue() + "'";
            case SequenceNode ignored -> "a list";
            case MappingNode ignored -> "a mapping";
            default -> n.getNodeId().name().toLowerCase(Locale.ROOT);
        };
    }
}
