package io.headroom.script.plan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry of flow step kinds: each {@link StepReader} names its kinds, and every kind's name, the
 * "unknown step" suggestion and the JSON schema check come from here. Adding a step kind (WebSocket, gRPC)
 * is one reader class added to {@link #READERS}. Immutable and thread-safe.
 */
final class StepKinds {
    /** Every step reader, in the order messages list their kinds. */
    static final List<StepReader> READERS = List.of(new RequestStepReader(), new GroupStepReader(),
            new ThinkStepReader(), new MetricStepReader(), new BatchStepReader(),
            new WebsocketStepReader(), new GrpcStepReader());
    private static final Map<String, StepReader> BY_KIND = byKind();
    /** Every step kind's name: get, post, ..., request, group, think, metric, batch. */
    static final List<String> NAMES = List.copyOf(BY_KIND.keySet());

    private StepKinds() {}

    private static Map<String, StepReader> byKind() {
        Map<String, StepReader> m = new LinkedHashMap<>();
        for (StepReader reader : READERS) {
            for (String kind : reader.kinds()) {
                if (m.putIfAbsent(kind, reader) != null) throw new IllegalStateException("step kind '" + kind + "' registered twice");
            }
        }
        return Collections.unmodifiableMap(m);
    }

    static boolean isKind(String key) {
        return BY_KIND.containsKey(key);
    }

    /** The reader of a registered kind. */
    static StepReader reader(String kind) {
        StepReader reader = BY_KIND.get(kind);
        if (reader == null) throw new IllegalArgumentException("not a step kind: " + kind);
        return reader;
    }
}
