package io.headroom.core.result;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** When and what ran: wall-clock start, measured duration, scenarios, and free-form metadata. */
public record RunInfo(String name, Instant startedAt, Duration duration, List<ScenarioInfo> scenarios,
                      Map<String, String> metadata) {
    public RunInfo {
        scenarios = List.copyOf(scenarios);
        metadata = Map.copyOf(metadata);
    }

    /**
     * A scenario as it was configured, and its VU and iteration totals. {@code options}: its executor options as the
     * plan wrote them, defaults filled in ({@link io.headroom.core.plan.ScenarioOptions}), in that order; empty when
     * not known (summaries written before they were kept). Immutable.
     */
    public record ScenarioInfo(String name, String executor, boolean openModel, int maxVus, long iterations,
                               long droppedIterations, Map<String, String> options) {
        public ScenarioInfo {
            options = options == null || options.isEmpty() ? Map.of()
                    : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
        }

        /** A scenario without its options. */
        public ScenarioInfo(String name, String executor, boolean openModel, int maxVus, long iterations, long droppedIterations) {
            this(name, executor, openModel, maxVus, iterations, droppedIterations, Map.of());
        }
    }
}
