package io.headroom.analysis.diagnose;

import io.headroom.analysis.Numbers;
import io.headroom.analysis.RunView;
import io.headroom.analysis.Unit;
import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.Tags;
import io.headroom.core.result.RunInfo;
import io.headroom.core.result.VuShortage;
import io.headroom.core.metric.SeriesStats.TrendStats;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Little's law, concurrency = throughput × time in system, checked against the measured VUs. Stateless. */
final class LittlesLawRule implements DiagnosisRule {
    /** Little's law is checked on closed-model runs with at least this many full seconds. */
    static final int MIN_LITTLE_SECONDS = 5;

    @Override
    public List<Finding> findings(DiagnosisInput run) {
        return littlesLaw(run.view()).stream().toList();
    }

    static Optional<Finding> littlesLaw(RunView view) {
        List<VuShortage> shortages = view.result().generatorHealth().vuShortages();
        if (!shortages.isEmpty()) return Optional.of(shortage(shortages));
        List<RunInfo.ScenarioInfo> scenarios = view.result().info().scenarios();
        double iterations = view.counter(BuiltinMetrics.ITERATIONS, Tags.empty());
        Optional<TrendStats> iterationTime = view.trend(BuiltinMetrics.ITERATION_DURATION, Tags.empty());
        if (scenarios.isEmpty() || iterations < MIN_REQUESTS || iterationTime.isEmpty()) return Optional.empty();
        boolean open = scenarios.stream().allMatch(RunInfo.ScenarioInfo::openModel);
        boolean closed = scenarios.stream().noneMatch(RunInfo.ScenarioInfo::openModel);
        double ratePerSecond = iterations / view.durationSeconds();
        double seconds = iterationTime.get().avg() / 1000;
        double predicted = ratePerSecond * seconds;
        if (closed) {
            // Start-up and the end of a run distort both sides; only judge runs with five full seconds of VUs.
            double[] vus = LoadLevel.seconds(view.result()).stream()
                    .filter(s -> s.durationMillis() >= 900 && s.vus() > 0).mapToDouble(LoadLevel.Second::vus).toArray();
            if (vus.length < MIN_LITTLE_SECONDS) return Optional.empty();
            double measured = Arrays.stream(vus).average().orElse(0);
            if (measured <= 0 || predicted <= 0) return Optional.empty();
            double ratio = measured / predicted;
            List<Evidence> evidence = List.of(new Evidence("mean active VUs", measured, Unit.COUNT),
                    new Evidence("iterations/s", ratePerSecond, Unit.COUNT), new Evidence("mean iteration time", seconds * 1000, Unit.MILLISECONDS),
                    new Evidence("throughput × time (L = λW)", predicted, Unit.COUNT), new Evidence("measured / predicted", ratio, Unit.RATIO));
            if (Math.abs(ratio - 1) <= 0.25) {
                return Optional.of(Finding.of(Rule.LITTLES_LAW, Severity.INFO,
                        "Little's law holds: " + Numbers.sig3(measured) + " VUs ≈ " + Numbers.sig3(ratePerSecond)
                                + " it/s × " + Numbers.sig3(seconds * 1000) + " ms", evidence,
                        "The VUs spent their time in timed iterations: the numbers are consistent."));
            }
            return Optional.of(Finding.of(Rule.LITTLES_LAW, Severity.WARNING,
                    "Little's law does not add up: " + Numbers.sig3(measured) + " VUs but throughput × iteration time = "
                            + Numbers.sig3(predicted), evidence,
                    ratio > 1 ? "VUs spent time outside timed iterations (start-up, ramps, pauses in the generator): "
                            + "the generator may be starved of CPU, or the run was short compared with its ramps."
                            : "Iterations overlapped the active VUs' time (graceful stops, long iterations cut at the end): "
                            + "run longer so that edge effects fade."));
        }
        if (open) {
            int maxVus = scenarios.stream().mapToInt(RunInfo.ScenarioInfo::maxVus).sum();
            if (maxVus <= 0) return Optional.empty();
            double use = predicted / maxVus;
            // ScenarioInfo.maxVus is the peak of VUs the executor allocated, not the plan's maxVUs (not in a summary).
            List<Evidence> evidence = List.of(new Evidence("arrival rate", ratePerSecond, Unit.ITERATIONS_PER_SECOND),
                    new Evidence("mean iteration time", seconds * 1000, Unit.MILLISECONDS),
                    new Evidence("concurrency needed (L = λW)", predicted, Unit.COUNT),
                    new Evidence("VUs allocated (peak)", maxVus, Unit.COUNT));
            if (use < 0.8) {
                return Optional.of(Finding.of(Rule.LITTLES_LAW, Severity.INFO,
                        "Little's law: the arrival rate needed " + Numbers.sig3(predicted) + " concurrent VUs of the " + maxVus
                                + " allocated at peak",
                        evidence, "Enough VUs for this rate and latency."));
            }
            return Optional.of(Finding.of(Rule.LITTLES_LAW, Severity.WARNING,
                    "Little's law: the arrival rate needed " + Numbers.sig3(predicted) + " concurrent VUs, close to the "
                            + maxVus + " VUs allocated at peak", evidence,
                    "Raise maxVUs above rate × latency (with room for latency growth), or iterations will be dropped."));
        }
        return Optional.empty();
    }

    /**
     * Arrivals dropped on time because every VU up to maxVUs was busy: the title is the self-check's own sentence,
     * so the console warning, the JSON summary and this finding say the same thing.
     */
    private static Finding shortage(List<VuShortage> shortages) {
        VuShortage first = shortages.getFirst();
        String title = first.message() + (shortages.size() > 1 ? " (and " + (shortages.size() - 1) + " more scenarios)" : "");
        List<Evidence> evidence = List.of(new Evidence("dropped_iterations (no VU free)", first.droppedIterations(), Unit.COUNT),
                new Evidence("arrival rate", first.ratePerSecond(), Unit.REQUESTS_PER_SECOND),
                new Evidence("iteration_duration p99", first.iterationP99Millis(), Unit.MILLISECONDS),
                new Evidence("concurrency needed (L = λW)", first.neededVus(), Unit.COUNT),
                new Evidence("maxVUs", first.maxVus(), Unit.COUNT));
        return Finding.of(Rule.LITTLES_LAW, Severity.WARNING, title, evidence,
                "Raise maxVUs above rate × p99 iteration duration (with room for latency growth), or lower the rate: the "
                        + "target saw less load than planned, and the thresholds judged the load that ran.");
    }
}
