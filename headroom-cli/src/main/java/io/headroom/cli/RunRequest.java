package io.headroom.cli;

import io.headroom.report.TrendColumns;
import io.headroom.script.plan.Plan;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything one {@link RunSession#run} needs, built once by the command that parsed the arguments
 * ({@code run}, {@code demo}). Immutable as a record; the option mixins it holds are filled by picocli
 * before it is built and only read after.
 *
 * @param plan the plan to run
 * @param metadata the run's metadata for the summary ({@code command}, {@code target}, ...)
 * @param jsonFile where the JSON summary goes; null for none
 * @param outputs the report files to write
 * @param live the live metrics endpoint to serve while running (serves nothing unless asked)
 * @param target what to watch of the system under test (watches nothing unless asked)
 * @param quiet no live progress
 * @param acceptInvalidRun an invalid run (the generator was the bottleneck) is reported but does not exit 98
 * @param warmup run the in-process warm-up ({@link io.headroom.script.Warmup}) when the plan is worth it
 * @param summary how the end-of-test summary is shown and exported
 * @param secretValues values every output hides wherever they stand (environment variables named under redact)
 */
record RunRequest(Plan plan, Map<String, String> metadata, Path jsonFile, ReportOutputs outputs,
                  LiveMetricsOption live, TargetOptions target, boolean quiet, boolean acceptInvalidRun,
                  boolean warmup, Summary summary, Set<String> secretValues) {
    /**
     * The end-of-test summary's k6 flags.
     *
     * @param print print it on stdout ({@code --no-summary} turns it off)
     * @param trendColumns each trend's statistics ({@code --summary-trend-stats})
     * @param k6Export where k6's legacy summary JSON goes ({@code --summary-export}); null for none
     */
    record Summary(boolean print, TrendColumns trendColumns, Path k6Export) {
        static final Summary DEFAULT = new Summary(true, TrendColumns.DEFAULT, null);

        Summary {
            Objects.requireNonNull(trendColumns, "trendColumns");
        }
    }

    /** A request with the default summary (printed, default trend statistics, no k6 export) and no secret values. */
    RunRequest(Plan plan, Map<String, String> metadata, Path jsonFile, ReportOutputs outputs, LiveMetricsOption live,
               TargetOptions target, boolean quiet, boolean acceptInvalidRun, boolean warmup) {
        this(plan, metadata, jsonFile, outputs, live, target, quiet, acceptInvalidRun, warmup, Summary.DEFAULT, Set.of());
    }

    RunRequest {
        Objects.requireNonNull(summary, "summary");
        secretValues = Set.copyOf(secretValues);
        Objects.requireNonNull(plan, "plan");
        // In the order given: the summary lists the metadata as the command put it.
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        Objects.requireNonNull(outputs, "outputs");
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(target, "target");
    }
}
