package io.headroom.demo;

import java.util.LinkedHashMap;
import java.util.Map;

/** One answer the shop is about to send: status, JSON body (never null), extra headers. Immutable. */
record Response(int status, String json, Map<String, String> headers) {
    Response {
        headers = Map.copyOf(headers);
    }

    static Response json(int status, String json) {
        return new Response(status, json, Map.of());
    }

    static Response json(int status, JsonWriter json) {
        return json(status, json.toString());
    }

    /** An error body {@code {"error": code, "message": message}}; code is a stable snake_case word. */
    static Response error(int status, String code, String message) {
        return json(status, new JsonWriter().beginObject().field("error", code).field("message", message).endObject());
    }

    Response withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Response(status, json, more);
    }
}
