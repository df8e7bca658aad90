package io.headroom.core.result;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GeneratorHealthTest {
    @Test
    void aCalmGeneratorIsValid() {
        GeneratorHealth h = GeneratorHealth.assess(0.4, 0, 0.5, 0.3, 10, 12, 4, 0, 2);
        assertThat(h.invalid()).isFalse();
        assertThat(h.reasons()).isEmpty();
        assertThat(h.measured()).isTrue();
    }

    @Test
    void droppedIterationsLagAndSaturatedCpuEachInvalidateTheRun() {
        assertThat(GeneratorHealth.assess(0.4, 0, 0.5, 0.3, 10, 0, 0, 3, 2).reasons())
                .singleElement().asString().contains("3 iterations were dropped").contains("maxVUs");
        assertThat(GeneratorHealth.assess(10.5, 5, 0.5, 0.3, 10, 0, 0, 0, 2).reasons())
                .singleElement().asString().contains("scheduling lag p(99) was 10.5 ms");
        assertThat(GeneratorHealth.assess(0.4, 0, 1.0, 0.97, 10, 0, 0, 0, 2).reasons())
                .singleElement().asString().contains("97% of 2 cores");
        assertThat(GeneratorHealth.assess(50, 5, 1.0, 0.99, 10, 0, 0, 1, 2).reasons()).hasSize(3);
    }

    @Test
    void boundsAreInclusiveWhereDocumentedAndCpuNeedsEnoughSamples() {
        assertThat(GeneratorHealth.assess(GeneratorHealth.MAX_SCHEDULE_LAG_P99_MILLIS, 5, 0, 0, 10, 0, 0, 0, 2).invalid()).isFalse();
        assertThat(GeneratorHealth.assess(0, 0, 1, GeneratorHealth.MAX_CPU_AVG_FRACTION, 10, 0, 0, 0, 2).invalid()).isTrue();
        // one or two saturated seconds (start-up, JIT) are not a run's verdict
        assertThat(GeneratorHealth.assess(0, 0, 1, 1, GeneratorHealth.MIN_CPU_SAMPLES - 1, 0, 0, 0, 2).invalid()).isFalse();
    }

    @Test
    void oneLateIterationIsAHiccupNotAnInvalidRun() {
        // 40 iterations: p99 is the worst one; a single 54 ms hiccup must not call the generator the bottleneck
        assertThat(GeneratorHealth.assess(54.4, 1, 0.1, 0.05, 3, 0, 0, 0, 2).invalid()).isFalse();
        assertThat(GeneratorHealth.assess(54.4, GeneratorHealth.MIN_LATE_ITERATIONS, 0.1, 0.05, 3, 0, 0, 0, 2).invalid()).isTrue();
    }

    @Test
    void resultsWithoutASelfCheckAreNotMeasuredAndValid() {
        RunResult old = new RunResult(new RunInfo("r", null, null, List.of(), java.util.Map.of()), RunOutcome.COMPLETED,
                List.of(), List.of(), List.of(), List.of());
        assertThat(old.generatorHealth()).isSameAs(GeneratorHealth.NOT_MEASURED);
        assertThat(old.generatorHealth().invalid()).isFalse();
        GeneratorHealth starved = GeneratorHealth.assess(0, 0, 0, 0, 0, 0, 0, 5, 2);
        assertThat(old.withGeneratorHealth(starved).generatorHealth()).isEqualTo(starved);
    }
}
