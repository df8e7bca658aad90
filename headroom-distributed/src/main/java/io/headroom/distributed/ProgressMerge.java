package io.headroom.distributed;

import io.headroom.core.engine.ScenarioProgress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The live progress of the whole run from every agent's last heartbeat: per scenario, VUs, iterations, drops,
 * requests per second and failures add; elapsed is the furthest agent's; the state is the least advanced one's; the
 * p95 shown is the highest agent's (an upper bound of the merged one: per-second percentiles do not add). Stateless.
 */
final class ProgressMerge {
    private ProgressMerge() {}

    static List<ScenarioProgress> merge(List<Messages.Progress> all) {
        Map<String, ScenarioProgress> merged = new LinkedHashMap<>();
        for (Messages.Progress p : all) {
            ScenarioProgress next = p.toProgress();
            merged.merge(next.scenario(), next, ProgressMerge::add);
        }
        return new ArrayList<>(merged.values());
    }

    private static ScenarioProgress add(ScenarioProgress a, ScenarioProgress b) {
        ScenarioProgress.State state = a.state().ordinal() <= b.state().ordinal() ? a.state() : b.state();
        double p95 = Double.isNaN(a.p95Millis()) ? b.p95Millis() : Double.isNaN(b.p95Millis()) ? a.p95Millis()
                : Math.max(a.p95Millis(), b.p95Millis());
        return new ScenarioProgress(a.scenario(), a.executor(), state,
                a.elapsed().compareTo(b.elapsed()) >= 0 ? a.elapsed() : b.elapsed(),
                a.planned().compareTo(b.planned()) >= 0 ? a.planned() : b.planned(),
                a.activeVus() + b.activeVus(), a.maxVus() + b.maxVus(), a.iterations() + b.iterations(),
                a.droppedIterations() + b.droppedIterations(), a.requestsPerSecond() + b.requestsPerSecond(), p95,
                a.failedRequests() + b.failedRequests(), a.interruptedIterations() + b.interruptedIterations());
    }
}
