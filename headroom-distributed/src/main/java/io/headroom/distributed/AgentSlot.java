package io.headroom.distributed;

import io.headroom.core.plan.ExecutionSegment;

import java.util.List;

/**
 * The coordinator's view of one agent index: who holds it, how far it got, its last progress and heartbeat, and
 * the command waiting for it. Guarded by the {@link Coordinator}'s lock.
 */
final class AgentSlot {
    enum State { EXPECTED, REGISTERED, READY, DONE, LOST }

    final int index;
    final ExecutionSegment segment;
    State state = State.EXPECTED;
    String agentId;
    String host = "";
    long pid;
    long offsetNanos;
    long rttNanos;
    long lastHeardNanos;
    long lastSeq = -1;
    List<Messages.Progress> progress = List.of();
    Messages.Done done;
    String lostReason;
    long lostAtOffsetMillis = -1;
    /** The process ended (a local agent): the coordinator decides it is lost unless it already reported. */
    String processEnded;

    AgentSlot(int index, ExecutionSegment segment) {
        this.index = index;
        this.segment = segment;
    }

    boolean live() {
        return state != State.DONE && state != State.LOST;
    }

    /** How the agent is named in messages: {@code agent 1 (host, pid 4242)}. */
    String name() {
        if (agentId == null) return "agent " + index;
        return "agent " + index + " (" + host + ", pid " + pid + ")";
    }
}
