package io.headroom.core.engine;

import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.plan.ExecutorSpec;
import io.headroom.core.result.RunOutcome;
import io.headroom.core.result.RunResult;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static io.headroom.core.engine.EngineFixtures.count;
import static io.headroom.core.engine.EngineFixtures.ms;
import static io.headroom.core.engine.EngineFixtures.scenario;
import static io.headroom.core.engine.EngineFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

/** A distributed agent's start barrier: the run clock starts when the gate opens, after every VU exists; a shut gate runs nothing. */
class StartGateTest {
    @Test
    void theRunStartsWhenTheGateOpensWithItsVusAlreadyAllocated() {
        AtomicInteger iterationsBeforeGate = new AtomicInteger();
        AtomicLong gateOpenedAt = new AtomicLong();
        AtomicLong firstIterationAt = new AtomicLong();
        Engine engine = new Engine();
        engine.startGate(() -> {
            Thread.sleep(300);
            gateOpenedAt.set(System.nanoTime());
            return true;
        });
        RunResult result = engine.run(spec(scenario("gated", new ExecutorSpec.ConstantVus(2, ms(300)), ms(1000), vu -> {
            if (gateOpenedAt.get() == 0) iterationsBeforeGate.incrementAndGet();
            firstIterationAt.compareAndSet(0, System.nanoTime());
            Thread.sleep(50);
        })), RunListener.NONE);
        assertThat(result.outcome()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(iterationsBeforeGate).hasValue(0);
        assertThat(firstIterationAt.get()).isGreaterThanOrEqualTo(gateOpenedAt.get());
        assertThat(count(result, BuiltinMetrics.ITERATIONS)).isPositive();
        // the run's duration counts from the gate, not from the init phase
        assertThat(result.info().duration()).isLessThan(ms(1000));
    }

    @Test
    void aShutGateRunsNothingAndEndsInterrupted() {
        Engine engine = new Engine();
        engine.startGate(() -> false);
        AtomicInteger iterations = new AtomicInteger();
        RunResult result = engine.run(spec(scenario("never", new ExecutorSpec.ConstantVus(2, ms(300)), ms(1000), vu -> {
            iterations.incrementAndGet();
        })), RunListener.NONE);
        assertThat(result.outcome()).isEqualTo(RunOutcome.INTERRUPTED);
        assertThat(iterations).hasValue(0);
    }
}
