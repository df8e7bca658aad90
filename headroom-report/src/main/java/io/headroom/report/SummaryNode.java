package io.headroom.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.headroom.report.SummarySchema.lower;

/** A JSON node with its path, so every error names the place: {@code series[3].stats.count}. */
record SummaryNode(JsonNode node, String path, String source) {

    SummaryNode field(String name) throws SummaryFormatException {
        JsonNode child = node.get(name);
        if (child == null) throw error(child(name), "missing");
        return new SummaryNode(child, child(name), source);
    }

    boolean isNull() {
        return node.isNull();
    }

    SummaryNode object(String name) throws SummaryFormatException {
        SummaryNode f = field(name);
        if (!f.node.isObject()) throw f.error("expected an object");
        return f;
    }

    List<SummaryNode> array(String name) throws SummaryFormatException {
        SummaryNode f = field(name);
        if (!f.node.isArray()) throw f.error("expected an array");
        List<SummaryNode> items = new ArrayList<>(f.node.size());
        for (int i = 0; i < f.node.size(); i++) items.add(new SummaryNode(f.node.get(i), f.path + "[" + i + "]", source));
        return items;
    }

    String text(String name) throws SummaryFormatException {
        return field(name).text();
    }

    String text() throws SummaryFormatException {
        if (node.isNull()) return null;
        if (!node.isTextual()) throw error("expected a string");
        return node.textValue();
    }

    boolean bool(String name) throws SummaryFormatException {
        SummaryNode f = field(name);
        if (!f.node.isBoolean()) throw f.error("expected true or false");
        return f.node.booleanValue();
    }

    /** The boolean {@code name}, or {@code absent} when the field is missing (added within the schema's version). */
    boolean bool(String name, boolean absent) throws SummaryFormatException {
        return node.has(name) ? bool(name) : absent;
    }

    long whole(String name) throws SummaryFormatException {
        return field(name).whole();
    }

    long whole() throws SummaryFormatException {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) throw error("expected a whole number");
        return node.longValue();
    }

    int wholeInt(String name) throws SummaryFormatException {
        SummaryNode f = field(name);
        long value = f.whole();
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) throw f.error("number out of range");
        return (int) value;
    }

    double number(String name) throws SummaryFormatException {
        return field(name).number();
    }

    double number() throws SummaryFormatException {
        if (node.isNumber()) return node.doubleValue();
        if (node.isTextual()) {
            switch (node.textValue()) {
                case "NaN": return Double.NaN;
                case "Infinity": return Double.POSITIVE_INFINITY;
                case "-Infinity": return Double.NEGATIVE_INFINITY;
                default: break;
            }
        }
        throw error("expected a number");
    }

    Map<String, String> strings(String name) throws SummaryFormatException {
        return strings(name, new TreeMap<>());
    }

    /** As {@link #strings(String)}, in the file's order. */
    Map<String, String> orderedStrings(String name) throws SummaryFormatException {
        return strings(name, new java.util.LinkedHashMap<>());
    }

    private Map<String, String> strings(String name, Map<String, String> map) throws SummaryFormatException {
        SummaryNode f = object(name);
        for (Map.Entry<String, JsonNode> e : f.node.properties()) {
            if (!e.getValue().isTextual()) throw new SummaryNode(e.getValue(), f.child(e.getKey()), source).error("expected a string");
            map.put(e.getKey(), e.getValue().textValue());
        }
        return map;
    }

    <E extends Enum<E>> E enumValue(String name, Class<E> type) throws SummaryFormatException {
        SummaryNode f = field(name);
        String text = f.text();
        if (text != null) {
            for (E constant : type.getEnumConstants()) {
                if (lower(constant).equals(text)) return constant;
            }
        }
        List<String> allowed = Arrays.stream(type.getEnumConstants()).map(SummarySchema::lower).toList();
        throw f.error("expected one of " + allowed + ", found " + f.node);
    }

    private String child(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    SummaryFormatException error(String problem) {
        return new SummaryFormatException(source, (path.isEmpty() ? "" : path + ": ") + problem);
    }

    private SummaryFormatException error(String childPath, String problem) {
        return new SummaryFormatException(source, childPath + ": " + problem);
    }
}
