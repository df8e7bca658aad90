package io.headroom.report;

import io.headroom.core.result.GeneratorHealth;
import io.headroom.core.result.LiveOutputHealth;
import io.headroom.core.result.RunInfo;
import io.headroom.core.result.RunResult;
import io.headroom.core.result.VuShortage;

import java.util.ArrayList;
import java.util.List;

/**
 * Why a run dropped iterations, one sentence per cause, worded once for every format (console, HTML): a VU
 * shortage (maxVUs against a slow target) says what the schedule needed; drops behind schedule are the generator's;
 * the iteration-count executors' drops are their maxDuration running out. Drops an older summary cannot attribute
 * are reported without a cause. A live output ({@code --out}) that dropped batches says how many and its last
 * problem. Stateless.
 */
final class DropWarnings {
    private DropWarnings() {}

    /** The sentences for {@code result}; empty when nothing was dropped. */
    static List<String> of(RunResult result) {
        List<String> out = new ArrayList<>();
        GeneratorHealth health = result.generatorHealth();
        long explained = 0;
        for (VuShortage v : health.vuShortages()) {
            out.add(v.message());
            explained += v.droppedIterations();
        }
        long behind = health.droppedBehindSchedule();
        if (behind > 0) {
            out.add(behind + " iteration" + (behind == 1 ? " was" : "s were") + " dropped while the scheduler was more than "
                    + (long) GeneratorHealth.MAX_SCHEDULE_LAG_P99_MILLIS + " ms behind its schedule: the generator could not keep up");
            explained += behind;
        }
        long unexplained = 0;
        for (RunInfo.ScenarioInfo s : result.info().scenarios()) {
            if (s.droppedIterations() <= 0) continue;
            if (!s.openModel()) {
                out.add("scenario \"" + s.name() + "\": " + s.droppedIterations() + " iteration" + (s.droppedIterations() == 1 ? " was" : "s were")
                        + " not started before maxDuration ran out (dropped_iterations): raise maxDuration or lower iterations");
            } else {
                unexplained += s.droppedIterations();
            }
        }
        unexplained -= explained;
        if (unexplained > 0) {
            out.add(unexplained + " iteration" + (unexplained == 1 ? " was" : "s were")
                    + " dropped: the target saw less load than planned");
        }
        for (LiveOutputHealth o : health.liveOutputs()) {
            if (o.warning() != null) out.add(o.warning());
        }
        return out;
    }
}
