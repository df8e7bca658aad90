package io.headroom.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a summary against {@code docs/summary.schema.json} (bundled as a resource, the documented file itself)
 * with the networknt validator, before the reader builds anything from it: a wrong type, a null, a negative count
 * or a missing field is answered with the JSON path at fault ({@code series[3].stats.passes: expected a whole
 * number}) instead of a failure deep in a report. The schema is compiled once; thread-safe.
 */
final class SummarySchemaCheck {
    private static final Schema SCHEMA = load();

    private SummarySchemaCheck() {}

    private static Schema load() {
        try (InputStream in = SummarySchemaCheck.class.getResourceAsStream("summary.schema.json")) {
            if (in == null) throw new IllegalStateException("summary.schema.json is missing from the classpath");
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Throws naming the first field at fault; returns when {@code root} follows the schema. */
    static void check(JsonNode root, String source) throws SummaryFormatException {
        List<Error> errors = SCHEMA.validate(root);
        if (errors.isEmpty()) return;
        // The first place at fault; the alternatives of a oneOf (a number or null, ...) are all errors at that place.
        Error first = errors.stream().filter(e -> !isCombinator(e)).findFirst().orElse(errors.get(0));
        String path = path(first);
        List<Error> here = new ArrayList<>();
        for (Error e : errors) if (!isCombinator(e) && path(e).equals(path)) here.add(e);
        if (here.isEmpty()) here.add(first);
        throw new SummaryFormatException(source, path + ": " + problem(here));
    }

    private static boolean isCombinator(Error e) {
        String k = e.getKeyword();
        return "oneOf".equals(k) || "anyOf".equals(k) || "allOf".equals(k) || "if".equals(k) || "then".equals(k)
                || "else".equals(k) || "$ref".equals(k);
    }

    /** The reader's spelling of the place: {@code series[3].stats.count}; a missing field is named itself. */
    private static String path(Error e) {
        StringBuilder sb = new StringBuilder();
        NodePath location = e.getInstanceLocation();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Number n) sb.append('[').append(n).append(']');
            else sb.append(sb.isEmpty() ? "" : ".").append(element);
        }
        if ("required".equals(e.getKeyword()) && e.getProperty() != null) {
            sb.append(sb.isEmpty() ? "" : ".").append(e.getProperty());
        }
        return sb.isEmpty() ? "(the top level)" : sb.toString();
    }

    private static String problem(List<Error> here) {
        Error first = here.get(0);
        if ("required".equals(first.getKeyword())) return "missing";
        Set<String> expected = new LinkedHashSet<>();
        boolean allTypeOrEnum = true;
        for (Error e : here) {
            switch (e.getKeyword()) {
                case "type" -> {
                    JsonNode type = e.getSchemaNode();
                    if (type != null && type.isArray()) type.forEach(t -> expected.add(typeName(t.asText())));
                    else if (type != null) expected.add(typeName(type.asText()));
                }
                case "enum" -> expected.add("one of " + values(e.getSchemaNode()));
                case "const" -> expected.add(e.getSchemaNode() == null ? "a fixed value" : e.getSchemaNode().toString());
                default -> allTypeOrEnum = false;
            }
        }
        JsonNode found = first.getInstanceNode();
        if (allTypeOrEnum && !expected.isEmpty()) {
            String text = "expected " + String.join(" or ", expected);
            // A type mismatch reads like the reader's own messages; a wrong value says what it was.
            return onlyTypes(here) && found != null && !found.isNull() ? text : text + ", found " + shown(found);
        }
        if ("minimum".equals(first.getKeyword()) && first.getSchemaNode() != null) {
            return "expected at least " + first.getSchemaNode().asText() + ", found " + shown(found);
        }
        return first.getMessage() + (found == null ? "" : ", found " + shown(found));
    }

    private static boolean onlyTypes(List<Error> here) {
        return here.stream().allMatch(e -> "type".equals(e.getKeyword()));
    }

    private static String typeName(String type) {
        return switch (type) {
            case "integer" -> "a whole number";
            case "number" -> "a number";
            case "string" -> "a string";
            case "boolean" -> "true or false";
            case "object" -> "an object";
            case "array" -> "an array";
            case "null" -> "null";
            default -> type;
        };
    }

    private static String values(JsonNode array) {
        if (array == null || !array.isArray()) return "the listed values";
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.isTextual() ? v.textValue() : v.toString()));
        return values.toString();
    }

    private static String shown(JsonNode node) {
        if (node == null) return "nothing";
        String text = node.toString();
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }
}
