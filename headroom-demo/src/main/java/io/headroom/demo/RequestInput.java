package io.headroom.demo;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Reading a request's parts: its body (bounded), its query parameters and integer parameters. Stateless. */
final class RequestInput {
    static final int MAX_BODY_BYTES = 64 * 1024;

    private RequestInput() {}

    static String readBody(HttpExchange exchange) throws IOException, BodyTooLargeException {
        byte[] bytes = exchange.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) throw new BodyTooLargeException();
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The query parameters (first value wins); a malformed escape makes the value unreadable, hence absent. */
    static Map<String, String> query(HttpExchange exchange) {
        String raw = exchange.getRequestURI().getRawQuery();
        Map<String, String> params = new HashMap<>();
        if (raw == null || raw.isEmpty()) return params;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                params.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException badEscape) {
                // skipped: a parameter we cannot decode is treated as not sent
            }
        }
        return params;
    }

    /** The integer parameter, {@code fallback} when absent, null when present but not an integer. */
    static Integer intParam(Map<String, String> query, String name, int fallback) {
        String value = query.get(name);
        if (value == null) return fallback;
        try {
            return Integer.parseInt(value.trim().toLowerCase(Locale.ROOT));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The request body exceeds {@link #MAX_BODY_BYTES}. */
    static final class BodyTooLargeException extends Exception {
        BodyTooLargeException() {
            super("request body larger than " + MAX_BODY_BYTES + " bytes", null, false, false);
        }

        Response response() {
            return Response.error(413, "payload_too_large", getMessage());
        }
    }
}
