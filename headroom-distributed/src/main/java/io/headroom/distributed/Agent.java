package io.headroom.distributed;

import io.headroom.core.engine.Engine;
import io.headroom.core.engine.RunListener;
import io.headroom.core.engine.RunSpec;
import io.headroom.core.engine.ScenarioProgress;
import io.headroom.core.metric.IntervalSnapshot;
import io.headroom.core.plan.ExecutionSegment;
import io.headroom.core.result.RunResult;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * One agent of a distributed run: registers with the coordinator ({@link #register}), then {@link #run}s its
 * segment of the plan on an {@link Engine}: VUs allocated, clock offset measured, held at the start barrier until
 * the coordinator's one start instant (corrected for the offset), one interval snapshot a second and a heartbeat
 * every {@value Protocol#HEARTBEAT_INTERVAL_MILLIS} ms, stop requests obeyed, and a last report. When the
 * coordinator has not answered for {@value Protocol#LOST_AFTER_MILLIS} ms (or refused {@value Protocol#REFUSED_IN_A_ROW}
 * connections in a row: its port is closed) the agent stops its load by itself (at
 * once); if its engine has not returned {@value #HALT_AFTER_MILLIS} ms later the process halts: never orphan load.
 * One agent runs one run.
 */
public final class Agent implements AutoCloseable {
    /** After the coordinator is lost and the load stopped, the process halts if still running this much later. */
    public static final long HALT_AFTER_MILLIS = 10_000;

    /** How the agent ended. */
    public enum Ending {
        /** It ran (or was told not to start) and reported to the coordinator. */
        REPORTED,
        /** The coordinator went away; the load was stopped by the agent itself. */
        COORDINATOR_LOST
    }

    /** Who the agent is: its Headroom version, its plan file's hash, the index it asks for (null: any), host and pid. */
    public record Identity(String version, String planHash, Integer index, String host, long pid) {
        public Identity {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(planHash, "planHash");
            Objects.requireNonNull(host, "host");
        }
    }

    private final AgentChannel channel;
    private final Messages.Registered registration;
    private final AtomicReference<Engine> engine = new AtomicReference<>();
    private final BlockingQueue<Object> outbox = new LinkedBlockingQueue<>();
    private final Thread heartbeats;
    private volatile List<Messages.Progress> progress = List.of();
    private volatile long lastAnswerNanos = System.nanoTime();
    private volatile boolean coordinatorLost;
    private volatile String pendingAction = "run";
    private volatile boolean finished;
    private final int haltExitCode;
    private volatile double startOffsetMillis = Double.NaN;
    private int refusedInARow;

    private Agent(AgentChannel channel, Messages.Registered registration, int haltExitCode) {
        this.channel = channel;
        this.registration = registration;
        this.haltExitCode = haltExitCode;
        this.heartbeats = Thread.ofPlatform().daemon().name("headroom-agent-heartbeat").unstarted(this::heartbeatLoop);
        heartbeats.start();
    }

    /**
     * Registers with the coordinator at {@code hostPort}. {@code haltExitCode} is the exit code of the process if it
     * has to halt itself after losing the coordinator.
     *
     * @throws RegistrationRefusedException when the coordinator refuses (its message says why)
     * @throws IOException when it cannot be reached
     */
    public static Agent register(String hostPort, Identity identity, int haltExitCode) throws IOException {
        AgentChannel channel = new AgentChannel(hostPort);
        Messages.Registered registered = channel.setupPost(Protocol.REGISTER, new Messages.Register(Protocol.VERSION,
                identity.version(), identity.planHash(), identity.index(), identity.host(), identity.pid()), Messages.Registered.class);
        return new Agent(channel, registered, haltExitCode);
    }

    /** What the coordinator answered: index, segment, run options. */
    public Messages.Registered registration() {
        return registration;
    }

    public ExecutionSegment segment() {
        return ExecutionSegment.parse(registration.segment());
    }

    /**
     * Runs this agent's segment of {@code spec} (its thresholds are dropped: the coordinator judges them on the
     * merged data) and reports. Blocks until the run ended and the report was sent (or the coordinator was lost).
     */
    public Ending run(Engine runEngine, RunSpec spec) {
        engine.set(runEngine);
        applyAction(pendingAction);
        RunSpec segmentSpec = new RunSpec(spec.name(), spec.scenarios(), List.of(), spec.maxDuration(), spec.metadata(), segment());
        runEngine.startGate(this::awaitStart);
        Thread sender = Thread.ofPlatform().daemon().name("headroom-agent-sender").start(this::sendLoop);
        RunResult result = runEngine.run(segmentSpec, new Listener());
        outbox.add(done(result));
        try {
            while (sender.isAlive() && !coordinatorLost) sender.join(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        finished = true;
        return coordinatorLost ? Ending.COORDINATOR_LOST : Ending.REPORTED;
    }

    /** True once the coordinator has not answered for {@value Protocol#LOST_AFTER_MILLIS} ms. */
    public boolean coordinatorLost() {
        return coordinatorLost;
    }

    /** The coordinator's address, for messages. */
    public String coordinator() {
        return channel.address();
    }

    private boolean awaitStart() {
        try {
            List<ClockOffset.Sample> samples = new ArrayList<>();
            for (int i = 0; i < Protocol.CLOCK_SAMPLES; i++) {
                long sent = EpochClock.nowNanos();
                Messages.Time t = channel.get(Protocol.TIME, Messages.Time.class);
                samples.add(new ClockOffset.Sample(sent, t.epochNanos(), EpochClock.nowNanos()));
            }
            ClockOffset offset = ClockOffset.of(samples);
            Messages.Start start = channel.longPost(Protocol.READY, new Messages.Ready(registration.agentId(),
                    offset.offsetNanos(), offset.rttNanos()), Messages.Start.class, TimeUnit.HOURS.toMillis(1), () -> coordinatorLost);
            if (start.abort() != null) return false;
            long localStart = start.startEpochNanos() - offset.offsetNanos();
            for (long left; (left = localStart - EpochClock.nowNanos()) > 0; ) {
                if (coordinatorLost || !"run".equals(pendingAction)) return false;
                // the last millisecond spun, so the wake-up lands on the instant rather than a timer slack later
                if (left > 2_000_000) LockSupport.parkNanos(Math.min(left - 1_000_000, 50_000_000));
                else Thread.onSpinWait();
            }
            startOffsetMillis = (EpochClock.nowNanos() + offset.offsetNanos() - start.startEpochNanos()) / 1e6;
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private void heartbeatLoop() {
        while (!finished) {
            try {
                Messages.Command c = channel.post(Protocol.HEARTBEAT, new Messages.Heartbeat(registration.agentId(), progress),
                        Messages.Command.class);
                answered(c);
                refusedInARow = 0;
            } catch (IOException | RuntimeException e) {
                // a closed port is a coordinator gone, not a slow one: no need to wait out the silence
                if (refused(e) && ++refusedInARow >= Protocol.REFUSED_IN_A_ROW) lost();
                checkLost();
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(Protocol.HEARTBEAT_INTERVAL_MILLIS));
        }
    }

    private void answered(Messages.Command c) {
        lastAnswerNanos = System.nanoTime();
        if (c != null && c.action() != null) applyAction(c.action());
    }

    private static boolean refused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException) return true;
        }
        return false;
    }

    private void checkLost() {
        if (coordinatorLost || System.nanoTime() - lastAnswerNanos < TimeUnit.MILLISECONDS.toNanos(Protocol.lostAfterMillis())) return;
        lost();
    }

    private synchronized void lost() {
        if (coordinatorLost) return;
        coordinatorLost = true;
        Engine e = engine.get();
        if (e != null) e.stopNow();
        Thread halt = Thread.ofPlatform().daemon().name("headroom-agent-halt").unstarted(() -> {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(HALT_AFTER_MILLIS));
            if (!finished) Runtime.getRuntime().halt(haltExitCode);
        });
        halt.start();
    }

    /** Stop requests only ever escalate: run, then stop, then stopNow. */
    private synchronized void applyAction(String action) {
        int rank = rank(action);
        if (rank < rank(pendingAction)) return;
        pendingAction = action;
        Engine e = engine.get();
        if (e == null) return;
        if (rank == 1) e.stop();
        else if (rank == 2) e.stopNow();
    }

    private static int rank(String action) {
        return switch (action) {
            case "stop" -> 1;
            case "stopNow" -> 2;
            default -> 0;
        };
    }

    private void sendLoop() {
        long seq = 0;
        while (!coordinatorLost) {
            Object next;
            try {
                next = outbox.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (next == null) continue;
            while (!coordinatorLost) {
                try {
                    if (next instanceof IntervalSnapshot s) answered(channel.snapshot(registration.agentId(), seq, SnapshotCodec.encode(s)));
                    else answered(channel.post(Protocol.DONE, next, Messages.Command.class));
                    break;
                } catch (IOException | RuntimeException e) {
                    checkLost();
                    LockSupport.parkNanos(200_000_000L);
                }
            }
            seq++;
            if (next instanceof Messages.Done) return;
        }
    }

    private Messages.Done done(RunResult result) {
        Map<String, String> metadata = new LinkedHashMap<>();
        result.info().metadata().forEach((k, v) -> {
            if (k.startsWith("headroom.")) metadata.put(k, v);
        });
        return new Messages.Done(registration.agentId(), result.outcome().name().toLowerCase(Locale.ROOT),
                result.info().duration().toNanos(), startOffsetMillis, result.generatorHealth(), result.errorSamples(), metadata);
    }

    /** Feeds the outbox and the heartbeat's progress; called on the engine's interval thread. */
    private final class Listener implements RunListener {
        @Override
        public boolean wantsIntervalSnapshots() {
            return true;
        }

        @Override
        public void onIntervalSnapshot(IntervalSnapshot snapshot) {
            outbox.add(snapshot);
        }

        @Override
        public void onProgress(List<ScenarioProgress> scenarios) {
            List<Messages.Progress> p = new ArrayList<>(scenarios.size());
            for (ScenarioProgress s : scenarios) p.add(Messages.Progress.of(s));
            progress = List.copyOf(p);
        }
    }

    @Override
    public void close() {
        finished = true;
        heartbeats.interrupt();
    }
}
