package io.headroom.core.engine;

import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.IntervalPoint;
import io.headroom.core.metric.IntervalSnapshot;
import io.headroom.core.plan.ExecutorSpec;
import io.headroom.core.result.RunResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static io.headroom.core.engine.EngineFixtures.count;
import static io.headroom.core.engine.EngineFixtures.ms;
import static io.headroom.core.engine.EngineFixtures.scenario;
import static io.headroom.core.engine.EngineFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

/** A listener that asks for the interval's raw snapshots gets one per interval, without run-wide aggregates. */
class IntervalSnapshotListenerTest {
    @Test
    void aListenerThatAsksGetsEverySecondsRawSeriesAddingUpToTheRun() {
        List<IntervalSnapshot> snapshots = new CopyOnWriteArrayList<>();
        AtomicInteger points = new AtomicInteger();
        RunSpec spec = spec(scenario("s", new ExecutorSpec.ConstantVus(2, Duration.ofMillis(1500)), ms(500), vu -> Thread.sleep(20)));
        RunResult result = new Engine().run(spec, new RunListener() {
            @Override
            public boolean wantsIntervalSnapshots() {
                return true;
            }

            @Override
            public void onInterval(IntervalPoint point) {
                points.incrementAndGet();
            }

            @Override
            public void onIntervalSnapshot(IntervalSnapshot snapshot) {
                snapshots.add(snapshot);
            }
        });
        assertThat(snapshots).hasSize(points.get()).hasSizeGreaterThanOrEqualTo(2);
        double iterations = snapshots.stream().flatMap(s -> s.series().stream())
                .filter(s -> s.metric().equals(BuiltinMetrics.ITERATIONS))
                .mapToDouble(s -> ((IntervalSnapshot.CounterSnapshot) s).sum()).sum();
        // every sample once: no untagged aggregate beside the tagged series (IntervalPoint has one)
        assertThat(iterations).isPositive().isEqualTo(count(result, BuiltinMetrics.ITERATIONS));
        long durations = snapshots.stream().flatMap(s -> s.series().stream())
                .filter(s -> s.metric().equals(BuiltinMetrics.ITERATION_DURATION))
                .mapToLong(s -> ((IntervalSnapshot.TrendSnapshot) s).histogram().getTotalCount()).sum();
        assertThat((double) durations).isEqualTo(iterations);
    }

    @Test
    void aListenerThatDoesNotAskGetsNone() {
        AtomicInteger snapshots = new AtomicInteger();
        AtomicInteger points = new AtomicInteger();
        RunSpec spec = spec(scenario("s", new ExecutorSpec.ConstantVus(1, Duration.ofMillis(1200)), ms(500), vu -> Thread.sleep(20)));
        new Engine().run(spec, new RunListener() {
            @Override
            public void onInterval(IntervalPoint point) {
                points.incrementAndGet();
            }

            @Override
            public void onIntervalSnapshot(IntervalSnapshot snapshot) {
                snapshots.incrementAndGet();
            }
        });
        assertThat(points.get()).isPositive();
        assertThat(snapshots.get()).isZero();
    }
}
