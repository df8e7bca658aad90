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

    /** A scenario as it was configured, and its VU and iteration totals. */
    public record ScenarioInfo(String name, String executor, boolean openModel, int maxVus, long iterations,
                               long droppedIterations) {}
}
