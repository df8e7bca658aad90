package io.headroom.cli.k6;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.core.metric.SeriesResult;
import io.headroom.core.metric.SeriesStats;
import io.headroom.core.result.RunInfo;
import io.headroom.demo.DemoConfig;
import io.headroom.demo.DemoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * k6 conformance: vectors taken from k6's own tests (each names the k6 file and test it comes from; k6 is
 * github.com/grafana/k6), run through the real {@code headroom} command line. Where Headroom differs on
 * purpose, the vector says so and docs/k6-compatibility.md explains why.
 *
 * <p>To add a vector, add a row to one of the tables ({@link #THRESHOLDS}, {@link #EXECUTORS}, {@link #SHORTCUTS},
 * {@link #TREND_STATS}, {@link #TAGS}); a vector that fails today because another change is pending gets its own
 * {@code @Disabled("pending: ...")} test that calls the same check, so enabling it is one line. Every run is
 * bounded to about a second and runs in this JVM (no child process) except where the process's exit code is the
 * point ({@link #aScriptErrorIsTheProcessExitCode107}).
 */
class K6ConformanceTest {
    @TempDir
    static Path dir;

    static DemoServer demo;
    private static final AtomicInteger FILES = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void startDemo() throws IOException {
        demo = DemoServer.start(DemoConfig.defaults());
    }

    @AfterAll
    static void stopDemo() {
        if (demo != null) demo.close();
    }

    // ---------------------------------------------------------------- threshold syntax

    /** A threshold expression on a metric and whether k6 accepts it. */
    record ThresholdVector(String k6Source, String metric, String expression, boolean accepted) {
        @Override
        public String toString() {
            return metric + ": " + expression + (accepted ? " accepted" : " rejected") + " (" + k6Source + ")";
        }
    }

    private static final String PARSER = "metrics/thresholds_parser_test.go ";
    private static final String VALIDATE = "metrics/thresholds_test.go TestThresholdsValidate";

    static final List<ThresholdVector> THRESHOLDS = List.of(
            new ThresholdVector(PARSER + "TestParseThresholdExpression/unknown expression's operator fails", "http_reqs", "count!20", false),
            new ThresholdVector(PARSER + "TestParseThresholdExpression/unknown expression's method fails", "http_reqs", "foo>20", false),
            new ThresholdVector(PARSER + "TestParseThresholdExpression/non numerical expression's value fails", "http_reqs", "count>abc", false),
            new ThresholdVector(PARSER + "TestParseThresholdExpression/valid threshold expression syntax", "http_reqs", "count>20", true),
            new ThresholdVector(PARSER + "TestParseThresholdAggregationMethod/count method is parsed", "http_reqs", "count>0", true),
            new ThresholdVector(PARSER + "TestParseThresholdAggregationMethod/rate method is parsed", "http_req_failed", "rate<0.1", true),
            new ThresholdVector(PARSER + "TestParseThresholdAggregationMethod/value method is parsed", "vus", "value<100", true),
            new ThresholdVector(PARSER + "TestParseThresholdAggregationMethod/avg method is parsed", "http_req_duration", "avg<200", true),
            new ThresholdVector(PARSER + "TestParseThresholdAggregationMethod/min method is parsed", "http_req_duration", "min<200", true),
            new ThresholdVector(PARSER + "TestParseThresholdAggregationMethod/max method is parsed", "http_req_duration", "max<200", true),
            new ThresholdVector(PARSER + "TestParseThresholdAggregationMethod/med method is parsed", "http_req_duration", "med<200", true),
            new ThresholdVector(PARSER + "TestParseThresholdAggregationMethod/percentile method with integer value", "http_req_duration", "p(99)<200", true),
            new ThresholdVector(PARSER + "TestParseThresholdAggregationMethod/percentile method with floating point value", "http_req_duration", "p(99.9)<200", true),
            new ThresholdVector(PARSER + "TestParseThresholdAggregationMethod/percentile method with zero value", "http_req_duration", "p(0)<200", true),
            new ThresholdVector(PARSER + "TestParseThresholdAggregationMethod/percentile method with 100 value", "http_req_duration", "p(100)<200", true),
            new ThresholdVector(PARSER + "TestParseThresholdAggregationMethod/parsing invalid method fails", "http_req_duration", "foo<200", false),
            new ThresholdVector(PARSER + "TestParseThresholdAggregationMethod/parsing empty percentile expression fails", "http_req_duration", "p()<200", false),
            new ThresholdVector(PARSER + "TestParseThresholdAggregationMethod/parsing incomplete percentile expression fails", "http_req_duration", "p(99<200", false),
            new ThresholdVector(PARSER + "TestParseThresholdAggregationMethod/parsing non-numerical percentile value fails", "http_req_duration", "p(foo)<200", false),
            new ThresholdVector(PARSER + "TestParseThresholdAggregationMethod/parsing negative percentile value fails", "http_req_duration", "p(-1)<200", false),
            new ThresholdVector(PARSER + "TestParseThresholdAggregationMethod/parsing percentile value greater than 100 fails", "http_req_duration", "p(101)<200", false),
            new ThresholdVector(PARSER + "TestParseThresholdAggregationMethod/parsing NaN percentile value fails", "http_req_duration", "p(NaN)<200", false),
            new ThresholdVector(PARSER + "TestParseThresholdAggregationMethod/parsing infinite percentile value fails", "http_req_duration", "p(+Inf)<200", false),
            new ThresholdVector(PARSER + "TestScanThresholdExpression/expression with <= operator", "http_reqs", "count<=20", true),
            new ThresholdVector(PARSER + "TestScanThresholdExpression/expression with < operator", "http_reqs", "count<20", true),
            new ThresholdVector(PARSER + "TestScanThresholdExpression/expression with >= operator", "http_reqs", "count>=20", true),
            new ThresholdVector(PARSER + "TestScanThresholdExpression/expression with > operator", "http_reqs", "count>20", true),
            new ThresholdVector(PARSER + "TestScanThresholdExpression/expression with === operator", "http_reqs", "count===20", true),
            new ThresholdVector(PARSER + "TestScanThresholdExpression/expression with == operator", "http_reqs", "count==20", true),
            new ThresholdVector(PARSER + "TestScanThresholdExpression/expression with != operator", "http_reqs", "count!=20", true),
            new ThresholdVector(PARSER + "TestScanThresholdExpression/expression's method is trimmed", "http_reqs", "  count  <=20", true),
            new ThresholdVector(PARSER + "TestScanThresholdExpression/expression's value is trimmed", "http_reqs", "count<=  20  ", true),
            new ThresholdVector("metrics/thresholds_test.go TestThresholdsParse/valid threshold expressions", "http_req_failed", "rate<1", true),
            new ThresholdVector("metrics/thresholds_test.go TestThresholdsParse/invalid threshold expressions", "http_req_failed", "foo&1", false),
            new ThresholdVector(VALIDATE + "/'rate' is valid against a counter metric", "http_reqs", "rate<100", true),
            new ThresholdVector(VALIDATE + "/'rate' is valid against a counter single tag submetric", "http_reqs{foo:bar}", "rate<100", true),
            new ThresholdVector(VALIDATE + "/'rate' is valid against a counter multi-tag submetric", "http_reqs{abc:123,easyas:doremi}", "rate<100", true),
            new ThresholdVector(VALIDATE + "/'value' is valid against a gauge metric", "vus_max", "value<100", true),
            new ThresholdVector(VALIDATE + "/'p(value)' is valid against a trend metric", "iteration_duration", "p(95)<100", true),
            // k6's Threshold.Validate: the aggregation must be one the metric's type supports.
            new ThresholdVector(VALIDATE + " (a trend's aggregation on a counter)", "http_reqs", "p(95)<100", false),
            new ThresholdVector(VALIDATE + " (a gauge's aggregation on a trend)", "http_req_duration", "value<100", false),
            new ThresholdVector(VALIDATE + " (a counter's aggregation on a rate)", "http_req_failed", "count<100", false));

    static Stream<ThresholdVector> thresholds() {
        return THRESHOLDS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("thresholds")
    void thresholdSyntaxAsK6(ThresholdVector v) throws IOException {
        Path plan = plan("""
                name: threshold-syntax
                thresholds:
                  %s: [%s]
                scenarios:
                  s:
                    executor: per-vu-iterations
                    vus: 1
                    iterations: 1
                    flow:
                      - think: 1ms
                """.formatted(quoted(v.metric()), quoted(v.expression())));
        K6Cli run = K6Cli.run(null, "validate", plan.toString());
        if (v.accepted()) {
            assertThat(run.exitCode()).as(run.toString()).isZero();
        } else {
            // k6 exits 104 (InvalidConfig); Headroom keeps the Unix usage code 2, naming file, line and field.
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
            assertThat(run.err()).as(run.toString()).contains(plan + ":3:").contains("thresholds.").doesNotContain("\tat ");
        }
    }

    // ---------------------------------------------------------------- executors

    /**
     * A scenario (YAML under {@code scenarios.s}) and its totals: iterations (complete ones) between
     * {@code minIterations} and {@code maxIterations}, and exactly {@code dropped} dropped iterations.
     */
    record ExecutorVector(String k6Source, String scenarioYaml, long minIterations, long maxIterations, long dropped) {
        static ExecutorVector exact(String k6Source, String yaml, long iterations, long dropped) {
            return new ExecutorVector(k6Source, yaml, iterations, iterations, dropped);
        }

        @Override
        public String toString() {
            return k6Source;
        }
    }

    static final List<ExecutorVector> EXECUTORS = List.of(
            // 10 VUs × 100 iterations = 1000 (k6 asserts totalIters == 1000).
            ExecutorVector.exact("lib/executor/per_vu_iterations_test.go TestPerVUIterationsRun", """
                    executor: per-vu-iterations
                    vus: 10
                    iterations: 100
                    maxDuration: 3s
                    flow: [{think: 1ms}]
                    """, 1000, 0),
            // 100 iterations shared by 10 VUs (k6 asserts totalIters == 100).
            ExecutorVector.exact("lib/executor/shared_iterations_test.go TestSharedIterationsRun", """
                    executor: shared-iterations
                    vus: 10
                    iterations: 100
                    maxDuration: 5s
                    flow: [{think: 1ms}]
                    """, 100, 0),
            // 10 VUs for 1 s, 210 ms per iteration: k6 (on a fake clock) counts 5 per VU = 50. On a shared machine a
            // real clock may lose the fifth round for some VUs: at most 50, at least 4 per VU.
            new ExecutorVector("lib/executor/constant_vus_test.go TestConstantVUsRun", """
                    executor: constant-vus
                    vus: 10
                    duration: 1s
                    flow: [{think: 210ms}]
                    """, 40, 50, 0),
            // 20 per second for 1 s from 5 VUs: 20 iterations, none dropped.
            ExecutorVector.exact("lib/executor/constant_arrival_rate_test.go TestConstantArrivalRateGlobalIters (config)", """
                    executor: constant-arrival-rate
                    rate: 20
                    timeUnit: 1s
                    duration: 1s
                    preAllocatedVUs: 5
                    maxVUs: 5
                    flow: [{think: 1ms}]
                    """, 20, 0),
            // 10/s for 950 ms (10 starts) from 5 VUs whose iterations never end: 5 start, 5 are dropped; with
            // gracefulStop 0s the 5 started ones are cut (k6: count == 5 started, dropped_iterations == 5).
            ExecutorVector.exact("lib/executor/constant_arrival_rate_test.go TestConstantArrivalRateDroppedIterations", """
                    executor: constant-arrival-rate
                    rate: 10
                    timeUnit: 1s
                    duration: 950ms
                    preAllocatedVUs: 5
                    maxVUs: 5
                    gracefulStop: 0s
                    flow: [{think: 10s}]
                    """, 0, 5),
            // k6's stages 5s→1, 1s→1, 5s→0 per 1 s give 6 iterations (expectedTimes has 6 entries); the same shape
            // scaled to a 100 ms timeUnit (500ms, 100ms, 500ms) gives the same 6.
            ExecutorVector.exact("lib/executor/ramping_arrival_rate_test.go TestRampingArrivalRateCal (scaled 1/10)", """
                    executor: ramping-arrival-rate
                    startRate: 0
                    timeUnit: 100ms
                    preAllocatedVUs: 2
                    maxVUs: 2
                    stages:
                      - {duration: 500ms, target: 1}
                      - {duration: 100ms, target: 1}
                      - {duration: 500ms, target: 0}
                    flow: [{think: 1ms}]
                    """, 6, 0));

    static Stream<ExecutorVector> executors() {
        return EXECUTORS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("executors")
    void executorTotalsAsK6(ExecutorVector v) throws IOException {
        checkExecutor(v);
    }

    /** k6: 5 VUs, 100 shared iterations that never end within maxDuration 1 s: 5 start, 95 dropped. */
    @Test
    void sharedIterationsDropWhatMaxDurationLeavesUnstarted() throws IOException {
        checkExecutor(ExecutorVector.exact("lib/executor/shared_iterations_test.go TestSharedIterationsEmitDroppedIterations", """
                executor: shared-iterations
                vus: 5
                iterations: 100
                maxDuration: 1s
                gracefulStop: 0s
                flow: [{think: 10s}]
                """, 0, 95));
    }

    /** k6: 5 VUs × 20 iterations that never end within maxDuration 1 s: 5 start, 95 dropped. */
    @Test
    void perVuIterationsDropWhatMaxDurationLeavesUnstarted() throws IOException {
        checkExecutor(ExecutorVector.exact("lib/executor/per_vu_iterations_test.go TestPerVuIterationsEmitDroppedIterations", """
                executor: per-vu-iterations
                vus: 5
                iterations: 20
                maxDuration: 1s
                gracefulStop: 0s
                flow: [{think: 10s}]
                """, 0, 95));
    }

    /**
     * k6: startVUs 5, stages 1s→5, 0s→3, 1s→3 (and gracefulRampDown 0s): VUs 5, then 3, then 0. Stages halved
     * here to stay short; the shape is the same.
     */
    @Test
    void rampingVusReachesItsStartVusAndEnds() throws IOException {
        Path plan = plan(scenarioPlan("""
                executor: ramping-vus
                startVUs: 5
                stages:
                  - {duration: 500ms, target: 5}
                  - {duration: 0s, target: 3}
                  - {duration: 500ms, target: 3}
                flow: [{think: 100ms}]
                """));
        K6Cli run = K6Cli.run(json(), "run", plan.toString(), "--quiet", "--no-warmup", "--accept-invalid-run");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.scenario().executor()).isEqualTo("ramping-vus");
        assertThat(run.scenario().maxVus()).as("lib/executor/ramping_vus_test.go TestRampingVUsRun").isEqualTo(5);
        assertThat(run.scenario().iterations()).isPositive();
    }

    /**
     * k6 ({@code lib/executor/ramping_vus.go}: with gracefulRampDown 0s the graceful steps equal the raw ones): the VU
     * removed at the end of the last stage is interrupted at once, so an iteration longer than the ramp never
     * completes, even with a long gracefulStop. Negative control below: with a gracefulRampDown longer than the
     * iteration, it completes.
     */
    @Test
    void gracefulRampDownZeroInterruptsTheVuRemovedAtTheEnd() throws IOException {
        checkExecutor(ExecutorVector.exact("lib/executor/ramping_vus.go (gracefulRampDown 0s)", """
                executor: ramping-vus
                startVUs: 1
                stages: [{duration: 500ms, target: 0}]
                gracefulRampDown: 0s
                gracefulStop: 5s
                flow: [{think: 1500ms}]
                """, 0, 0));
    }

    @Test
    void gracefulRampDownLongerThanTheIterationLetsItComplete() throws IOException {
        checkExecutor(ExecutorVector.exact("lib/executor/ramping_vus.go (gracefulRampDown 5s)", """
                executor: ramping-vus
                startVUs: 1
                stages: [{duration: 500ms, target: 0}]
                gracefulRampDown: 5s
                flow: [{think: 800ms}]
                """, 1, 0));
    }

    private void checkExecutor(ExecutorVector v) throws IOException {
        Path plan = plan(scenarioPlan(v.scenarioYaml()));
        // Dropped iterations make a run invalid (exit 98); these vectors count, they do not judge.
        K6Cli run = K6Cli.run(json(), "run", plan.toString(), "--quiet", "--no-warmup", "--accept-invalid-run");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        RunInfo.ScenarioInfo s = run.scenario();
        assertThat(s.iterations()).as(v.k6Source() + "\n" + run).isBetween(v.minIterations(), v.maxIterations());
        assertThat(s.droppedIterations()).as(v.k6Source() + "\n" + run).isEqualTo(v.dropped());
    }

    // ---------------------------------------------------------------- -u / -d / -i

    /**
     * Command-line execution shortcuts over a one-scenario YAML plan (constant-vus, 2 VUs, 30 s: what the flags
     * replace): the exit code and, when it runs, the executor, VUs and iterations k6 derives.
     */
    record ShortcutVector(String k6Source, List<String> flags, int exitCode, String executor, int vus, long iterations) {
        static ShortcutVector runs(String k6Source, List<String> flags, String executor, int vus, long iterations) {
            return new ShortcutVector(k6Source, flags, 0, executor, vus, iterations);
        }

        static ShortcutVector refused(String k6Source, List<String> flags) {
            return new ShortcutVector(k6Source, flags, 2, null, 0, -1);
        }

        @Override
        public String toString() {
            return String.join(" ", flags) + " (" + k6Source + ")";
        }
    }

    private static final String CONSOLIDATION = "internal/cmd/config_consolidation_test.go getConfigConsolidationTestCases ";

    static final List<ShortcutVector> SHORTCUTS = List.of(
            ShortcutVector.runs(CONSOLIDATION + "--vus 1 --iterations 5", List.of("--vus", "1", "--iterations", "5"), "shared-iterations", 1, 5),
            ShortcutVector.runs(CONSOLIDATION + "-u 2 -i 6", List.of("-u", "2", "-i", "6"), "shared-iterations", 2, 6),
            // k6: -d 123s → constant-vus with the default 1 VU; 1 s here to stay short. -1 = not counted (time-bound).
            ShortcutVector.runs(CONSOLIDATION + "-d 123s (1s)", List.of("-d", "1s"), "constant-vus", 1, -1),
            ShortcutVector.runs(CONSOLIDATION + "-u 3 -d 30s (1s)", List.of("-u", "3", "-d", "1s"), "constant-vus", 3, -1),
            ShortcutVector.runs(CONSOLIDATION + "-u 4 --duration 60s (1s)", List.of("-u", "4", "--duration", "1s"), "constant-vus", 4, -1),
            // -d beside -i is shared-iterations' maxDuration.
            ShortcutVector.runs(CONSOLIDATION + "-u 1 -i 6 -d 10s", List.of("-u", "1", "-i", "6", "-d", "10s"), "shared-iterations", 1, 6),
            ShortcutVector.runs(CONSOLIDATION + "--vus 10", List.of("--vus", "10"), "shared-iterations", 10, 10),
            ShortcutVector.refused(CONSOLIDATION + "--vus 10 -i 6 (more VUs than iterations: validation error)", List.of("--vus", "10", "-i", "6")),
            ShortcutVector.refused(CONSOLIDATION + "-u 3 -d 0 (derivation error)", List.of("-u", "3", "-d", "0")),
            ShortcutVector.refused(CONSOLIDATION + "--duration 1000 (intentionally unsupported)", List.of("--duration", "1000")),
            ShortcutVector.refused(CONSOLIDATION + "--duration blah", List.of("--duration", "blah")),
            ShortcutVector.refused(CONSOLIDATION + "--iterations blah", List.of("--iterations", "blah")),
            ShortcutVector.refused(CONSOLIDATION + "--blah blah", List.of("--blah", "blah")));

    static Stream<ShortcutVector> shortcuts() {
        return SHORTCUTS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shortcuts")
    void executionShortcutsReplaceThePlansScenarioAsK6(ShortcutVector v) throws IOException {
        Path plan = plan(scenarioPlan("""
                executor: constant-vus
                vus: 2
                duration: 30s
                flow: [{think: 10ms}]
                """));
        List<String> args = new ArrayList<>(List.of("run", plan.toString(), "--quiet", "--no-warmup", "--accept-invalid-run"));
        args.addAll(v.flags());
        K6Cli run = K6Cli.run(json(), args.toArray(String[]::new));
        assertThat(run.exitCode()).as(v + "\n" + run).isEqualTo(v.exitCode());
        if (v.exitCode() != 0) {
            assertThat(run.err()).as(run.toString()).doesNotContain("\tat ");
            return;
        }
        RunInfo.ScenarioInfo s = run.scenario();
        assertThat(s.name()).isEqualTo("default");
        assertThat(s.executor()).isEqualTo(v.executor());
        assertThat(s.maxVus()).isEqualTo(v.vus());
        if (v.iterations() >= 0) assertThat(s.iterations()).as(run.toString()).isEqualTo(v.iterations());
        // k6: "cli" level configuration overrode scenarios configuration entirely
        assertThat(run.err()).contains("overrode the scenarios of " + plan);
    }

    /** k6 (same file): --vus 8 over a script's shared-iterations 100/100 warns and runs shared-iterations 8/8. */
    @Test
    void vusAloneOverridesTheScenarioWithAWarning() throws IOException {
        Path plan = plan(scenarioPlan("""
                executor: shared-iterations
                vus: 100
                iterations: 100
                flow: [{think: 1ms}]
                """));
        K6Cli run = K6Cli.run(json(), "run", plan.toString(), "--quiet", "--no-warmup", "--vus", "8");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.scenario().iterations()).isEqualTo(8);
        assertThat(run.scenario().maxVus()).isEqualTo(8);
        assertThat(run.err()).contains("warning: --vus overrode the scenarios");
        // Negative control: without a flag the plan's own scenario runs, and nothing is said.
        K6Cli own = K6Cli.run(json(), "run", plan.toString(), "--quiet", "--no-warmup");
        assertThat(own.scenario().iterations()).isEqualTo(100);
        assertThat(own.scenario().name()).isEqualTo("s");
        assertThat(own.err()).doesNotContain("overrode");
    }

    /**
     * k6's command line also overrides the options a script exports; so do the flags over a Java scenario's
     * {@code options()} (here per-vu-iterations 1 × 3), with the same warning.
     */
    @Test
    void shortcutsOverrideAJavaScenariosOptions() throws IOException {
        Path java = dir.resolve("OwnOptions.java");
        Files.writeString(java, """
                import io.headroom.script.Options;
                import io.headroom.script.Scenario;
                import io.headroom.script.Vu;

                public final class OwnOptions implements Scenario {
                    public void iteration(Vu vu) {}

                    public Options options() {
                        return Options.perVuIterations(1, 3).threshold("iterations", "count>0");
                    }
                }
                """);
        K6Cli run = K6Cli.run(json(), "run", java.toString(), "--quiet", "--no-warmup", "-u", "2", "-i", "5");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.scenario().name()).isEqualTo("default");
        assertThat(run.scenario().executor()).isEqualTo("shared-iterations");
        assertThat(run.scenario().iterations()).isEqualTo(5);
        assertThat(run.summary().thresholds()).as("the options' thresholds stay, as in k6").hasSize(1);
        assertThat(run.err()).contains("overrode the scenarios of " + java);
        K6Cli own = K6Cli.run(json(), "run", java.toString(), "--quiet", "--no-warmup");
        assertThat(own.scenario().iterations()).as("negative control").isEqualTo(3);
        assertThat(own.err()).doesNotContain("overrode");
    }

    /**
     * A Java scenario whose options() returns null has no scenarios to override: the flags are its options, by
     * k6's derivation ({@code --vus 10} alone → shared-iterations 10 × 10), and nothing is said.
     */
    @Test
    void shortcutsAreTheOptionsOfAJavaScenarioWithoutAny() throws IOException {
        Path java = dir.resolve("NoOptions.java");
        Files.writeString(java, """
                import io.headroom.script.Scenario;
                import io.headroom.script.Vu;

                public final class NoOptions implements Scenario {
                    public void iteration(Vu vu) {}
                }
                """);
        K6Cli run = K6Cli.run(json(), "run", java.toString(), "--quiet", "--no-warmup", "--vus", "3");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.scenario().executor()).isEqualTo("shared-iterations");
        assertThat(run.scenario().iterations()).isEqualTo(3);
        assertThat(run.err()).doesNotContain("overrode");
        // k6's default with no execution options at all: 1 VU, 1 iteration (verifyOneIterPerOneVU).
        K6Cli bare = K6Cli.run(json(), "run", java.toString(), "--quiet", "--no-warmup");
        assertThat(bare.scenario().executor()).isEqualTo("per-vu-iterations");
        assertThat(bare.scenario().iterations()).isEqualTo(1);
    }

    /** Headroom's own rule (k6 would run the default function, which a YAML plan does not have). */
    @Test
    void shortcutsOverSeveralScenariosAreRefusedNamingThem() throws IOException {
        Path plan = plan("""
                name: two
                scenarios:
                  browse:
                    executor: per-vu-iterations
                    flow: [{think: 1ms}]
                  buy:
                    executor: per-vu-iterations
                    flow: [{think: 2ms}]
                """);
        K6Cli run = K6Cli.run(null, "run", plan.toString(), "--quiet", "-d", "1s");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains(plan.toString(), "2 (browse, buy)", "--duration").doesNotContain("\tat ");
        // Negative control: the same plan runs without the flag.
        assertThat(K6Cli.run(null, "run", plan.toString(), "--quiet", "--no-warmup").exitCode()).isZero();
    }

    // ---------------------------------------------------------------- --summary-trend-stats, --tag, --no-*

    /** A {@code --summary-trend-stats} value and whether k6 accepts it. */
    record TrendStatsVector(String k6Source, String value, boolean accepted) {
        @Override
        public String toString() {
            return "'" + value + "' " + (accepted ? "accepted" : "rejected") + " (" + k6Source + ")";
        }
    }

    private static final String RESOLVERS = "metrics/sample_test.go TestGetResolversForTrendColumnsValidation";

    static final List<TrendStatsVector> TREND_STATS = List.of(
            new TrendStatsVector(RESOLVERS, "avg,min,med,max,p(0),p(99),p(99.999),count", true),
            new TrendStatsVector(RESOLVERS, "avg,p(err)", false),
            new TrendStatsVector(RESOLVERS, "nil,p(err)", false),
            new TrendStatsVector(RESOLVERS, "p90", false),
            new TrendStatsVector(RESOLVERS, "p(90", false),
            new TrendStatsVector(RESOLVERS, " avg", false),
            new TrendStatsVector(RESOLVERS, "avg ", false),
            new TrendStatsVector(RESOLVERS, ",avg ", false),
            new TrendStatsVector(RESOLVERS, "p(-1)", false),
            new TrendStatsVector(RESOLVERS, "p(101)", false),
            new TrendStatsVector(RESOLVERS, "p(1)", true),
            new TrendStatsVector(CONSOLIDATION + "--summary-trend-stats \"\"", "", true),
            new TrendStatsVector(CONSOLIDATION + "coun", "coun", false),
            new TrendStatsVector(CONSOLIDATION + "med,avg,p(", "med,avg,p(", false),
            new TrendStatsVector(CONSOLIDATION + "med,avg,p(99.999)", "med,avg,p(99.999)", true));

    static Stream<TrendStatsVector> trendStats() {
        return TREND_STATS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trendStats")
    void summaryTrendStatsAsK6(TrendStatsVector v) throws IOException {
        K6Cli run = K6Cli.run(null, "run", onePass().toString(), "--quiet", "--no-warmup", "--summary-trend-stats", v.value());
        if (!v.accepted()) {
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
            assertThat(run.err()).contains("--summary-trend-stats", "invalid").doesNotContain("\tat ");
            return;
        }
        assertThat(run.exitCode()).as(run.toString()).isZero();
        String row = run.out().lines().filter(l -> l.contains("iteration_duration")).findFirst().orElseThrow();
        if (v.value().isEmpty()) {
            assertThat(row).doesNotContain("=");
        } else {
            for (String stat : v.value().split(",")) assertThat(row).as(row).contains(stat + "=");
        }
    }

    /** A {@code --tag} value and whether k6 accepts it ({@code internal/cmd/options_test.go TestParseTagKeyValue}). */
    record TagVector(String value, boolean accepted, String why) {
        @Override
        public String toString() {
            return "'" + value + "' " + (accepted ? "accepted" : "rejected: " + why);
        }
    }

    static final List<TagVector> TAGS = List.of(
            new TagVector("", false, "empty string"),
            new TagVector("=", false, "empty name"),
            new TagVector("=test", false, "empty name"),
            new TagVector("test", false, "empty value"),
            new TagVector("test=", false, "empty value"),
            new TagVector("myTag=foo", true, null));

    static Stream<TagVector> tags() {
        return TAGS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tags")
    void runTagsAsK6(TagVector v) throws IOException {
        K6Cli run = K6Cli.run(json(), "run", onePass().toString(), "--quiet", "--no-warmup", "--tag", v.value());
        if (!v.accepted()) {
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
            assertThat(run.err()).contains("--tag", v.why()).doesNotContain("\tat ");
            return;
        }
        assertThat(run.exitCode()).as(run.toString()).isZero();
        String[] kv = v.value().split("=", 2);
        List<SeriesResult> tagged = run.summary().series().stream().filter(s -> kv[1].equals(s.tags().asMap().get(kv[0]))).toList();
        assertThat(tagged.stream().map(SeriesResult::metric)).contains("iterations", "iteration_duration");
    }

    /** k6's --no-thresholds ({@code internal/cmd/runtime_options.go}): a crossed threshold no longer fails the run. */
    @Test
    void noThresholdsMeansACrossedThresholdExits0() throws IOException {
        Path plan = plan("""
                name: crossed
                thresholds:
                  iterations: ["count<1"]
                scenarios:
                  s:
                    executor: per-vu-iterations
                    flow: [{think: 1ms}]
                """);
        K6Cli gated = K6Cli.run(null, "run", plan.toString(), "--quiet", "--no-warmup");
        assertThat(gated.exitCode()).as("negative control\n" + gated).isEqualTo(99);
        K6Cli free = K6Cli.run(null, "run", plan.toString(), "--quiet", "--no-warmup", "--no-thresholds");
        assertThat(free.exitCode()).as(free.toString()).isZero();
        assertThat(free.out()).doesNotContain("count<1");
    }

    /** k6's --no-summary: no end-of-test summary; the files asked for are still written. */
    @Test
    void noSummaryPrintsNoSummaryButWritesFiles() throws IOException {
        Path json = json();
        K6Cli quiet = K6Cli.run(json, "run", onePass().toString(), "--quiet", "--no-warmup", "--no-summary");
        assertThat(quiet.exitCode()).as(quiet.toString()).isZero();
        assertThat(quiet.out()).doesNotContain("METRICS", "iteration_duration");
        assertThat(quiet.summary()).isNotNull();
        K6Cli loud = K6Cli.run(null, "run", onePass().toString(), "--quiet", "--no-warmup");
        assertThat(loud.out()).as("negative control").contains("METRICS", "iteration_duration");
    }

    /**
     * k6's {@code --out json=FILE} and {@code -o csv=FILE} (repeatable) write k6's line formats, one point per series
     * per second: every JSON line is a Metric or a Point, each metric declared before its first point; the points'
     * values of http_reqs add up to the summary's count, in both files.
     */
    @Test
    void outJsonAndCsvWriteK6sLineFormats() throws IOException {
        Path json = dir.resolve("out-" + FILES.incrementAndGet() + ".json");
        Path csv = dir.resolve("out-" + FILES.incrementAndGet() + ".csv");
        Path summary = dir.resolve("out-summary-" + FILES.incrementAndGet() + ".json");
        Path plan = plan("""
                name: out
                baseUrl: %s
                scenarios:
                  s:
                    executor: constant-arrival-rate
                    rate: 20
                    timeUnit: 1s
                    duration: 2s
                    preAllocatedVUs: 2
                    flow:
                      - get: /products?limit=5
                        name: products
                """.formatted(demo.baseUrl()));
        K6Cli run = K6Cli.run(summary, "run", plan.toString(), "--quiet", "--no-warmup", "--accept-invalid-run", "--out", "json=" + json, "-o", "csv=" + csv);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        double requests = run.summary().series().stream().filter(x -> x.metric().equals("http_reqs") && x.tags().isEmpty())
                .mapToDouble(x -> ((SeriesStats.CounterStats) x.stats()).count()).sum();
        assertThat(requests).isPositive();

        Set<String> declared = new TreeSet<>();
        double fromJson = 0;
        for (String line : Files.readAllLines(json)) {
            JsonNode node = JSON.readTree(line);
            String metric = node.get("metric").asText();
            switch (node.get("type").asText()) {
                case "Metric" -> {
                    declared.add(metric);
                    assertThat(node.at("/data/type").asText()).isIn("counter", "gauge", "rate", "trend");
                }
                case "Point" -> {
                    assertThat(declared).as("Metric line before the first Point of " + metric).contains(metric);
                    assertThat(node.at("/data/time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
                    if (metric.equals("http_reqs")) fromJson += node.at("/data/value").asDouble();
                }
                default -> throw new AssertionError("neither Metric nor Point: " + line);
            }
        }
        assertThat(fromJson).isEqualTo(requests);
        assertThat(declared).contains("http_reqs", "http_req_duration", "iterations", "vus");

        List<String> rows = Files.readAllLines(csv);
        assertThat(rows.getFirst()).startsWith("metric_name,timestamp,metric_value,check,error,error_code,expected_response,"
                + "group,method,name,proto,scenario,service,status,subproto,tls_version,url,extra_tags,metadata");
        double fromCsv = rows.stream().skip(1).map(r -> r.split(",", -1)).filter(c -> c[0].equals("http_reqs"))
                .mapToDouble(c -> Double.parseDouble(c[2])).sum();
        assertThat(fromCsv).isEqualTo(requests);
    }

    /** An output k6 has and Headroom does not (yet) is refused before the run, naming the kinds there are. */
    @Test
    void outRefusesAKindItDoesNotKnow() throws IOException {
        K6Cli run = K6Cli.run(null, "run", onePass().toString(), "--out", "influxdb=http://127.0.0.1:8086/k6");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown output kind 'influxdb'", "prometheus-rw=URL", "json=FILE", "csv=FILE")
                .doesNotContain("\tat ");
        K6Cli known = K6Cli.run(null, "run", onePass().toString(), "--quiet", "--out", "json=" + dir.resolve("known.json"));
        assertThat(known.exitCode()).as("positive control: " + known).isZero();
    }

    // ---------------------------------------------------------------- the summary's metrics, against the demo

    /** k6's built-in metric names a k6 user looks for in the summary ({@code metrics/builtin.go}). */
    static final List<String> K6_BUILTIN_METRICS = List.of("http_reqs", "http_req_duration", "http_req_blocked",
            "http_req_connecting", "http_req_tls_handshaking", "http_req_sending", "http_req_waiting",
            "http_req_receiving", "http_req_failed", "iterations", "iteration_duration", "vus", "vus_max",
            "data_sent", "data_received", "checks");

    @Test
    void summaryHasK6sBuiltinMetricsInEveryOutput() throws IOException {
        K6Cli run = demoRun();
        // 99: the plan crosses count<1 on purpose, so that the export shows a failed threshold.
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(99);
        Set<String> inJson = run.summary().series().stream().map(SeriesResult::metric).collect(Collectors.toCollection(TreeSet::new));
        assertThat(inJson).containsAll(K6_BUILTIN_METRICS);
        JsonNode export = JSON.readTree(dir.resolve("demo-k6.json").toFile());
        for (String metric : K6_BUILTIN_METRICS) {
            assertThat(export.path("metrics").has(metric)).as(metric + " in --summary-export").isTrue();
            // The console shows checks as its CHECKS section (see the pending vector below).
            if (!metric.equals("checks")) assertThat(run.out()).as(metric + " in the console summary").contains(metric);
        }
        assertThat(run.out()).contains("CHECKS");
    }

    /**
     * k6 1.x's end-of-test summary counts checks as checks_total, checks_succeeded, checks_failed
     * ({@code internal/cmd/tests/cmd_run_test.go TestSummaryExport}: "checks_total.......: 1").
     */
    @Test
    void summaryHasK6sChecksCounters() throws IOException {
        K6Cli run = demoRun();
        assertThat(run.out()).contains("checks_total", "checks_succeeded", "checks_failed");
    }

    /** k6: {@code group_duration} for every group ({@code metrics/builtin.go GroupDurationName}). */
    @Test
    void summaryHasGroupDuration() throws IOException {
        K6Cli run = demoRun();
        assertThat(run.summary().series().stream().map(SeriesResult::metric)).contains("group_duration");
        assertThat(run.out()).contains("group_duration");
    }

    /**
     * k6's legacy --summary-export layout ({@code internal/js/summary_test.go expectedOldJSONExportResult}): ids
     * are the MD5 of the path, counters have count and rate, rates value/passes/fails, gauges value/min/max, trends
     * the --summary-trend-stats, and a threshold maps to whether it failed.
     */
    @Test
    void summaryExportHasK6sLegacyLayout() throws IOException {
        K6Cli run = demoRun();
        // 99: the plan crosses count<1 on purpose, so that the export shows a failed threshold.
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(99);
        JsonNode export = JSON.readTree(dir.resolve("demo-k6.json").toFile());
        JsonNode root = export.path("root_group");
        assertThat(root.path("id").asText()).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
        JsonNode child = root.path("groups").path("child");
        assertThat(child.path("path").asText()).isEqualTo("::child");
        assertThat(child.path("id").asText()).isEqualTo("f41cbb53a398ec1c9fb3d33e20c9b040");
        JsonNode check1 = child.path("checks").path("check1");
        assertThat(check1.path("path").asText()).isEqualTo("::child::check1");
        assertThat(check1.path("id").asText()).isEqualTo("6289a7a06253a1c3f6137dfb25695563");
        assertThat(check1.path("passes").asLong()).isEqualTo(3);
        assertThat(check1.path("fails").asLong()).isZero();
        JsonNode metrics = export.path("metrics");
        assertThat(metrics.path("http_reqs").path("count").asLong()).isEqualTo(3);
        assertThat(metrics.path("http_reqs").has("rate")).isTrue();
        assertThat(metrics.path("checks").path("value").asDouble()).isEqualTo(1.0);
        assertThat(metrics.path("checks").path("passes").asLong()).isEqualTo(3);
        assertThat(metrics.path("vus_max").has("value")).isTrue();
        assertThat(fieldNames(metrics.path("http_req_duration"))).contains("avg", "min", "med", "max", "p(90)", "p(95)",
                "p(99.9)", "count");
        assertThat(metrics.path("http_req_duration").path("count").asLong()).isEqualTo(3);
        // k6 writes LastFailed: true is a crossed threshold, false one that held.
        assertThat(metrics.path("http_req_duration").path("thresholds").path("max<60000").asBoolean(true)).isFalse();
        assertThat(metrics.path("iterations").path("thresholds").path("count<1").asBoolean(false)).isTrue();
        // --tag runs through to the JSON summary's series.
        assertThat(run.summary().series()).anySatisfy(s -> {
            assertThat(s.metric()).isEqualTo("http_reqs");
            assertThat(s.tags().asMap()).containsEntry("testid", "k6conf");
        });
    }

    /**
     * k6's {@code internal/cmd/tests/cmd_run_test.go TestSummaryExport}, as a Java scenario: one iteration that adds 1
     * to a counter custom_iterations and passes the check "TRUE is TRUE" at the root group. k6's export has that
     * check under root_group with id 1bed1cc5e442054df516f1ca1076ac6a, counts 1, and no checks_* metrics.
     */
    @Test
    void summaryExportAsK6sTestSummaryExport() throws IOException {
        Path java = dir.resolve("SummaryExport.java");
        Files.writeString(java, """
                import io.headroom.script.Scenario;
                import io.headroom.script.Vu;

                public final class SummaryExport implements Scenario {
                    public void iteration(Vu vu) {
                        vu.counter("custom_iterations").add(1);
                        vu.check("TRUE is TRUE", true);
                    }
                }
                """);
        Path export = dir.resolve("summary-export-k6.json");
        K6Cli run = K6Cli.run(null, "run", java.toString(), "--quiet", "--no-warmup", "--summary-export", export.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode k6 = JSON.readTree(export.toFile());
        assertThat(k6.path("root_group")).isEqualTo(JSON.readTree("""
                {"name": "", "path": "", "id": "d41d8cd98f00b204e9800998ecf8427e", "groups": {},
                 "checks": {"TRUE is TRUE": {"name": "TRUE is TRUE", "path": "::TRUE is TRUE",
                            "id": "1bed1cc5e442054df516f1ca1076ac6a", "passes": 1, "fails": 0}}}
                """));
        JsonNode metrics = k6.path("metrics");
        assertThat(metrics.path("custom_iterations").path("count").asDouble()).isEqualTo(1.0);
        assertThat(metrics.path("iterations").path("count").asDouble()).isEqualTo(1.0);
        assertThat(metrics.path("checks").path("passes").asDouble()).isEqualTo(1.0);
        assertThat(metrics.path("checks").path("fails").asDouble()).isEqualTo(0.0);
        assertThat(metrics.path("checks").path("value").asDouble()).isEqualTo(1.0);
        assertThat(fieldNames(metrics)).doesNotContain("checks_total", "checks_succeeded", "checks_failed");
    }

    private static K6Cli demoRunResult;

    /** One run against the demo shared by the summary vectors: 3 iterations of a group "child" with a check "check1". */
    private static synchronized K6Cli demoRun() throws IOException {
        if (demoRunResult != null) return demoRunResult;
        Path plan = plan("""
                name: builtins
                baseUrl: %s
                thresholds:
                  http_req_duration: ["max<60000"]
                  iterations: ["count<1"]
                scenarios:
                  s:
                    executor: shared-iterations
                    vus: 1
                    iterations: 3
                    flow:
                      - group: child
                        flow:
                          - get: /products?limit=1
                            checks: [{status: 200, name: check1}]
                """.formatted(demo.baseUrl()));
        demoRunResult = K6Cli.run(dir.resolve("demo.json"), "run", plan.toString(), "--quiet", "--no-warmup",
                "--accept-invalid-run", "--summary-export", dir.resolve("demo-k6.json").toString(), "--tag", "testid=k6conf",
                "--summary-trend-stats", "avg,min,med,max,p(90),p(95),p(99.9),count");
        return demoRunResult;
    }

    // ---------------------------------------------------------------- exact trend statistics

    /**
     * k6's summary of a trend with the samples 10, 15, 20 ({@code internal/js/summary_test.go createTestMetrics}):
     * min 10 and count 3 hold; avg 15, med 15, max 20 and the interpolated p(90) 19, p(95) 19.5, p(99) 19.9 are
     * pending (statistics read from HDR buckets of 3 significant digits give 15.005 for an avg of 15 today).
     */
    @Test
    void trendOfThreeSamplesAsK6() throws IOException {
        JsonNode trend = threeSampleTrend();
        assertThat(trend.path("min").asDouble()).isEqualTo(10);
        assertThat(trend.path("count").asLong()).isEqualTo(3);
        assertThat(trend.path("avg").asDouble()).isCloseTo(15, org.assertj.core.data.Offset.offset(0.05));
    }

    @Test
    void trendPercentilesOfThreeSamplesAsK6() throws IOException {
        JsonNode trend = threeSampleTrend();
        assertThat(trend.path("avg").asDouble()).isEqualTo(15);
        assertThat(trend.path("med").asDouble()).isEqualTo(15);
        assertThat(trend.path("max").asDouble()).isEqualTo(20);
        assertThat(trend.path("p(90)").asDouble()).isEqualTo(19);
        assertThat(trend.path("p(95)").asDouble()).isEqualTo(19.5);
        assertThat(trend.path("p(99)").asDouble()).isEqualTo(19.9);
    }

    private static JsonNode threeSampleTrendExport;

    private static synchronized JsonNode threeSampleTrend() throws IOException {
        if (threeSampleTrendExport != null) return threeSampleTrendExport;
        Path java = dir.resolve("ThreeSamples.java");
        Files.writeString(java, """
                import io.headroom.script.Options;
                import io.headroom.script.Scenario;
                import io.headroom.script.Vu;

                public final class ThreeSamples implements Scenario {
                    public void iteration(Vu vu) {
                        vu.trend("my_trend").record(10 + 5 * vu.iteration());
                    }

                    public Options options() {
                        return Options.perVuIterations(1, 3);
                    }
                }
                """);
        Path export = dir.resolve("three-k6.json");
        K6Cli run = K6Cli.run(null, "run", java.toString(), "--quiet", "--no-warmup", "--summary-export", export.toString(),
                "--summary-trend-stats", "avg,min,med,max,p(90),p(95),p(99),count");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        threeSampleTrendExport = JSON.readTree(export.toFile()).path("metrics").path("my_trend");
        return threeSampleTrendExport;
    }

    // ---------------------------------------------------------------- thresholds without data

    /**
     * k6 evaluates every threshold at the end, empty sinks included ({@code internal/metrics/engine/engine.go}
     * {@code evaluateThresholds(false, ...)}): {@code count>0} on a sub-metric with no samples is 0 > 0, crossed,
     * exit 99 ({@code internal/cmd/tests/cmd_run_test.go TestSubMetricThresholdNoData} shows the empty row).
     */
    @Test
    void countThresholdOnAnEmptySubMetricIsCrossedAsK6() throws IOException {
        Path plan = plan("""
                name: no-data
                thresholds:
                  "iterations{scenario:nobody}": ["count>0"]
                scenarios:
                  s:
                    executor: per-vu-iterations
                    flow: [{think: 1ms}]
                """);
        K6Cli run = K6Cli.run(null, "run", plan.toString(), "--quiet", "--no-warmup");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(99);
    }

    // ---------------------------------------------------------------- script errors

    /** k6's ScriptException (107, {@code errext/exitcodes/codes.go}): the user's frame, no Headroom frames. */
    @Test
    void anExceptionInTheScenariosSetUpExits107WithTheUsersFrames() throws IOException {
        Path java = throwingScenario("ThrowsInSetUp");
        K6Cli run = K6Cli.run(null, "run", java.toString(), "--quiet", "--no-warmup");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(107);
        assertThat(run.err()).contains("script error in " + java, "java.lang.IllegalStateException: no token",
                "at ThrowsInSetUp.login(ThrowsInSetUp.java:14)", "at ThrowsInSetUp.<init>(ThrowsInSetUp.java:9)",
                "caused by java.io.IOException: token file missing");
        assertThat(run.err()).doesNotContain("at io.headroom.", "at java.", "at jdk.");
    }

    @Test
    void aScriptErrorIsTheProcessExitCode107() throws Exception {
        Path java = throwingScenario("ThrowsInChild");
        K6Cli run = K6Cli.child("run", java.toString(), "--quiet", "--no-warmup");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(107);
        assertThat(run.err()).contains("at ThrowsInChild.<init>(ThrowsInChild.java:9)");
    }

    /**
     * An exception in iteration() ends that iteration and the run goes on (k6: {@code lib/executor/helpers.go}
     * {@code getIterationRunner} logs it and goes on). Headroom counts it in headroom_iteration_errors, not in
     * iterations (k6 counts it as a full iteration): see docs/k6-compatibility.md.
     */
    @Test
    void anExceptionInAnIterationIsCountedAndTheRunGoesOn() throws IOException {
        Path java = dir.resolve("ThrowsEverySecondIteration.java");
        Files.writeString(java, """
                import io.headroom.script.Options;
                import io.headroom.script.Scenario;
                import io.headroom.script.Vu;

                public final class ThrowsEverySecondIteration implements Scenario {
                    public void iteration(Vu vu) {
                        if (vu.iteration() %% 2 == 1) throw new IllegalStateException("odd");
                    }

                    public Options options() {
                        return Options.perVuIterations(1, 4);
                    }
                }
                """.replace("%%", "%"));
        K6Cli run = K6Cli.run(json(), "run", java.toString(), "--quiet", "--no-warmup");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).doesNotContain("\tat ");
        assertThat(run.scenario().iterations()).isEqualTo(2);
        double errors = run.summary().series().stream()
                .filter(s -> s.metric().equals("headroom_iteration_errors") && s.stats() instanceof SeriesStats.CounterStats)
                .filter(s -> !s.tags().isEmpty())
                .mapToDouble(s -> ((SeriesStats.CounterStats) s.stats()).count()).sum();
        assertThat(errors).isEqualTo(2);
    }

    /** Lines 9 and 14 are the constructor's call and the throw; the cause carries its own message. */
    private static Path throwingScenario(String name) throws IOException {
        Path java = dir.resolve(name + ".java");
        Files.writeString(java, """
                import io.headroom.script.Scenario;
                import io.headroom.script.Vu;

                import java.io.IOException;

                public final class %1$s implements Scenario {
                    private final String token;

                    public %1$s() { token = login(); }

                    private static String login() {
                        try { throw new IOException("token file missing"); }
                        catch (IOException e) {
                            throw new IllegalStateException("no token", e);
                        }
                    }

                    public void iteration(Vu vu) {}
                }
                """.formatted(name));
        return java;
    }

    // ---------------------------------------------------------------- helpers

    /** A plan of one scenario named {@code s}. */
    private static String scenarioPlan(String scenarioYaml) {
        return "name: vector\nscenarios:\n  s:\n" + scenarioYaml.indent(4);
    }

    /** 1 VU, 1 iteration of a 1 ms think: the cheapest run that has a trend (iteration_duration). */
    private static Path onePass() throws IOException {
        return plan(scenarioPlan("""
                executor: per-vu-iterations
                flow: [{think: 1ms}]
                """));
    }

    private static Path plan(String yaml) throws IOException {
        Path plan = dir.resolve("plan-" + FILES.incrementAndGet() + ".yaml");
        Files.writeString(plan, yaml);
        return plan;
    }

    private static Path json() {
        return dir.resolve("summary-" + FILES.incrementAndGet() + ".json");
    }

    /** A YAML double-quoted scalar. */
    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
