package io.headroom.script.plan;

import io.headroom.script.plan.YamlTree.YEntry;
import io.headroom.script.plan.YamlTree.YMap;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys one section of a plan allows, each with the reader of its value (the way Hyperfoil's parsers
 * register theirs): the "unknown key" message and its "did you mean" suggestion come from this table, and
 * so does the list the JSON schema is checked against. Immutable and thread-safe.
 *
 * @param <S> what the section's readers write into (one per read)
 */
final class KeyTable<S> {
    /** Reads one key's value into the section; reports problems, never throws for bad input. */
    @FunctionalInterface
    interface KeyReader<S> {
        void read(YEntry entry, String path, S section);
    }

    private static final KeyReader<Object> READ_ELSEWHERE = (entry, path, section) -> { };

    private final Map<String, KeyReader<S>> readers;

    private KeyTable(Map<String, KeyReader<S>> readers) {
        this.readers = Collections.unmodifiableMap(new LinkedHashMap<>(readers));
    }

    static <S> Builder<S> builder() {
        return new Builder<>();
    }

    /** A table of keys whose values the section reads itself (their order and relations matter). */
    @SuppressWarnings("unchecked")
    static <S> KeyTable<S> of(String... keys) {
        Builder<S> b = builder();
        for (String k : keys) b.key(k, (KeyReader<S>) READ_ELSEWHERE);
        return b.build();
    }

    /** The keys in the order the messages list them. */
    List<String> keys() {
        return List.copyOf(readers.keySet());
    }

    boolean knows(String key) {
        return readers.containsKey(key);
    }

    /** Reports every key of {@code map} this table does not know, suggesting the closest one. */
    void reportUnknown(NodeReader r, YMap map, String path) {
        r.onlyKeys(map, path, keys());
    }

    /** Reports unknown keys, then hands each known key's value to its reader, in file order. */
    void read(NodeReader r, YMap map, String path, S section) {
        reportUnknown(r, map, path);
        for (YEntry e : map.entries()) {
            KeyReader<S> reader = readers.get(e.key());
            if (reader != null) reader.read(e, NodeReader.child(path, e.key()), section);
        }
    }

    static final class Builder<S> {
        private final Map<String, KeyReader<S>> readers = new LinkedHashMap<>();

        Builder<S> key(String key, KeyReader<S> reader) {
            if (readers.putIfAbsent(key, reader) != null) throw new IllegalStateException("key '" + key + "' registered twice");
            return this;
        }

        KeyTable<S> build() {
            return new KeyTable<>(readers);
        }
    }
}
