package io.headroom.core.engine;

import io.headroom.core.metric.Exemplar;
import io.headroom.core.metric.IntervalPoint;
import io.headroom.core.metric.IntervalSnapshot;

import java.util.List;

/** Receives live progress once per second while a run is going; called from one engine thread. */
public interface RunListener {
    RunListener NONE = new RunListener() {};

    /** Progress of every scenario, about once a second. */
    default void onProgress(List<ScenarioProgress> scenarios) {}

    /** The statistics of the second that just ended. */
    default void onInterval(IntervalPoint point) {}

    /**
     * True when this listener wants {@link #onIntervalSnapshot}: the engine then encodes each second's raw series
     * (trend histograms included) once a second, off the hot path. Asked once, before the run starts.
     */
    default boolean wantsIntervalSnapshots() {
        return false;
    }

    /**
     * The raw, mergeable samples of the second that just ended (every series as recorded, no run-wide aggregate
     * beside them), right after {@link #onInterval}; only called when {@link #wantsIntervalSnapshots()}.
     */
    default void onIntervalSnapshot(IntervalSnapshot snapshot) {}

    /**
     * The slowest requests so far with their trace ids ({@link Exemplar#PER_ENDPOINT} per endpoint at most, as the
     * summary's exemplars), once a second right before {@link #onIntervalSnapshot}; only called when {@link #wantsIntervalSnapshots()}
     * and some request carried trace context ({@code http.traceContext}). Never null nor empty; immutable.
     */
    default void onExemplars(List<Exemplar> slowest) {}

    /**
     * The run is stopping early: a threshold with abortOnFail was crossed, or every request failed the same way
     * and nothing answered ({@code reason} says which, and the fix).
     */
    default void onAbort(String reason) {}

    /** Something the user should fix, that does not stop the run (a metric reached its series cap); sent once each. */
    default void onWarning(String message) {}
}
