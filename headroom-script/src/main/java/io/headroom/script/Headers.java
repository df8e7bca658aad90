package io.headroom.script;

import io.headroom.http.HttpHeader;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An immutable list of request headers: {@code Headers.of("Accept", "application/json")},
 * {@code Headers.bearer(token)}. Names compare case-insensitively; {@link #with} replaces a header of the
 * same name. Thread-safe.
 */
public final class Headers {
    private static final Headers NONE = new Headers(List.of());

    private final List<HttpHeader> list;

    private Headers(List<HttpHeader> list) {
        this.list = list;
    }

    public static Headers none() {
        return NONE;
    }

    /** Headers from alternating names and values. */
    public static Headers of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) throw new IllegalArgumentException("header names and values must pair up");
        Headers h = NONE;
        for (int i = 0; i < namesAndValues.length; i += 2) h = h.with(namesAndValues[i], namesAndValues[i + 1]);
        return h;
    }

    /** {@code Authorization: Bearer <token>}; a null token gives {@code Bearer } so the request still goes out. */
    public static Headers bearer(String token) {
        return of("Authorization", "Bearer " + (token == null ? "" : token));
    }

    public static Headers of(List<HttpHeader> headers) {
        Headers h = NONE;
        for (HttpHeader header : headers) h = h.with(header.name(), header.value());
        return h;
    }

    /** A copy with {@code name} set to {@code value}, replacing any header of that name. */
    public Headers with(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        List<HttpHeader> copy = new ArrayList<>(list.size() + 1);
        for (HttpHeader h : list) {
            if (!h.is(name)) copy.add(h);
        }
        copy.add(new HttpHeader(name, value));
        return new Headers(List.copyOf(copy));
    }

    /** A copy with every header of {@code other} set (other wins on equal names). */
    public Headers with(Headers other) {
        if (other.list.isEmpty()) return this;
        if (list.isEmpty()) return other;
        Headers h = this;
        for (HttpHeader header : other.list) h = h.with(header.name(), header.value());
        return h;
    }

    /** The value of the header with this name (case-insensitive), or null. */
    public String get(String name) {
        for (HttpHeader h : list) {
            if (h.is(name)) return h.value();
        }
        return null;
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public List<HttpHeader> asList() {
        return list;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Headers h && h.list.equals(list);
    }

    @Override
    public int hashCode() {
        return list.hashCode();
    }

    @Override
    public String toString() {
        return list.toString();
    }
}
