package io.headroom.script;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An {@code application/x-www-form-urlencoded} body: {@code Form.of("user", name, "password", pw)}.
 * Encoded once, when built. Immutable and thread-safe.
 */
public final class Form implements Body {
    private final byte[] bytes;

    private Form(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A form from alternating names and values; a null value is sent as an empty string. */
    public static Form of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) throw new IllegalArgumentException("form names and values must pair up");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) append(sb, namesAndValues[i], namesAndValues[i + 1]);
        return new Form(sb.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** A form from a map, in the map's iteration order. */
    public static Form of(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder();
        fields.forEach((k, v) -> append(sb, k, v));
        return new Form(sb.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static void append(StringBuilder sb, String name, String value) {
        if (!sb.isEmpty()) sb.append('&');
        sb.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8));
    }

    @Override
    public byte[] bytes() {
        return bytes;
    }

    @Override
    public String contentType() {
        return "application/x-www-form-urlencoded";
    }

    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
