package io.headroom.distributed;

import io.headroom.core.engine.RunListener;
import io.headroom.core.engine.RunSpec;
import io.headroom.core.metric.IntervalSnapshot;
import io.headroom.core.plan.ExecutionSegment;
import io.headroom.core.result.RunOutcome;
import io.headroom.core.result.RunResult;
import io.headroom.core.result.ThresholdResult;
import io.headroom.distributed.CoordinatorEndpoints.Answer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * The coordinator of a distributed run: waits for its agents to register (each gets an {@link ExecutionSegment}
 * of a partition of 0..1), releases them together at one start instant, merges their interval snapshots exactly
 * into one registry (live progress, thresholds with abortOnFail, the per-second history) and builds the one
 * {@link RunResult} of the whole run. A lost agent (its process ended, no heartbeat for
 * {@value Protocol#LOST_AFTER_MILLIS} ms) stops the others and ends the run with {@link RunOutcome#AGENT_LOST}.
 * {@link #run} runs on one thread; the HTTP side calls in from many, under this object's lock.
 */
public final class Coordinator implements AutoCloseable {
    /** The metadata key of the lost agent: which, when, and how it was noticed. */
    public static final String AGENT_LOST_KEY = "headroom.agentLost";
    /** The metadata key of the request bytes the coordinator received from all agents during the run. */
    public static final String CONTROL_BYTES_KEY = "headroom.controlBytesReceived";
    private static final long TICK_NANOS = 1_000_000_000L;
    /** Ticks lie this far after each agent's second, so that its snapshot of that second is usually in. */
    private static final long TICK_PHASE_NANOS = 400_000_000L;
    /**
     * How long stopped agents get to report, beyond their scenarios' longest gracefulStop, before they count as lost
     * (an agent still sending heartbeats is finishing its iterations, not lost, until then).
     */
    private static final long STOP_GRACE_NANOS = 15_000_000_000L;

    /**
     * What every agent must match and receive.
     *
     * @param agents how many agents the run needs (1 or more)
     * @param version the Headroom version every agent must run
     * @param planHash the plan file's hash every agent must have
     * @param options the run options every agent applies to the plan
     * @param registrationTimeout how long to wait for every agent to register, and then for every one to be ready
     */
    public record Config(int agents, String version, String planHash, Messages.RunOptions options, Duration registrationTimeout) {
        public Config {
            if (agents < 1) throw new IllegalArgumentException("a distributed run needs at least one agent, got " + agents);
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(planHash, "planHash");
            options = options == null ? Messages.RunOptions.NONE : options;
            Objects.requireNonNull(registrationTimeout, "registrationTimeout");
        }
    }

    private final Config config;
    private final AgentRoster roster;
    private final List<AgentSlot> slots;
    private final CompletableFuture<Messages.Start> barrier = new CompletableFuture<>();
    private final ConcurrentLinkedQueue<SnapshotMerge.Arrival> inbox = new ConcurrentLinkedQueue<>();
    private final CoordinatorEndpoints endpoints;
    private volatile Thread runThread;
    private volatile Runnable onStart = () -> {};
    private Messages.Command command = Messages.Command.RUN;
    private RunOutcome stopReason;
    private String lostMessage;
    private long startEpochNanos;
    private long startNanos;

    private Coordinator(Config config, InetSocketAddress bind) throws IOException {
        this.config = config;
        this.roster = new AgentRoster(config);
        this.slots = roster.slots();
        this.endpoints = new CoordinatorEndpoints(bind, this);
        // the first JSON of a JVM costs class loading and reflection: pay it now, not in the first agent's time-out
        try {
            Protocol.read(Protocol.write(new Messages.Register(Protocol.VERSION, "", "", 0, "", 0)), Messages.Register.class);
            Protocol.write(new Messages.Registered("", 0, 1, "0:1", config.options()));
        } catch (IOException e) {
            throw new IllegalStateException("the protocol's own messages do not parse", e);
        }
    }

    /** Opens the coordinator's port ({@code bind}'s port 0: any free one) and starts accepting registrations. */
    public static Coordinator start(InetSocketAddress bind, Config config) throws IOException {
        return new Coordinator(config, bind);
    }

    /** Segment {@code index} of {@code agents} equal parts of 0..1. */
    public static ExecutionSegment segment(int index, int agents) {
        return ExecutionSegment.of(index, agents, index + 1, agents);
    }

    /** The address agents dial. */
    public InetSocketAddress address() {
        return endpoints.address();
    }

    /** Called once, on the run thread, when every agent is ready and the start instant was sent. Call before {@link #run}. */
    public void onStart(Runnable action) {
        this.onStart = Objects.requireNonNull(action, "action");
    }

    /** Request bytes received from every agent so far (message and snapshot bodies). */
    public long bytesReceived() {
        return endpoints.bytesIn.sum();
    }

    /**
     * Runs the whole distributed run: waits for every agent (else {@link AgentsMissingException}, and every agent
     * that came is told not to start), releases them at one instant, merges until every agent has reported or is
     * lost, and returns the merged result. {@code spec} is the coordinator's own copy of the plan (its thresholds,
     * scenarios, name and metadata); nothing of it runs here.
     */
    public RunResult run(RunSpec spec, RunListener listener) {
        RunListener events = listener == null ? RunListener.NONE : listener;
        runThread = Thread.currentThread();
        long registrationDeadline = System.nanoTime() + config.registrationTimeout().toNanos();
        boolean all = awaitAll(AgentSlot.State.REGISTERED, registrationDeadline, "registered")
                && awaitAll(AgentSlot.State.READY, System.nanoTime() + config.registrationTimeout().toNanos(), "ready");
        synchronized (this) {
            if (!all || stopReason != null) {
                // Ctrl-C before the start: nobody starts, and the (empty) result says it was interrupted
                if (!barrier.isDone()) barrier.complete(new Messages.Start(0, "the coordinator was stopped before the start"));
                command = new Messages.Command("stopNow", "the coordinator was stopped before the start");
                IntervalMerger empty = new IntervalMerger(spec.thresholds(), events, System.nanoTime());
                empty.markStart();
                return ResultMerger.merge(spec, empty.registry, List.of(), empty.evaluateAll(), slots, RunOutcome.INTERRUPTED,
                        null, EpochClock.nowNanos(), 0, config.agents());
            }
            startEpochNanos = EpochClock.nowNanos() + TimeUnit.MILLISECONDS.toNanos(Protocol.START_LEAD_MILLIS);
            startNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Protocol.START_LEAD_MILLIS);
            barrier.complete(new Messages.Start(startEpochNanos, null));
        }
        onStart.run();
        IntervalMerger merger = new IntervalMerger(spec.thresholds(), events, startNanos);
        parkUntil(startNanos);
        merger.markStart();
        long nextTick = startNanos + TICK_NANOS + TICK_PHASE_NANOS;
        long maxDurationAt = startNanos + spec.maxDuration().toNanos() + STOP_GRACE_NANOS;
        long stoppedAt = 0;
        long graceNanos = STOP_GRACE_NANOS;
        for (var scenario : spec.scenarios()) graceNanos = Math.max(graceNanos, scenario.spec().gracefulStop().toNanos() + STOP_GRACE_NANOS);
        while (true) {
            boolean finished;
            synchronized (this) {
                noticeLost();
                if (stopReason != null && stoppedAt == 0) stoppedAt = System.nanoTime();
                if (stoppedAt != 0 && System.nanoTime() - stoppedAt > graceNanos) giveUpOnSilent(graceNanos);
                if (System.nanoTime() - maxDurationAt > 0 && stopReason == null) stopAll(RunOutcome.MAX_DURATION_REACHED, "stopNow", "max duration");
                finished = slots.stream().noneMatch(AgentSlot::live);
            }
            if (finished) break;
            long now = System.nanoTime();
            if (now - nextTick >= 0) {
                tick(merger);
                nextTick += TICK_NANOS;
                continue;
            }
            LockSupport.parkNanos(this, Math.min(nextTick - now, 50_000_000L));
        }
        for (SnapshotMerge.Arrival a; (a = inbox.poll()) != null; ) merger.add(a);
        merger.flushAll();
        synchronized (this) {
            long durationNanos = 0;
            for (AgentSlot s : slots) if (s.done != null) durationNanos = Math.max(durationNanos, s.done.durationNanos());
            merger.endAt(startNanos + (durationNanos > 0 ? durationNanos : System.nanoTime() - startNanos));
            RunResult merged = ResultMerger.merge(spec, merger.registry, merger.points(), merger.evaluateAll(), slots,
                    stopReason, lostMessage, startEpochNanos, System.nanoTime() - startNanos, config.agents());
            var metadata = new java.util.LinkedHashMap<>(merged.info().metadata());
            // the cost of the control channel, for docs/distributed.md's bytes per agent-second
            metadata.put(CONTROL_BYTES_KEY, Long.toString(bytesReceived()));
            var info = merged.info();
            return new RunResult(new io.headroom.core.result.RunInfo(info.name(), info.startedAt(), info.duration(), info.scenarios(),
                    metadata), merged.outcome(), merged.series(), merged.checks(), merged.thresholds(), merged.intervals(),
                    merged.generatorHealth(), merged.errorSamples(), merged.exemplars(), merged.agents());
        }
    }

    /** Once a second: merge the seconds every agent has sent, show progress, judge abortOnFail thresholds. */
    private void tick(IntervalMerger merger) {
        for (SnapshotMerge.Arrival a; (a = inbox.poll()) != null; ) merger.add(a);
        List<Messages.Progress> all = new ArrayList<>();
        synchronized (this) {
            merger.emitReady(seq -> slots.stream().allMatch(s -> !s.live() || s.lastSeq >= seq), System.nanoTime());
            for (AgentSlot s : slots) all.addAll(s.progress);
        }
        merger.progress(all);
        Optional<ThresholdResult> crossed = merger.checkAbort();
        if (crossed.isPresent()) {
            synchronized (this) {
                if (stopReason == null) {
                    String reason = "threshold " + crossed.get().spec().selectorText() + ": " + crossed.get().spec().exprText()
                            + " was crossed on the merged data of every agent";
                    stopAll(RunOutcome.ABORTED_BY_THRESHOLD, "stop", reason);
                    merger.abort(reason);
                }
            }
        }
    }

    /** Graceful stop of every agent (Ctrl-C): running iterations get their gracefulStop. Safe from any thread. */
    public synchronized void stop() {
        if (stopReason == null) stopAll(RunOutcome.INTERRUPTED, "stop", "stopped at the coordinator");
        notifyAll();
    }

    /** Every agent stops at once (a second Ctrl-C). Safe from any thread. */
    public synchronized void stopNow() {
        if (stopReason == null) stopReason = RunOutcome.INTERRUPTED;
        command = new Messages.Command("stopNow", "stopped at once at the coordinator");
        notifyAll();
    }

    /** A local agent's process ended (its exit, as a phrase); it is lost unless it already reported. */
    public synchronized void processEnded(int index, String how) {
        if (index < 0 || index >= slots.size()) return;
        slots.get(index).processEnded = how;
        notifyAll();
        Thread t = runThread;
        if (t != null) LockSupport.unpark(t);
    }

    private void stopAll(RunOutcome reason, String action, String why) {
        stopReason = reason;
        command = new Messages.Command(action, why);
        if (!barrier.isDone()) barrier.complete(new Messages.Start(0, why));
    }

    /** Under the lock: marks agents lost whose process ended or whose heartbeats stopped. */
    private void noticeLost() {
        long now = System.nanoTime();
        for (AgentSlot s : slots) {
            if (!s.live() || s.state == AgentSlot.State.EXPECTED) continue;
            String why = null;
            if (s.processEnded != null) why = "its process " + s.processEnded;
            else if (now - s.lastHeardNanos > TimeUnit.MILLISECONDS.toNanos(Protocol.lostAfterMillis())) {
                why = "no heartbeat for " + (now - s.lastHeardNanos) / 1_000_000 + " ms";
            }
            if (why != null) lose(s, why);
        }
    }

    private void giveUpOnSilent(long graceNanos) {
        for (AgentSlot s : slots) {
            if (s.live()) lose(s, "it did not report within " + graceNanos / 1_000_000_000L + " s of the stop");
        }
    }

    private void lose(AgentSlot s, String why) {
        s.state = AgentSlot.State.LOST;
        s.lostReason = why;
        s.lostAtOffsetMillis = startNanos == 0 ? 0 : Math.max(0, (System.nanoTime() - startNanos) / 1_000_000);
        if (lostMessage == null) lostMessage = s.name() + " was lost at " + s.lostAtOffsetMillis / 1000.0 + " s into the run: " + why;
        if (stopReason == null) stopAll(RunOutcome.AGENT_LOST, "stopNow", lostMessage);
    }

    /**
     * Waits until every slot reached {@code state} (or later): true; false when the coordinator was stopped (Ctrl-C)
     * meanwhile; else (time out, an agent gone) tells the others not to start and throws.
     */
    private boolean awaitAll(AgentSlot.State state, long deadlineNanos, String word) {
        synchronized (this) {
            while (true) {
                List<AgentSlot> missing = slots.stream().filter(s -> s.state.ordinal() < state.ordinal()).toList();
                long silentAfter = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(Protocol.lostAfterMillis());
                for (AgentSlot s : slots) {
                    if (s.agentId != null && s.live() && s.processEnded == null && s.lastHeardNanos - silentAfter < 0) {
                        s.processEnded = "stopped sending heartbeats";
                    }
                }
                boolean lostOne = slots.stream().anyMatch(s -> s.state == AgentSlot.State.LOST || s.processEnded != null);
                long left = deadlineNanos - System.nanoTime();
                if (missing.isEmpty() && !lostOne) return true;
                if (stopReason != null) return false;
                if (left <= 0 || lostOne) {
                    String message = roster.missingMessage(missing, word);
                    stopAll(RunOutcome.INTERRUPTED, "stopNow", message);
                    throw new AgentsMissingException(message);
                }
                try {
                    wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 100)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopReason = RunOutcome.INTERRUPTED;
                }
            }
        }
    }

    // ---- the HTTP side (CoordinatorEndpoints), under the lock ----

    synchronized Answer register(Messages.Register r) {
        Answer answer = roster.register(r, barrier.isDone());
        notifyAll();
        return answer;
    }

    Answer ready(Messages.Ready r) throws InterruptedException {
        synchronized (this) {
            AgentSlot slot = roster.slot(r.agentId());
            if (slot == null) return unknown(r.agentId());
            slot.offsetNanos = r.offsetNanos();
            slot.rttNanos = r.rttNanos();
            slot.lastHeardNanos = System.nanoTime();
            if (slot.state == AgentSlot.State.REGISTERED) slot.state = AgentSlot.State.READY;
            notifyAll();
        }
        try {
            // a long poll: answered when the barrier opens (or the run is called off)
            return Answer.ok(barrier.get(config.registrationTimeout().toMillis() + 30_000, TimeUnit.MILLISECONDS));
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            return Answer.ok(new Messages.Start(0, "the start barrier timed out"));
        }
    }

    synchronized Answer heartbeat(Messages.Heartbeat h) {
        AgentSlot slot = roster.slot(h.agentId());
        if (slot == null) return unknown(h.agentId());
        if (slot.live()) {
            slot.lastHeardNanos = System.nanoTime();
            if (h.progress() != null) slot.progress = List.copyOf(h.progress());
        }
        return Answer.ok(slot.state == AgentSlot.State.LOST ? new Messages.Command("stopNow", "this agent was declared lost") : command);
    }

    synchronized Answer snapshot(String agentId, long seq, IntervalSnapshot snapshot) {
        AgentSlot slot = roster.slot(agentId);
        if (slot == null) return unknown(agentId);
        if (slot.state == AgentSlot.State.LOST) return Answer.ok(new Messages.Command("stopNow", "this agent was declared lost"));
        slot.lastHeardNanos = System.nanoTime();
        // a resent snapshot (its answer was lost) is applied once
        if (seq > slot.lastSeq) {
            slot.lastSeq = seq;
            inbox.add(new SnapshotMerge.Arrival(slot.index, seq, snapshot));
        }
        return Answer.ok(command);
    }

    synchronized Answer done(Messages.Done d) {
        AgentSlot slot = roster.slot(d.agentId());
        if (slot == null) return unknown(d.agentId());
        if (slot.live()) {
            slot.done = d;
            slot.state = AgentSlot.State.DONE;
            // an agent that stopped by itself (every request failing, its max duration) stops the others too
            if (stopReason == null && !"completed".equals(d.outcome())) {
                RunOutcome own = RunOutcome.valueOf(d.outcome().toUpperCase(java.util.Locale.ROOT));
                stopAll(own, "stop", slot.name() + " stopped: " + d.outcome());
            }
        }
        notifyAll();
        Thread t = runThread;
        if (t != null) LockSupport.unpark(t);
        return Answer.ok(command);
    }

    private static Answer unknown(String agentId) {
        return Answer.refused(404, "no agent " + agentId + " registered with this coordinator");
    }

    private static void parkUntil(long deadlineNanos) {
        for (long left; (left = deadlineNanos - System.nanoTime()) > 0; ) LockSupport.parkNanos(left);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (!barrier.isDone()) barrier.complete(new Messages.Start(0, "the coordinator closed"));
            if (stopReason == null) command = new Messages.Command("stopNow", "the coordinator closed");
        }
        endpoints.close();
    }
}
