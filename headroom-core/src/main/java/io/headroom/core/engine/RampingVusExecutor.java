package io.headroom.core.engine;

import io.headroom.core.plan.ExecutorSpec;
import io.headroom.core.schedule.VuRamp;

import java.util.concurrent.locks.LockSupport;

/**
 * ramping-vus: the controller follows a {@link VuRamp}, activating VUs by index (VU k runs while the target
 * exceeds k, so the newest VUs leave first, as in k6). A VU above the target finishes its iteration and parks;
 * if that iteration outlives gracefulRampDown it is interrupted (at once with {@code gracefulRampDown: 0s}).
 * The VUs above the last stage's target are removed at the end the same way, so they get
 * min(gracefulRampDown, gracefulStop), not gracefulStop (k6 lib/executor/ramping_vus.go: the graceful steps of
 * {@code reserveVUsForGracefulRampDowns} end at sum(stages) + gracefulStop, and without a gracefulRampDown the
 * executor's own context ends with the last ramp-down). Every VU the ramp ever needs is initialised before the
 * run starts.
 */
final class RampingVusExecutor extends ScenarioExecutor {
    /** How often the controller checks ramp-down deadlines while some VU is finishing an iteration above target. */
    private static final long RAMP_DOWN_CHECK_NANOS = 20_000_000L;

    private final VuRamp ramp;
    private final int maxVus;
    private final long gracefulRampDownNanos;
    private final long idOffset;
    private final Vu[] pool;

    RampingVusExecutor(ScenarioRuntime scenario, ExecutorSpec.RampingVus spec) {
        super(scenario);
        this.ramp = new VuRamp(spec.startVUs(), spec.stages());
        this.gracefulRampDownNanos = spec.gracefulRampDown().toNanos();
        this.maxVus = largestScaledTarget(ramp.maxTarget());
        this.idOffset = scenario.segment.startOffset(ramp.maxTarget());
        this.pool = new Vu[maxVus];
    }

    /**
     * The most VUs this segment ever needs. A segment's share {@code floor(n·to) − floor(n·from)} is not
     * monotonic in n (it may be 1 at n = 2 and 0 at n = 3), so the share of the largest target is not enough.
     */
    private int largestScaledTarget(long maxTarget) {
        if (scenario.segment.isFull()) return Math.toIntExact(maxTarget);
        long most = 0;
        for (long n = 0; n <= maxTarget; n++) most = Math.max(most, scenario.segment.scale(n));
        return Math.toIntExact(most);
    }

    @Override
    int initialVus() {
        return maxVus;
    }

    @Override
    int maxVus() {
        return maxVus;
    }

    @Override
    long plannedNanos() {
        return ramp.durationNanos();
    }

    @Override
    long vuIdOffset() {
        return idOffset;
    }

    @Override
    void onVuCreated(Vu vu) {
        pool[vu.index] = vu; // the init phase creates them all before the controller starts
    }

    @Override
    void drive() {
        long start = scenario.startNanos;
        while (!scenario.stopping && !scenario.run.stopRequested()) {
            long now = scenario.clock.nanoTime();
            long offset = now - start;
            if (offset >= ramp.durationNanos()) {
                // the end of the last stage removes the VUs above its target: a ramp-down like any other
                follow(scenario.segment.scale(ramp.targetAt(ramp.durationNanos())), now);
                return;
            }
            boolean finishingAboveTarget = follow(scenario.segment.scale(ramp.targetAt(offset)), now);
            long next = start + Math.min(ramp.nextChangeNanos(offset), ramp.durationNanos());
            if (finishingAboveTarget) next = Math.min(next, now + RAMP_DOWN_CHECK_NANOS);
            long remaining = next - scenario.clock.nanoTime();
            if (remaining > 0) LockSupport.parkNanos(this, remaining);
        }
    }

    /**
     * Activates the VUs below {@code target}, deactivates those above it and interrupts the iterations that
     * outlived their gracefulRampDown; true while some VU above the target is still finishing its iteration.
     */
    private boolean follow(long target, long now) {
        boolean finishingAboveTarget = false;
        for (Vu vu : pool) {
            if (vu == null || vu.exited) continue;
            if (vu.index < target) {
                if (!vu.active) {
                    vu.rampingDown = false;
                    vu.active = true;
                    vu.unpark();
                }
                continue;
            }
            if (vu.active) {
                vu.deactivatedAtNanos = now;
                vu.seqAtDeactivation = vu.iterationSeq;
                vu.rampingDown = true;
                vu.active = false;
            }
            finishingAboveTarget |= interruptIfOverdue(vu, now);
        }
        return finishingAboveTarget;
    }

    /** Interrupts a removed VU's iteration once gracefulRampDown has passed; true while it may still finish. */
    private boolean interruptIfOverdue(Vu vu, long now) {
        if (!vu.rampingDown || !vu.inIteration || vu.iterationSeq != vu.seqAtDeactivation) return false;
        if (now - vu.deactivatedAtNanos < gracefulRampDownNanos) return true;
        vu.interrupt("ramp_down");
        return false;
    }

    /** During gracefulStop a VU removed by the ramp still gets only what is left of its gracefulRampDown. */
    @Override
    void onWindDownPoll(long nowNanos) {
        for (Vu vu : pool) {
            if (vu != null && !vu.exited) interruptIfOverdue(vu, nowNanos);
        }
    }

    @Override
    void runVu(Vu vu) {
        if (!scenario.awaitStart(vu)) return;
        long end = scenario.startNanos + ramp.durationNanos();
        while (!scenario.stopping && !scenario.run.stopRequested()) {
            if (!vu.active) {
                vu.parkIdle();
                continue;
            }
            if (!scenario.mayStartIteration(end)) return;
            vu.runIteration(0, scenario.iterationCounter.getAndIncrement());
        }
    }
}
