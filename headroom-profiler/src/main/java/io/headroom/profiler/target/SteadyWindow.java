package io.headroom.profiler.target;

import io.headroom.core.engine.RunSpec;
import io.headroom.core.engine.ScenarioRun;
import io.headroom.core.plan.ExecutorSpec;
import io.headroom.core.plan.Stage;

import java.time.Duration;
import java.util.List;

/**
 * The steady part of a run, as offsets from its start, during which {@code --profile-pid} records: starting
 * a recording while load still ramps up (or mid-peak) distorts what it measures and can spike the target's
 * memory. For a ramping executor it begins when the first stage that reaches the highest target ends and
 * ends when the last stage at that target ends (before the ramp-down); for any other executor it covers
 * 10 % to 95 % of the planned duration. Over several scenarios it spans from the earliest start to the
 * latest end. Immutable.
 */
public record SteadyWindow(Duration start, Duration end) {
    /** A window shorter than this is no window: record 10..95 % of the scenario instead. */
    private static final Duration MIN_PEAK = Duration.ofSeconds(1);

    /** The window of a whole run: from the earliest scenario's start to the latest one's end. */
    public static SteadyWindow of(RunSpec spec) {
        Duration start = null;
        Duration end = null;
        for (ScenarioRun run : spec.scenarios()) {
            SteadyWindow w = of(run.spec().executor());
            Duration offset = run.spec().startTime();
            Duration s = offset.plus(w.start());
            Duration e = offset.plus(w.end());
            if (start == null || s.compareTo(start) < 0) start = s;
            if (end == null || e.compareTo(end) > 0) end = e;
        }
        return new SteadyWindow(start, end);
    }

    /** The window of one scenario's executor, from the scenario's start. */
    public static SteadyWindow of(ExecutorSpec executor) {
        return switch (executor) {
            case ExecutorSpec.ConstantVus c -> fractions(c.duration());
            case ExecutorSpec.ConstantArrivalRate c -> fractions(c.duration());
            case ExecutorSpec.RampingVus r -> peak(r.stages());
            case ExecutorSpec.RampingArrivalRate r -> peak(r.stages());
            // Iteration-bound executors end when their work is done, usually long before maxDuration: start
            // early and let the end of the run stop the recording.
            case ExecutorSpec.PerVuIterations p -> new SteadyWindow(tenth(p.maxDuration()), p.maxDuration());
            case ExecutorSpec.SharedIterations s -> new SteadyWindow(tenth(s.maxDuration()), s.maxDuration());
        };
    }

    private static Duration tenth(Duration d) {
        Duration t = d.dividedBy(10);
        return t.compareTo(Duration.ofSeconds(1)) < 0 ? t : Duration.ofSeconds(1);
    }

    private static SteadyWindow fractions(Duration planned) {
        return new SteadyWindow(planned.dividedBy(10), planned.multipliedBy(19).dividedBy(20));
    }

    private static SteadyWindow peak(List<Stage> stages) {
        long max = stages.stream().mapToLong(Stage::target).max().orElse(0);
        Duration at = Duration.ZERO;
        Duration start = null;
        Duration end = null;
        for (Stage stage : stages) {
            at = at.plus(stage.duration());
            if (stage.target() == max) {
                if (start == null) start = at;
                end = at;
            }
        }
        if (start == null || end.minus(start).compareTo(MIN_PEAK) < 0) return fractions(at);
        return new SteadyWindow(start, end);
    }
}
