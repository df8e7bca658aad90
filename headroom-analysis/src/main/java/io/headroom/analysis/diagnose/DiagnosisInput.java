package io.headroom.analysis.diagnose;

import io.headroom.analysis.RunView;
import io.headroom.core.result.RunInfo;
import io.headroom.core.result.RunResult;

import java.util.List;

/**
 * What every {@link DiagnosisRule} reads, derived from the run once: the run, its indexed view, its load
 * levels (none when the plan holds the load, {@link LoadLevel#planVariesLoad}) and its seconds. Immutable.
 */
record DiagnosisInput(RunResult result, RunView view, List<LoadLevel> levels, List<LoadLevel.Second> seconds) {
    static DiagnosisInput of(RunResult result) {
        // A plan that holds the load has one level; its start-up and wind-down seconds are no levels to compare.
        List<LoadLevel> levels = LoadLevel.planVariesLoad(result) ? LoadLevel.of(result) : List.of();
        return new DiagnosisInput(result, new RunView(result), levels, LoadLevel.seconds(result));
    }

    /**
     * True when some scenario is open-model (arrival-rate executors): the schedule, not the VUs, sets the load,
     * and active VUs follow latency (L = λW) instead of driving it. Results without scenario information (older
     * or hand-built) count as closed, as before this was asked.
     */
    boolean anyOpenModel() {
        return result.info().scenarios().stream().anyMatch(RunInfo.ScenarioInfo::openModel);
    }
}
