package io.headroom.script;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;

/**
 * JSON path support on top of Jayway JsonPath with the Jackson provider: documents parse to plain maps,
 * lists, strings, numbers and booleans. Missing paths read as null instead of throwing (an exception per
 * miss would cost a stack trace on the hot path). Thread-safe.
 */
public final class JsonPaths {
    static final Configuration CONFIGURATION = Configuration.builder()
            .jsonProvider(new JacksonJsonProvider(Json.MAPPER))
            .mappingProvider(new JacksonMappingProvider(Json.MAPPER))
            .options(Option.SUPPRESS_EXCEPTIONS)
            .build();

    private JsonPaths() {}

    /**
     * Compiles a path such as {@code $.token} or {@code $.items[0].id}.
     *
     * @throws IllegalArgumentException with the library's reason when the path is malformed
     */
    public static JsonPath compile(String path) {
        try {
            return JsonPath.compile(path);
        } catch (InvalidPathException | IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid JSON path \"" + path + "\": " + e.getMessage(), e);
        }
    }

    /** Parses UTF-8 JSON into maps and lists; returns {@link #NOT_JSON} when the text is not JSON. */
    public static Object parse(String text) {
        try {
            return CONFIGURATION.jsonProvider().parse(text);
        } catch (RuntimeException e) {
            return NOT_JSON;
        }
    }

    /** Reads a compiled path from a parsed document; null when absent or the document is not JSON. */
    public static Object read(Object document, JsonPath path) {
        if (document == NOT_JSON || document == null) return null;
        try {
            return path.read(document, CONFIGURATION);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Renders a value as text: strings as they are, numbers and booleans as written, maps and lists as JSON; null stays null. */
    public static String asText(Object value) {
        if (value == null || value instanceof String) return (String) value;
        if (value instanceof Number || value instanceof Boolean) return value.toString();
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    static final Object NOT_JSON = new Object();
}
