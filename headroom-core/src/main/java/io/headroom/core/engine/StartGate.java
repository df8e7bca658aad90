package io.headroom.core.engine;

/**
 * What a run waits for between its init phase and the start of its clock ({@link Engine#startGate}): a
 * distributed agent's start barrier. Called once, on the engine's thread.
 */
@FunctionalInterface
public interface StartGate {
    /** The gate of a single-process run: start at once. */
    StartGate OPEN = () -> true;

    /**
     * Blocks until the run may start; true to start, false when the run must not start (it then ends at once with
     * outcome {@code INTERRUPTED}, every VU stopped, and returns its empty result).
     *
     * @throws InterruptedException when the engine's thread is interrupted while waiting (treated as false)
     */
    boolean awaitStart() throws InterruptedException;
}
