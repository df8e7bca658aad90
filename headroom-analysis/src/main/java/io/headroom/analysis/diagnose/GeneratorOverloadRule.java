package io.headroom.analysis.diagnose;

import io.headroom.analysis.Numbers;
import io.headroom.analysis.RunView;
import io.headroom.analysis.Unit;
import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.Tags;
import io.headroom.core.result.GeneratorHealth;
import io.headroom.core.result.RunInfo;
import io.headroom.core.result.VuShortage;
import io.headroom.core.metric.SeriesStats.TrendStats;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Iterations dropped while the scheduler was behind, or a large schedule lag: the generator could not produce the
 * planned load. Drops on time for want of a VU (maxVUs against a slow target) are not the generator's: they are
 * {@link LittlesLawRule}'s. Stateless.
 */
final class GeneratorOverloadRule implements DiagnosisRule {
    /** Schedule lag p95 above this makes the generator suspect (warning), ten times more makes it bad. */
    static final double LAG_WARNING_MILLIS = 10;

    @Override
    public List<Finding> findings(DiagnosisInput run) {
        return generator(run.view()).stream().toList();
    }

    static Optional<Finding> generator(RunView view) {
        GeneratorHealth health = view.result().generatorHealth();
        long attributed = health.droppedBehindSchedule()
                + health.vuShortages().stream().mapToLong(VuShortage::droppedIterations).sum();
        double dropped;
        if (health.measured() && attributed == health.droppedIterations()) {
            dropped = health.droppedBehindSchedule(); // the engine told the causes apart
        } else {
            // a result that cannot say why (hand-built, or a summary from before the causes were told apart)
            dropped = view.counter(BuiltinMetrics.DROPPED_ITERATIONS, Tags.empty());
            for (RunInfo.ScenarioInfo s : view.result().info().scenarios()) {
                if (s.openModel()) dropped = Math.max(dropped, s.droppedIterations());
            }
        }
        Optional<TrendStats> lag = view.trend(BuiltinMetrics.SCHEDULE_LAG, Tags.empty()).filter(t -> t.count() > 0);
        double lagP95 = lag.map(t -> t.percentile(95)).orElse(0.0);
        // One verdict in every output: a run the self-check calls invalid (exit 98) is bad here too, whatever p95 says.
        Severity severity = health.invalid() || dropped > 0 || lagP95 > 10 * LAG_WARNING_MILLIS ? Severity.BAD
                : lagP95 > LAG_WARNING_MILLIS ? Severity.WARNING : null;
        if (severity == null) return Optional.empty();
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence("dropped_iterations", dropped, Unit.COUNT));
        if (lag.isPresent()) evidence.add(new Evidence("headroom_schedule_lag p95", lagP95, Unit.MILLISECONDS));
        String title = health.invalid()
                ? "Invalid run: the generator could not keep to the plan: " + String.join("; ", health.reasons())
                : dropped > 0
                ? "The generator could not keep up: " + Numbers.count(dropped) + " iterations were dropped"
                : "The generator started iterations late: schedule lag p95 " + Numbers.sig3(lagP95) + " ms";
        return Optional.of(Finding.of(Rule.GENERATOR_OVERLOAD, severity, title, evidence,
                "Fix the load first, then read the other findings: the summary's generator line and reasons say what "
                        + "was measured (its own CPU, GC, other processes on the machine); give the generator more CPU, "
                        + "a quieter machine, or split the load over several generators."));
    }
}
