package io.headroom.core.metric;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable, sorted set of {@code key:value} tags identifying one series of a metric. Equal tag sets
 * are equal objects, so a {@code Tags} can key a map of series. Thread-safe.
 */
public final class Tags {
    private static final Tags EMPTY = new Tags(new TreeMap<>());

    private final SortedMap<String, String> entries;
    private final int hash;

    private Tags(TreeMap<String, String> entries) {
        this.entries = Collections.unmodifiableSortedMap(entries);
        this.hash = entries.hashCode();
    }

    public static Tags empty() {
        return EMPTY;
    }

    /** Tags from alternating keys and values: {@code Tags.of("name", "/login", "method", "POST")}. */
    public static Tags of(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) throw new IllegalArgumentException("keys and values must pair up");
        TreeMap<String, String> map = new TreeMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(Objects.requireNonNull(keysAndValues[i]), Objects.requireNonNull(keysAndValues[i + 1]));
        }
        return map.isEmpty() ? EMPTY : new Tags(map);
    }

    public static Tags of(Map<String, String> map) {
        return map.isEmpty() ? EMPTY : new Tags(new TreeMap<>(map));
    }

    /** A copy with {@code key} set to {@code value}. */
    public Tags with(String key, String value) {
        if (value.equals(entries.get(key))) return this;
        TreeMap<String, String> map = new TreeMap<>(entries);
        map.put(key, value);
        return new Tags(map);
    }

    /** A copy with every entry of {@code other} set (other wins on equal keys). */
    public Tags with(Tags other) {
        if (other.entries.isEmpty()) return this;
        if (entries.isEmpty()) return other;
        TreeMap<String, String> map = new TreeMap<>(entries);
        map.putAll(other.entries);
        return new Tags(map);
    }

    /** The value for {@code key}, or null. */
    public String get(String key) {
        return entries.get(key);
    }

    /** True when every entry of {@code selector} is present here with the same value. */
    public boolean matches(Tags selector) {
        for (Map.Entry<String, String> e : selector.entries.entrySet()) {
            if (!e.getValue().equals(entries.get(e.getKey()))) return false;
        }
        return true;
    }

    public Map<String, String> asMap() {
        return entries;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tags t && t.hash == hash && t.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** k6 notation: {@code {method:POST,name:/login}}; empty tags print as {@code {}}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        entries.forEach((k, v) -> {
            if (sb.length() > 1) sb.append(',');
            sb.append(k).append(':').append(v);
        });
        return sb.append('}').toString();
    }
}
