package io.headroom.script;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JSON request body: {@code Json.of("user", name, "password", pw)} builds an object, {@link #from}
 * serialises any value with Jackson, {@link #raw} sends text as it is. Serialised once, when built.
 * Immutable and thread-safe.
 */
public final class Json implements Body {
    /** Shared, thread-safe once configured; used for bodies and for reading responses. */
    static final ObjectMapper MAPPER = new ObjectMapper();

    private final byte[] bytes;

    private Json(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A JSON object from alternating keys and values; values may be strings, numbers, booleans, maps, lists or null. */
    public static Json of(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) throw new IllegalArgumentException("JSON keys and values must pair up");
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) map.put(String.valueOf(keysAndValues[i]), keysAndValues[i + 1]);
        return from(map);
    }

    /** Any value serialised by Jackson (maps, lists, records, beans). */
    public static Json from(Object value) {
        try {
            return new Json(MAPPER.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Text sent as it is, with {@code Content-Type: application/json}; not checked for validity. */
    public static Json raw(String json) {
        return new Json(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Already-encoded UTF-8 JSON, not copied: the caller gives up the array. */
    static Json ofEncoded(byte[] utf8) {
        return new Json(utf8);
    }

    @Override
    public byte[] bytes() {
        return bytes;
    }

    @Override
    public String contentType() {
        return "application/json";
    }

    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
