package io.headroom.core.engine;

/**
 * What one virtual user does: {@link #iteration} is called once per iteration on the VU's own virtual
 * thread and may block. An exception thrown from an iteration is counted (as an interrupted iteration)
 * and never stops the VU or the run.
 */
public interface VuBehaviour {
    void iteration(VuContext vu) throws Exception;

    /** Called once when the VU is retired, on its thread; release connections here. */
    default void close() {}
}
