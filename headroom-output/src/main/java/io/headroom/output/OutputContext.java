package io.headroom.output;

import io.headroom.core.threshold.ThresholdSpec;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * What every live output may need of its run, given when it is opened. Immutable.
 *
 * @param testId     the run's {@code testid} label (k6's): the {@code --tag testid=...} value, else one made per run
 * @param thresholds the plan's thresholds (remote-write exports their limits as {@code headroom_threshold_limit})
 * @param redact     hides secrets in threshold texts, as every other output does
 * @param metadata   the run's metadata (plan, host, version; OTLP's resource attributes)
 * @param warnings   where an output reports a problem while the run goes (thread-safe; shown through the progress
 *                   printer, each problem once)
 */
public record OutputContext(String testId, List<ThresholdSpec> thresholds, UnaryOperator<String> redact,
                            Map<String, String> metadata, Consumer<String> warnings) {
    public OutputContext {
        Objects.requireNonNull(testId, "testId");
        thresholds = List.copyOf(thresholds);
        Objects.requireNonNull(redact, "redact");
        metadata = Map.copyOf(metadata);
        Objects.requireNonNull(warnings, "warnings");
    }
}
