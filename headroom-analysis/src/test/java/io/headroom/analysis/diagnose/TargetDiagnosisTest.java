package io.headroom.analysis.diagnose;

import io.headroom.core.metric.MetricKind;
import io.headroom.core.metric.Tags;
import io.headroom.core.metric.IntervalPoint;
import io.headroom.core.result.RunInfo;
import io.headroom.core.result.RunOutcome;
import io.headroom.core.result.RunResult;
import io.headroom.profiler.target.TargetSeries;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;

class TargetDiagnosisTest {

    private static RunResult run(int seconds, IntToDoubleFunction cpuPercent, IntToDoubleFunction rssBytes) {
        List<IntervalPoint> points = new ArrayList<>();
        for (int i = 1; i <= seconds; i++) {
            points.add(new IntervalPoint(i * 1000L, List.of(
                    gauge(TargetSeries.CPU, cpuPercent.applyAsDouble(i)),
                    gauge(TargetSeries.RSS, rssBytes.applyAsDouble(i)))));
        }
        RunInfo info = new RunInfo("t", Instant.EPOCH, Duration.ofSeconds(seconds), List.of(), Map.of());
        return new RunResult(info, RunOutcome.COMPLETED, List.of(), List.of(), List.of(), points);
    }

    private static IntervalPoint.Series gauge(String metric, double value) {
        return new IntervalPoint.Series(metric, MetricKind.GAUGE, Tags.empty(), 0, 0, value, value, 0, 0, 0, value);
    }

    private static Finding titled(List<Finding> findings, String prefix) {
        return findings.stream().filter(f -> f.title().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no finding " + prefix + " in " + findings));
    }

    @Test
    void cpuAtPeakIsHealthyUnder70WarningTo85AndBadAbove() {
        IntToDoubleFunction flat = i -> 100e6;
        assertThat(titled(TargetDiagnosis.of(run(5, i -> i == 3 ? 69 : 10, flat), 2, null, null), "Target CPU").severity())
                .isEqualTo(Severity.INFO);
        assertThat(titled(TargetDiagnosis.of(run(5, i -> i == 3 ? 80 : 10, flat), 2, null, null), "Target CPU").severity())
                .isEqualTo(Severity.WARNING);
        Finding bad = titled(TargetDiagnosis.of(run(5, i -> i == 3 ? 92 : 10, flat), 2, null, null), "Target CPU");
        assertThat(bad.severity()).isEqualTo(Severity.BAD);
        assertThat(bad.title()).isEqualTo("Target CPU at peak: 92 % (saturated, above 85 %: the target's CPU is the likely bottleneck)");
    }

    @Test
    void steadyClimbIsAPossibleLeakWithItsSlopeAndFitAWarningOnlyInASoakRun() {
        // +1 MiB per second = +3600 MB/hour, exactly on the line.
        List<Finding> shortRun = TargetDiagnosis.of(run(20, i -> 10, i -> 50 * 1048576.0 + i * 1048576.0), 2, null, null);
        // +0.1 MiB per second over 15 minutes = +360 MB/hour.
        List<Finding> soak = TargetDiagnosis.of(run(900, i -> 10, i -> 50 * 1048576.0 + i * 104857.6), 2, null, null);

        Finding brief = titled(shortRun, "Possible leak");
        assertThat(brief.severity()).isEqualTo(Severity.INFO);
        assertThat(brief.title()).isEqualTo("Possible leak: +3600 MB/hour, R² 1.00 (short run)");
        Finding leak = titled(soak, "Possible leak");
        assertThat(leak.severity()).isEqualTo(Severity.WARNING);
        assertThat(leak.title()).isEqualTo("Possible leak: +360 MB/hour, R² 1.00");
    }

    @Test
    void noisyOrSmallGrowthIsNoLeak() {
        // Alternating up and down around a level: slope close to zero, poor fit.
        List<Finding> noisy = TargetDiagnosis.of(run(20, i -> 10, i -> 100e6 + (i % 2 == 0 ? 5e6 : -5e6)), 2, null, null);
        // Steady but tiny compared with the level.
        List<Finding> small = TargetDiagnosis.of(run(20, i -> 10, i -> 500e6 + i * 10_000.0), 2, null, null);

        assertThat(noisy).extracting(Finding::title).noneMatch(t -> t.startsWith("Possible leak"))
                .contains("No steady memory growth");
        assertThat(small).extracting(Finding::title).noneMatch(t -> t.startsWith("Possible leak"));
    }

    @Test
    void leastSquaresFitMatchesAHandComputedLine() {
        MemoryGrowth fit = MemoryGrowth.fit(List.of(new TargetSeries.Point(0, 1), new TargetSeries.Point(1, 3),
                new TargetSeries.Point(2, 2), new TargetSeries.Point(3, 4)));

        // x̄ = 1.5, ȳ = 2.5, Sxy = 4, Sxx = 5, Syy = 5: slope 0.8, R² = 4² / 25 = 0.64.
        assertThat(fit.slopeBytesPerSecond()).isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(fit.rSquared()).isCloseTo(0.64, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(MemoryGrowth.fit(List.of(new TargetSeries.Point(0, 1), new TargetSeries.Point(1, 2)))).isNull();
    }

    @Test
    void problemsMetWhileWatchingComeFirstAsWarnings() {
        var observed = new io.headroom.profiler.target.ObservedTarget(42L, 2, null,
                new io.headroom.profiler.target.SteadyWindow(Duration.ofSeconds(1), Duration.ofSeconds(4)), null, null,
                List.of(new io.headroom.profiler.target.ObservedTarget.Problem("Target was not profiled", "attach refused")),
                List.of());

        List<Finding> findings = TargetDiagnosis.of(run(5, i -> 10, i -> 100e6), observed);

        assertThat(findings.get(0)).isEqualTo(Finding.described(Rule.TARGET_OBSERVATION, Severity.WARNING,
                "Target was not profiled", "attach refused"));
        assertThat(findings).extracting(Finding::rule).startsWith(Rule.TARGET_OBSERVATION, Rule.TARGET_CPU, Rule.TARGET_MEMORY);
    }
}
