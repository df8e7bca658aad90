package io.headroom.core.metric;

/**
 * Where virtual users record samples. Each call resolves (and on first use creates) one tagged series;
 * callers on the hot path resolve their series once and keep the handle. Metric names follow k6's
 * rules ({@code [a-zA-Z_][a-zA-Z0-9_]*}); built-in metrics have fixed kinds and value types, and asking
 * for a name with a different kind than it was first created with throws {@link IllegalArgumentException}.
 * Thread-safe.
 */
public interface Metrics {
    CounterSeries counter(String name, ValueType valueType, Tags tags);

    RateSeries rate(String name, Tags tags);

    TrendSeries trend(String name, ValueType valueType, Tags tags);

    GaugeSeries gauge(String name, ValueType valueType, Tags tags);

    /**
     * Notes one occurrence of {@code errorCode} (a failed request's {@code error_code} tag, or
     * {@link io.headroom.core.metric.ErrorSample#ITERATION_PREFIX} plus an iteration error's type) with its
     * message; implementations keep the first message and a count per code, bounded. Callers pass a code
     * string they hold already, so that repeated failures allocate nothing. Ignored by default.
     */
    default void errorSample(String errorCode, String message) {}

    /**
     * The handle that keeps the slowest requests of one endpoint with their trace ids ({@code endpoint}: its
     * {@code name} and {@code method} tags), created on first use; callers resolve it once per series, like a
     * series handle. Implementations bound the number of endpoints; past it, and by default, the handle keeps
     * nothing ({@link SlowestRequests#DISCARDING}).
     */
    default SlowestRequests slowestRequests(Tags endpoint) {
        return SlowestRequests.DISCARDING;
    }
}
