package io.headroom.core.result;

/** Why a run ended. */
public enum RunOutcome {
    /** Every scenario finished as planned. */
    COMPLETED,
    /** A threshold with abortOnFail was crossed. */
    ABORTED_BY_THRESHOLD,
    /** The user stopped it (Ctrl-C, SIGTERM, or {@code Engine.stop}). */
    INTERRUPTED,
    /** The run's safety bound (max duration) was reached. */
    MAX_DURATION_REACHED,
    /**
     * Stopped early because every request failed with the same transport error and no server answered (a closed
     * port, an invalid URL): the run could only spin. The reason is in the metadata under
     * {@code headroom.stoppedEarly}.
     */
    ABORTED_ON_REPEATED_ERROR,
    /**
     * A distributed run lost one of its agents (its process ended, its connection went, or its heartbeats stopped):
     * the coordinator stopped the others and kept what was measured until then. Which agent and when is in the
     * metadata under {@code headroom.agentLost}.
     */
    AGENT_LOST
}
