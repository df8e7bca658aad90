package io.headroom.core.engine;

import io.headroom.core.metric.IntervalPoint;

import java.util.List;

/** Receives live progress once per second while a run is going; called from one engine thread. */
public interface RunListener {
    RunListener NONE = new RunListener() {};

    /** Progress of every scenario, about once a second. */
    default void onProgress(List<ScenarioProgress> scenarios) {}

    /** The statistics of the second that just ended. */
    default void onInterval(IntervalPoint point) {}

    /**
     * The run is stopping early: a threshold with abortOnFail was crossed, or every request failed the same way
     * and nothing answered ({@code reason} says which, and the fix).
     */
    default void onAbort(String reason) {}

    /** Something the user should fix, that does not stop the run (a metric reached its series cap); sent once each. */
    default void onWarning(String message) {}
}
