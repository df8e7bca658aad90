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
                .singleElement().asString().contains("3 iterations were dropped while the scheduler was more than 10 ms behind");
        assertThat(GeneratorHealth.assess(10.5, 5, 0.5, 0.3, 10, 0, 0, 0, 2).reasons())
                .singleElement().asString().contains("scheduling lag p(99) was 10.5 ms");
        assertThat(GeneratorHealth.assess(0.4, 0, 1.0, 0.97, 10, 0, 0, 0, 2).reasons())
                .singleElement().asString().contains("97% of 2 cores");
        assertThat(GeneratorHealth.assess(50, 5, 1.0, 0.99, 10, 0, 0, 2, 2).reasons()).hasSize(3);
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

    /** assess with every input named; the defaults are a calm generator of 2 cores with 10 CPU samples. */
    private static GeneratorHealth assess(double lagP99, long late, double cpuAvg, double other, double steal, double gcMaxPerSecond,
                                          long droppedBehind, long arrivals, List<VuShortage> shortages) {
        return GeneratorHealth.assess(lagP99, late, cpuAvg, cpuAvg, 10, other, steal, gcMaxPerSecond * 3, gcMaxPerSecond,
                droppedBehind + shortages.stream().mapToLong(VuShortage::droppedIterations).sum(), droppedBehind, arrivals, 2, shortages);
    }

    @Test
    void aVuShortageIsAWarningThatNeverInvalidatesTheRun() {
        VuShortage shortage = new VuShortage("open", 1204, 500, 2000, 270);
        GeneratorHealth h = assess(0.5, 0, 0.3, 0, 0, 0, 0, 120_000, List.of(shortage));
        assertThat(h.invalid()).isFalse();
        assertThat(h.vuShortages()).containsExactly(shortage);
        // negative control: no shortage, nothing to warn about
        assertThat(assess(0.5, 0, 0.3, 0, 0, 0, 0, 120_000, List.of()).vuShortages()).isEmpty();
    }

    @Test
    void dropsBehindScheduleCountFromOnePercentOfTheArrivals() {
        assertThat(assess(0.5, 0, 0.3, 0, 0, 0, 1200, 120_000, List.of()).invalid()).isTrue();
        // a single late wake-up that dropped a handful of 120,000 arrivals is a hiccup
        assertThat(assess(0.5, 0, 0.3, 0, 0, 0, 24, 120_000, List.of()).invalid()).isFalse();
        assertThat(assess(0.5, 0, 0.3, 0, 0, 0, 1, 10, List.of()).invalid()).isFalse();
    }

    @Test
    void theLagReasonNamesWhatWasMeasured() {
        // its own CPU
        assertThat(assess(50, 100, 0.97, 0.02, 0, 0, 0, 1000, List.of()).reasons())
                .anySatisfy(r -> assertThat(r).startsWith("scheduling lag").contains("its own process had no CPU left"));
        // other processes and steal took the machine: not the generator's own work
        assertThat(assess(50, 100, 0.2, 0.55, 0.1, 0, 0, 1000, List.of()).reasons()).singleElement().asString()
                .contains("other processes (or the hypervisor) took the machine's CPU")
                .contains("other processes 55% and steal 10% of the machine's CPU").doesNotContain("had no CPU left");
        // GC
        assertThat(assess(50, 100, 0.2, 0.05, 0, 120, 0, 1000, List.of()).reasons()).singleElement().asString()
                .contains("GC paused the generator").contains("max 120 ms in a second");
        // none of them: say so, with the numbers
        assertThat(assess(50, 100, 0.2, 0.05, 0, 5, 0, 1000, List.of()).reasons()).singleElement().asString()
                .contains("stayed below their bounds").contains("its own process used 20% of 2 cores");
    }

    @Test
    void vuShortageAppliesLittlesLaw() {
        VuShortage s = new VuShortage("open", 1204, 500, 2000, 270);
        assertThat(s.neededVus()).isEqualTo(540);
        assertThat(s.message()).isEqualTo("scenario \"open\": 1204 iterations were dropped because every VU up to maxVUs was busy"
                + " (the target held them; the generator kept its schedule): the schedule needed ~540 VUs (2000/s × 270 ms"
                + " p99 iteration duration); maxVUs is 500: raise maxVUs");
        assertThat(new VuShortage("open", 3, 10, 5, Double.NaN).message()).contains("no iteration completed");
        assertThat(new VuShortage("open", 3, 500, 1000, 100).message()).contains("~100 VUs", "latency varied");
    }
}
