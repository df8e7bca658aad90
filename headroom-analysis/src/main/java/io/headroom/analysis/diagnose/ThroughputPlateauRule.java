package io.headroom.analysis.diagnose;

import io.headroom.analysis.Numbers;
import io.headroom.analysis.Unit;

import java.util.List;
import java.util.Optional;

/**
 * Throughput stopped growing while the load (and latency) kept rising: capacity reached. Premise: a closed
 * model, where VUs are the offered load and throughput follows from them; in an open model (arrival-rate
 * executors) the schedule sets the throughput and VUs follow latency, so the rule stays silent. Stateless.
 */
final class ThroughputPlateauRule implements DiagnosisRule {
    @Override
    public List<Finding> findings(DiagnosisInput run) {
        if (run.anyOpenModel()) return List.of();
        return plateau(run.levels()).stream().toList();
    }

    static Optional<Finding> plateau(List<LoadLevel> levels) {
        if (!LoadLevel.varies(levels)) return Optional.empty();
        double max = levels.stream().mapToDouble(LoadLevel::throughputPerSecond).max().orElse(0);
        LoadLevel reached = null;
        for (LoadLevel l : levels) {
            if (l.throughputPerSecond() >= 0.9 * max) {
                reached = l;
                break;
            }
        }
        LoadLevel top = levels.get(levels.size() - 1);
        if (reached == null || reached == top || top.concurrency() < 1.5 * reached.concurrency()) return Optional.empty();
        double growth = top.throughputPerSecond() / reached.throughputPerSecond() - 1;
        if (growth > 0.10) return Optional.empty();
        // A saturated resource shows as queueing: latency grows with the load. Flat throughput with flat latency
        // means the load did not really rise (an arrival-rate scenario sets the pace, or the added VUs mostly
        // think), not that capacity was reached.
        if (top.meanLatencyMillis() < 1.25 * reached.meanLatencyMillis()) return Optional.empty();
        return Optional.of(Finding.of(Rule.THROUGHPUT_PLATEAU, Severity.WARNING,
                "Throughput plateaus at about " + Numbers.sig3(max) + " req/s from " + Numbers.sig3(reached.concurrency())
                        + " VUs: capacity reached",
                List.of(new Evidence("max throughput", max, Unit.REQUESTS_PER_SECOND), new Evidence("plateau from", reached.concurrency(), Unit.VUS),
                        new Evidence("load at the top", top.concurrency(), Unit.VUS),
                        new Evidence("throughput growth beyond the plateau", growth, Unit.FRACTION),
                        new Evidence("latency at the plateau start", reached.meanLatencyMillis(), Unit.MILLISECONDS),
                        new Evidence("latency at the top", top.meanLatencyMillis(), Unit.MILLISECONDS)),
                "More load only adds queueing: find the saturated resource (worker pool, connection pool, CPU, a lock) "
                        + "at " + Numbers.sig3(reached.concurrency()) + " concurrent users; 'headroom capacity' fits the "
                        + "scalability curve to this run."));
    }
}
