package io.headroom.http;

/** One header line; names compare case-insensitively (RFC 9110 §5.1). */
public record HttpHeader(String name, String value) {
    public boolean is(String otherName) {
        return name.equalsIgnoreCase(otherName);
    }
}
