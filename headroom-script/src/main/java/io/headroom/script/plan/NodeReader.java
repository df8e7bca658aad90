package io.headroom.script.plan;

import io.headroom.script.plan.YamlTree.Kind;
import io.headroom.script.plan.YamlTree.YEntry;
import io.headroom.script.plan.YamlTree.YList;
import io.headroom.script.plan.YamlTree.YMap;
import io.headroom.script.plan.YamlTree.YNode;
import io.headroom.script.plan.YamlTree.YScalar;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Typed reads from the YAML tree that report what was expected and what was found, with the node's
 * position, instead of throwing: each read returns empty when the value is unusable, and the problem
 * is then recorded. Not thread-safe (one per file).
 */
final class NodeReader {
    final Problems problems;

    NodeReader(Problems problems) {
        this.problems = problems;
    }

    void error(YNode at, String path, String message) {
        if (at != null && problems.isSpoiled(at.mark())) return;
        problems.add(at == null ? null : at.mark(), path, message);
    }

    void error(YamlTree.Mark at, String path, String message) {
        problems.add(at, path, message);
    }

    /** How a node is described after "found": {@code "ten"}, {@code 10}, {@code a list}, {@code nothing}. */
    static String found(YNode node) {
        if (node == null) return "nothing";
        return switch (node) {
            case YMap m -> "a mapping";
            case YList l -> "a list";
            case YScalar s -> switch (s.kind()) {
                case NULL -> "nothing";
                case STRING -> "\"" + s.value() + "\"";
                default -> s.value();
            };
        };
    }

    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    Optional<YMap> map(YNode node, String path, String what) {
        if (node instanceof YMap m) return Optional.of(m);
        error(node, path, "expected " + what + ", found " + found(node));
        return Optional.empty();
    }

    Optional<YList> list(YNode node, String path, String what) {
        if (node instanceof YList l) return Optional.of(l);
        error(node, path, "expected " + what + ", found " + found(node));
        return Optional.empty();
    }

    /** Reports every key of {@code map} that is not in {@code allowed}, suggesting the closest one. */
    void onlyKeys(YMap map, String path, Collection<String> allowed) {
        for (YEntry e : map.entries()) {
            if (!allowed.contains(e.key())) unknownKey(e, path, allowed);
        }
    }

    /** Reports an unknown key; returns the key suggested for it, if any. */
    Optional<String> unknownKey(YEntry e, String path, Collection<String> allowed) {
        Optional<String> suggestion = Suggestions.closest(e.key(), allowed);
        error(e.keyMark(), child(path, e.key()), "unknown key '" + e.key() + "'"
                + suggestion.map(Suggestions::didYouMean).orElse("; expected one of " + String.join(", ", allowed)));
        return suggestion;
    }

    /** Any scalar as text (numbers and booleans as written); empty for mappings, lists and nulls (reported). */
    Optional<String> text(YNode node, String path, String what) {
        if (node instanceof YScalar s && s.kind() != Kind.NULL) return Optional.of(s.value());
        error(node, path, "expected " + what + ", found " + found(node));
        return Optional.empty();
    }

    /** Text that must not be empty. */
    Optional<String> nonEmptyText(YNode node, String path, String what) {
        return text(node, path, what).filter(s -> {
            if (!s.isBlank()) return true;
            error(node, path, "expected " + what + ", found an empty string");
            return false;
        });
    }

    Optional<Long> integer(YNode node, String path, String what, long min) {
        if (node instanceof YScalar s && s.kind() == Kind.INT) {
            try {
                long v = new BigDecimal(s.value().replace("_", "")).longValueExact();
                if (v >= min) return Optional.of(v);
            } catch (NumberFormatException | ArithmeticException e) {
                // reported below
            }
        }
        error(node, path, "expected " + what + ", found " + found(node));
        return Optional.empty();
    }

    Optional<Integer> positiveInt(YNode node, String path) {
        return integer(node, path, "a positive integer", 1).flatMap(v -> clampInt(node, path, v));
    }

    Optional<Integer> nonNegativeInt(YNode node, String path) {
        return integer(node, path, "a non-negative integer", 0).flatMap(v -> clampInt(node, path, v));
    }

    private Optional<Integer> clampInt(YNode node, String path, long v) {
        if (v > Integer.MAX_VALUE) {
            error(node, path, "expected at most " + Integer.MAX_VALUE + ", found " + v);
            return Optional.empty();
        }
        return Optional.of((int) v);
    }

    Optional<Long> positiveLong(YNode node, String path) {
        return integer(node, path, "a positive integer", 1);
    }

    Optional<Long> nonNegativeLong(YNode node, String path) {
        return integer(node, path, "a non-negative integer", 0);
    }

    /** A number (integer or decimal). */
    Optional<Double> number(YNode node, String path) {
        if (node instanceof YScalar s && (s.kind() == Kind.INT || s.kind() == Kind.FLOAT)) {
            try {
                return Optional.of(Double.parseDouble(s.value().replace("_", "")));
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        error(node, path, "expected a number, found " + found(node));
        return Optional.empty();
    }

    Optional<Boolean> bool(YNode node, String path) {
        if (node instanceof YScalar s && s.kind() == Kind.BOOL) {
            return Optional.of(switch (s.value().toLowerCase(java.util.Locale.ROOT)) {
                case "true", "yes", "on", "y" -> true;
                default -> false;
            });
        }
        error(node, path, "expected true or false, found " + found(node));
        return Optional.empty();
    }

    Optional<Duration> duration(YNode node, String path) {
        if (node instanceof YScalar s && (s.kind() == Kind.STRING || s.value().equals("0"))) {
            try {
                return Optional.of(Durations.parse(s.value()));
            } catch (IllegalArgumentException e) {
                error(node, path, e.getMessage());
                return Optional.empty();
            }
        }
        error(node, path, Durations.EXPECTED + ", found " + found(node));
        return Optional.empty();
    }

    Optional<Duration> positiveDuration(YNode node, String path) {
        return duration(node, path).filter(d -> {
            if (!d.isZero()) return true;
            error(node, path, "expected a positive duration, found " + found(node));
            return false;
        });
    }

    /** A size in bytes ({@link ByteSizes}): an integer, or a string like {@code 10MB}; at least {@code min}, at most {@code max}. */
    Optional<Long> byteSize(YNode node, String path, long min, long max) {
        if (node instanceof YScalar s && (s.kind() == Kind.INT || s.kind() == Kind.STRING)) {
            long v;
            try {
                v = ByteSizes.parse(s.value());
            } catch (IllegalArgumentException e) {
                error(node, path, e.getMessage());
                return Optional.empty();
            }
            if (v < min || v > max) {
                error(node, path, "expected a size from " + min + " to " + max + " bytes, found " + found(node)
                        + " (" + v + " bytes)");
                return Optional.empty();
            }
            return Optional.of(v);
        }
        error(node, path, ByteSizes.EXPECTED + ", found " + found(node));
        return Optional.empty();
    }

    /** A list, or a single item read as a one-item list. */
    List<YNode> listOrOne(YNode node) {
        return node instanceof YList l ? l.items() : List.of(node);
    }
}
