package io.headroom.http;

import java.util.Locale;

/**
 * Which HTTP version a request may use, as a plan names it ({@code httpVersion: "1.1" | "2" | "auto"}):
 * {@link #AUTO} takes HTTP/2 when an {@code https://} server offers it by ALPN and HTTP/1.1 otherwise (as browsers
 * and k6 do; a plain {@code http://} URL stays HTTP/1.1); {@link #HTTP_2} insists on HTTP/2 (h2 by ALPN on
 * {@code https://}, h2c with prior knowledge on {@code http://}) and fails a request the server cannot answer in
 * it; {@link #HTTP_1_1} never offers HTTP/2.
 */
public enum HttpVersion {
    HTTP_1_1("1.1"),
    HTTP_2("2"),
    AUTO("auto");

    private final String text;

    HttpVersion(String text) {
        this.text = text;
    }

    /** The plan's spelling: "1.1", "2" or "auto". */
    public String text() {
        return text;
    }

    /** The version for a plan's text ("1.1", "2", "2.0", "auto", any case), or null for anything else. */
    public static HttpVersion of(String text) {
        if (text == null) return null;
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "1.1", "http/1.1" -> HTTP_1_1;
            case "2", "2.0", "h2", "http/2", "http/2.0" -> HTTP_2;
            case "auto" -> AUTO;
            default -> null;
        };
    }
}
