package io.headroom.core.engine;

import io.headroom.core.plan.ExecutorSpec;
import io.headroom.core.plan.InvalidExecutorException;
import io.headroom.core.plan.ScenarioSpec;
import io.headroom.core.plan.Stage;
import io.headroom.core.result.RunOutcome;
import io.headroom.core.result.RunResult;
import io.headroom.core.time.NanoClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** VU counts are checked against the heap before allocation, capped absolutely, and allocation stops on every stop. */
class VuAllocationTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);
    private static final int MANY = 20_000;

    private static ScenarioRun scenario(ExecutorSpec executor, VuBehaviourFactory factory) {
        return new ScenarioRun(new ScenarioSpec("api", executor, Duration.ZERO, Duration.ofSeconds(1), Map.of()), factory);
    }

    private static RunSpec spec(Duration maxDuration, ScenarioRun... runs) {
        return new RunSpec("test", List.of(runs), List.of(), maxDuration, Map.of());
    }

    private static int createdVus(RunResult result) {
        return result.info().scenarios().getFirst().maxVus();
    }

    @Test
    void moreVusThanTheHeapHoldsAreRefusedBeforeAnyIsAllocated() {
        long fit = VuMemory.fit(256L << 20);
        RunSpec spec = spec(Duration.ofMinutes(1), scenario(new ExecutorSpec.ConstantVus((int) fit + 1, Duration.ofSeconds(1)),
                vu -> { throw new AssertionError("no VU may be created"); }));
        assertThatThrownBy(() -> VuMemory.check(spec, 256L << 20)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("may run " + (fit + 1) + " VUs at once (api: " + (fit + 1) + ")")
                .hasMessageContaining("about " + fit + " fit in this generator's 256 MiB heap")
                .hasMessageContaining("HEADROOM_HEAP=1g");
    }

    @Test
    void vusThatFitPassTheCheck() {
        long fit = VuMemory.fit(256L << 20);
        assertThat(fit).isBetween(5_000L, 7_000L);
        VuMemory.check(spec(Duration.ofMinutes(1), scenario(new ExecutorSpec.ConstantVus((int) fit, Duration.ofSeconds(1)),
                vu -> ctx -> { })), 256L << 20);
    }

    @Test
    void theEngineRefusesWhatDoesNotFitInItsOwnHeap() {
        long fit = VuMemory.fit(Runtime.getRuntime().maxMemory());
        org.junit.jupiter.api.Assumptions.assumeTrue(fit < ExecutorSpec.MAX_VUS, "the test JVM's heap holds fewer VUs than the absolute cap");
        RunSpec spec = spec(Duration.ofMinutes(1), scenario(new ExecutorSpec.RampingVus(0,
                List.of(new Stage(Duration.ofSeconds(1), fit + 1)), Duration.ZERO), vu -> { throw new AssertionError("no VU"); }));
        assertThatThrownBy(() -> new Engine().run(spec, RunListener.NONE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fit in this generator's");
    }

    @Test
    void vuCountsAboveTheAbsoluteCapAreInvalidExecutors() {
        assertThatThrownBy(() -> new ExecutorSpec.ConstantVus(2_000_000_000, Duration.ofSeconds(1)))
                .isInstanceOf(InvalidExecutorException.class).hasMessageContaining("vus").hasMessageContaining("at most 1000000");
        assertThatThrownBy(() -> new ExecutorSpec.ConstantArrivalRate(10, null, Duration.ofSeconds(1), 1, 2_000_000))
                .isInstanceOf(InvalidExecutorException.class).hasMessageContaining("maxVUs");
        assertThatThrownBy(() -> new ExecutorSpec.RampingVus(0, List.of(new Stage(Duration.ofSeconds(1), 5_000_000)), null))
                .isInstanceOf(InvalidExecutorException.class).hasMessageContaining("stages");
        assertThat(new ExecutorSpec.PerVuIterations(ExecutorSpec.MAX_VUS, 1, null).maxVus()).isEqualTo(ExecutorSpec.MAX_VUS);
    }

    @Test
    void aStopDuringAllocationEndsItBetweenTwoVus() {
        for (ExecutorSpec executor : List.of(new ExecutorSpec.ConstantVus(MANY, Duration.ofMinutes(5)),
                new ExecutorSpec.RampingVus(MANY, List.of(new Stage(Duration.ofMinutes(5), MANY)), null),
                new ExecutorSpec.ConstantArrivalRate(10, null, Duration.ofMinutes(5), MANY, MANY))) {
            // The clock the engine reads between two allocations asks for a stop on its 100th reading: no race.
            AtomicReference<Engine> engine = new AtomicReference<>();
            AtomicLong readings = new AtomicLong();
            NanoClock stopping = () -> {
                if (readings.incrementAndGet() == 100) engine.get().stop();
                return System.nanoTime();
            };
            engine.set(new Engine(stopping));
            RunSpec spec = spec(Duration.ofMinutes(5), scenario(executor, vu -> ctx -> { }));
            RunResult result = assertTimeoutPreemptively(HANG_GUARD, () -> engine.get().run(spec, RunListener.NONE));
            assertThat(result.outcome()).as(executor.type()).isEqualTo(RunOutcome.INTERRUPTED);
            assertThat(createdVus(result)).as(executor.type()).isLessThan(MANY / 2);
            assertThat(result.info().metadata()).as(executor.type()).doesNotContainKey("headroom.engineError");
        }
    }

    @Test
    void maxDurationEndsAllocation() {
        // This clock jumps an hour ahead on its 100th reading: the 1 min maxDuration passes mid-allocation, no race.
        AtomicLong readings = new AtomicLong();
        NanoClock fast = () -> System.nanoTime() + (readings.incrementAndGet() >= 100 ? Duration.ofHours(1).toNanos() : 0);
        RunSpec spec = spec(Duration.ofMinutes(1), scenario(new ExecutorSpec.ConstantVus(MANY, Duration.ofMinutes(5)), vu -> ctx -> { }));
        RunResult result = assertTimeoutPreemptively(HANG_GUARD, () -> new Engine(fast).run(spec, RunListener.NONE));
        assertThat(result.outcome()).isEqualTo(RunOutcome.MAX_DURATION_REACHED);
        assertThat(createdVus(result)).isLessThan(MANY / 2);
    }

    @Test
    void withoutAStopEveryVuIsAllocated() {
        RunSpec spec = spec(Duration.ofMinutes(1), scenario(new ExecutorSpec.PerVuIterations(2_000, 1, null), vu -> ctx -> { }));
        RunResult result = assertTimeoutPreemptively(HANG_GUARD, () -> new Engine().run(spec, RunListener.NONE));
        assertThat(result.outcome()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(createdVus(result)).isEqualTo(2_000);
        assertThat(result.info().scenarios().getFirst().iterations()).isEqualTo(2_000);
    }
}
