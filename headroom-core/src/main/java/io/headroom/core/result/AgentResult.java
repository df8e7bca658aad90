package io.headroom.core.result;

import java.util.Objects;

/**
 * One generator of a distributed run, as the coordinator saw it: its index (0-based, the order of its segment),
 * the host it ran on (a pod name on Kubernetes), its execution segment in k6 notation ({@code 1/3:2/3}), how it
 * ended, how far from the barrier instant its run clock started ({@code startOffsetMillis}, on the coordinator's
 * clock after the agent's offset correction; NaN when it never started or did not say) and its own generator
 * health ({@link GeneratorHealth#NOT_MEASURED} when it was lost before it could report). Immutable.
 */
public record AgentResult(int index, String host, String segment, State state, double startOffsetMillis,
                          GeneratorHealth health) {
    /** How an agent ended. */
    public enum State {
        /** It ran its segment to the end (or to the run's common stop) and reported. */
        COMPLETED,
        /** It was stopped early by the coordinator (a threshold, Ctrl-C, another agent lost) and reported. */
        STOPPED,
        /** Its process, connection or heartbeats went away; what it streamed until then is in the result. */
        LOST
    }

    public AgentResult {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(state, "state");
        health = health == null ? GeneratorHealth.NOT_MEASURED : health;
    }
}
