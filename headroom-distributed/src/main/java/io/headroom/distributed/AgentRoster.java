package io.headroom.distributed;

import io.headroom.distributed.CoordinatorEndpoints.Answer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The coordinator's agent slots, one per index, and who may take them: registration's rules (the same protocol,
 * Headroom version and plan; a free or asked-for index; not after the start) and the message naming the agents
 * that did not come. Guarded by the {@link Coordinator}'s lock, like the slots themselves.
 */
final class AgentRoster {
    private final Messages.RunOptions options;
    private final String version;
    private final String planHash;
    private final Duration registrationTimeout;
    private final List<AgentSlot> slots = new ArrayList<>();

    AgentRoster(Coordinator.Config config) {
        this.options = config.options();
        this.version = config.version();
        this.planHash = config.planHash();
        this.registrationTimeout = config.registrationTimeout();
        for (int i = 0; i < config.agents(); i++) slots.add(new AgentSlot(i, Coordinator.segment(i, config.agents())));
    }

    /** The slots, by index; the list never changes, the slots do (under the coordinator's lock). */
    List<AgentSlot> slots() {
        return slots;
    }

    /**
     * Registers {@code r} in a free slot (or its index), or refuses it: another protocol, version or plan, a
     * taken index, one agent too many, or the run already {@code started}. The same process asking again gets the
     * same answer.
     */
    Answer register(Messages.Register r, boolean started) {
        String who = "the agent on " + r.host() + " (pid " + r.pid() + ")";
        if (r.protocol() != Protocol.VERSION) {
            return Answer.refused(409, who + " speaks protocol " + r.protocol() + " but this coordinator speaks " + Protocol.VERSION
                    + ": run the same Headroom version on every agent");
        }
        if (!version.equals(r.version())) {
            return Answer.refused(409, who + " runs headroom " + r.version() + " but the coordinator runs " + version
                    + ": run the same Headroom version on every agent");
        }
        if (!planHash.equals(r.planHash())) {
            return Answer.refused(409, who + " has a plan with hash " + r.planHash() + " but the coordinator's plan has hash "
                    + planHash + ": give every agent the same plan file");
        }
        for (AgentSlot s : slots) {
            // the same process asking again (its first answer was lost to a timeout): the same answer
            if (s.agentId != null && s.pid == r.pid() && s.host.equals(r.host()) && (r.index() == null || r.index() == s.index)) {
                s.lastHeardNanos = System.nanoTime();
                return Answer.ok(new Messages.Registered(s.agentId, s.index, slots.size(), s.segment.toString(), options));
            }
        }
        if (started) return Answer.refused(409, who + " came too late: the run has already started or ended");
        AgentSlot slot;
        if (r.index() != null) {
            if (r.index() < 0 || r.index() >= slots.size()) {
                return Answer.refused(409, who + " asked for index " + r.index() + " but the run has agents 0.." + (slots.size() - 1));
            }
            slot = slots.get(r.index());
            if (slot.agentId != null) return Answer.refused(409, who + " asked for index " + r.index() + ", which " + slot.name() + " holds");
        } else {
            slot = slots.stream().filter(s -> s.agentId == null).findFirst().orElse(null);
            if (slot == null) return Answer.refused(409, who + " is one too many: the run has all its " + slots.size() + " agents");
        }
        slot.agentId = "a" + slot.index + "-" + Long.toHexString(System.nanoTime());
        slot.host = r.host() == null ? "" : r.host();
        slot.pid = r.pid();
        slot.state = AgentSlot.State.REGISTERED;
        slot.lastHeardNanos = System.nanoTime();
        return Answer.ok(new Messages.Registered(slot.agentId, slot.index, slots.size(), slot.segment.toString(), options));
    }

    /** The slot {@code agentId} registered in; null for an id no agent got. */
    AgentSlot slot(String agentId) {
        for (AgentSlot s : slots) if (agentId != null && agentId.equals(s.agentId)) return s;
        return null;
    }

    /** Why the run did not start: which agents did not get to {@code word} (registered, ready) in time, and why. */
    String missingMessage(List<AgentSlot> missing, String word) {
        List<String> parts = new ArrayList<>();
        for (AgentSlot s : slots) {
            if (s.processEnded != null) parts.add(s.name() + ": " + (s.processEnded.startsWith("stopped") ? "it " : "its process ") + s.processEnded);
            else if (missing.contains(s)) parts.add(s.agentId == null ? "agent " + s.index + " never registered" : s.name() + " registered but was not ready");
        }
        long came = slots.stream().filter(s -> s.agentId != null).count();
        return "the run did not start: " + (slots.size() - missing.size()) + " of " + slots.size() + " agents " + word
                + " within " + registrationTimeout.toSeconds() + " s (" + came + " registered); missing: " + String.join("; ", parts);
    }
}
