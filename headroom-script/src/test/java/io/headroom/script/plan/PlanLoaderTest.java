package io.headroom.script.plan;

import io.headroom.core.engine.RunSpec;
import io.headroom.core.plan.ExecutorSpec;
import io.headroom.core.plan.Stage;
import io.headroom.core.threshold.ThresholdSpec;
import io.headroom.script.DataStrategy;
import io.headroom.script.ExpectedStatuses;
import io.headroom.script.LatencyOrigin;
import io.headroom.script.JdkHttpTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PlanLoaderTest {
    @TempDir
    Path dir;

    private Plan load(String yaml) {
        return load(yaml, Map.of());
    }

    private Plan load(String yaml, Map<String, String> env) {
        PlanLoader loader = new PlanLoader(env::get);
        // Most plans here are about other things and use relative URLs: they get a base URL as --base-url would give one.
        if (!yaml.contains("baseUrl")) loader = loader.withBaseUrl("http://127.0.0.1:9");
        return loader.read(yaml, "plan.yaml", dir);
    }

    private List<String> errors(String yaml) {
        PlanException e = catchThrowableOfType(PlanException.class, () -> load(yaml));
        assertThat(e).as("expected the plan to be rejected").isNotNull();
        return e.errors().stream().map(PlanError::toString).toList();
    }

    private static String scenario(String executorLines) {
        return "scenarios:\n  s:\n" + executorLines.indent(4) + "    flow:\n      - get: /health\n";
    }

    private ExecutorSpec executor(String lines) {
        return load(scenario(lines)).scenarios().get(0).spec().executor();
    }

    @Test
    void readsConstantVus() {
        assertThat(executor("executor: constant-vus\nvus: 10\nduration: 30s"))
                .isEqualTo(new ExecutorSpec.ConstantVus(10, Duration.ofSeconds(30)));
    }

    @Test
    void readsRampingVusWithK6Defaults() {
        assertThat(executor("executor: ramping-vus\nstages: [{duration: 10s, target: 20}, {duration: 1m30s, target: 0}]"))
                .isEqualTo(new ExecutorSpec.RampingVus(1, List.of(new Stage(Duration.ofSeconds(10), 20),
                        new Stage(Duration.ofSeconds(90), 0)), Duration.ofSeconds(30)));
        assertThat(executor("executor: ramping-vus\nstartVUs: 0\ngracefulRampDown: 5s\nstages: [{duration: 10s, target: 5}]"))
                .isEqualTo(new ExecutorSpec.RampingVus(0, List.of(new Stage(Duration.ofSeconds(10), 5)), Duration.ofSeconds(5)));
    }

    @Test
    void readsConstantArrivalRate() {
        assertThat(executor("executor: constant-arrival-rate\nrate: 50\ntimeUnit: 1s\nduration: 1m\npreAllocatedVUs: 10\nmaxVUs: 40"))
                .isEqualTo(new ExecutorSpec.ConstantArrivalRate(50, Duration.ofSeconds(1), Duration.ofMinutes(1), 10, 40));
        // maxVUs defaults to preAllocatedVUs, timeUnit to 1s, as in k6.
        assertThat(executor("executor: constant-arrival-rate\nrate: 5\nduration: 10s\npreAllocatedVUs: 3"))
                .isEqualTo(new ExecutorSpec.ConstantArrivalRate(5, Duration.ofSeconds(1), Duration.ofSeconds(10), 3, 3));
    }

    @Test
    void acceptsNoPreAllocatedVusWithAMaxVusAsK6Does() {
        // k6 lib/executor/constant_arrival_rate.go Validate: preAllocatedVUs "can't be negative", 0 is fine
        assertThat(executor("executor: constant-arrival-rate\nrate: 5\nduration: 10s\npreAllocatedVUs: 0\nmaxVUs: 10"))
                .isEqualTo(new ExecutorSpec.ConstantArrivalRate(5, Duration.ofSeconds(1), Duration.ofSeconds(10), 0, 10));
        assertThat(executor("executor: ramping-arrival-rate\npreAllocatedVUs: 0\nmaxVUs: 3\nstages: [{duration: 5s, target: 10}]"))
                .isEqualTo(new ExecutorSpec.RampingArrivalRate(0, Duration.ofSeconds(1), List.of(new Stage(Duration.ofSeconds(5), 10)), 0, 3));
    }

    @Test
    void rejectsAPoolOfNoVusAtAllAndANegativeOne() {
        assertThat(errors(scenario("executor: constant-arrival-rate\nrate: 5\nduration: 10s\npreAllocatedVUs: 0")))
                .containsExactly("plan.yaml:3:5: scenarios.s.maxVUs: expected above 0 when preAllocatedVUs is 0 (the VUs are"
                        + " then started on demand, up to maxVUs), found 0");
        assertThat(errors(scenario("executor: constant-arrival-rate\nrate: 5\nduration: 10s\npreAllocatedVUs: -1\nmaxVUs: 3")))
                .containsExactly("plan.yaml:6:22: scenarios.s.preAllocatedVUs: expected a non-negative integer, found -1");
    }

    @Test
    void rejectsARampingVusThatNeverHasAVuWithK6sReason() {
        // k6 lib/executor/ramping_vus.go Validate rejects it; every stage at 0 and startVUs 0 would run nothing
        assertThat(errors(scenario("executor: ramping-vus\nstartVUs: 0\nstages: [{duration: 10s, target: 0}, {duration: 5s, target: 0}]")))
                .containsExactly("plan.yaml:5:13: scenarios.s.stages: either startVUs or one of the stages' target values must be greater than 0");
        // negative controls: one VU anywhere is enough
        assertThat(executor("executor: ramping-vus\nstartVUs: 1\nstages: [{duration: 10s, target: 0}]")).isNotNull();
        assertThat(executor("executor: ramping-vus\nstartVUs: 0\nstages: [{duration: 10s, target: 0}, {duration: 5s, target: 1}]"))
                .isNotNull();
    }

    @Test
    void readsRampingArrivalRate() {
        assertThat(executor("executor: ramping-arrival-rate\nstartRate: 10\ntimeUnit: 1m\npreAllocatedVUs: 5\nmaxVUs: 50\n"
                + "stages: [{duration: 30s, target: 100}]"))
                .isEqualTo(new ExecutorSpec.RampingArrivalRate(10, Duration.ofMinutes(1),
                        List.of(new Stage(Duration.ofSeconds(30), 100)), 5, 50));
    }

    @Test
    void readsPerVuIterations() {
        assertThat(executor("executor: per-vu-iterations\nvus: 4\niterations: 25\nmaxDuration: 2m"))
                .isEqualTo(new ExecutorSpec.PerVuIterations(4, 25, Duration.ofMinutes(2)));
        assertThat(executor("executor: per-vu-iterations"))
                .isEqualTo(new ExecutorSpec.PerVuIterations(1, 1, Duration.ofMinutes(10)));
    }

    @Test
    void readsSharedIterations() {
        assertThat(executor("executor: shared-iterations\nvus: 3\niterations: 100"))
                .isEqualTo(new ExecutorSpec.SharedIterations(3, 100, Duration.ofMinutes(10)));
    }

    @Test
    void readsScenarioTimingAndMergesPlanTags() {
        Plan plan = load("""
                name: checkout
                tags: {env: demo, team: shop}
                scenarios:
                  browse:
                    executor: constant-vus
                    duration: 10s
                    startTime: 5s
                    gracefulStop: 2s
                    tags: {team: web}
                    flow: [{get: /health}]
                """);
        var spec = plan.scenarios().get(0).spec();
        assertThat(spec.name()).isEqualTo("browse");
        assertThat(spec.startTime()).isEqualTo(Duration.ofSeconds(5));
        assertThat(spec.gracefulStop()).isEqualTo(Duration.ofSeconds(2));
        assertThat(spec.tags()).isEqualTo(Map.of("env", "demo", "team", "web"));
        assertThat(plan.name()).isEqualTo("checkout");
        assertThat(plan.maxDuration()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void substitutesEnvironmentVariablesWithTypesReResolved() {
        String yaml = """
                baseUrl: ${ENV:BASE_URL:-http://127.0.0.1:8080}
                scenarios:
                  s:
                    executor: constant-vus
                    vus: ${ENV:VUS:-3}
                    duration: ${ENV:DURATION:-10s}
                    flow: [{get: /health}]
                """;
        Plan defaults = load(yaml);
        assertThat(defaults.baseUrl()).isEqualTo("http://127.0.0.1:8080");
        assertThat(defaults.scenarios().get(0).spec().executor()).isEqualTo(new ExecutorSpec.ConstantVus(3, Duration.ofSeconds(10)));
        Plan set = load(yaml, Map.of("BASE_URL", "http://localhost:9999", "VUS", "7"));
        assertThat(set.baseUrl()).isEqualTo("http://localhost:9999");
        assertThat(set.scenarios().get(0).spec().executor()).isEqualTo(new ExecutorSpec.ConstantVus(7, Duration.ofSeconds(10)));
    }

    @Test
    void anUndefinedEnvironmentVariableIsAPlanErrorWithItsPosition() {
        assertThat(errors("""
                baseUrl: ${ENV:TARGET}
                scenarios:
                  s: {executor: constant-vus, duration: 1s, flow: [{get: /}]}
                """)).containsExactly(
                "plan.yaml:1:10: baseUrl: environment variable TARGET is not set (give a default with ${ENV:TARGET:-value})");
    }

    @Test
    void anUndefinedEnvironmentVariableInAnExecutorPoolOptionIsReportedOnce() {
        // The option's own type error is not repeated on a value the failed reference spoiled; the spec is
        // then not built (this used to fail with a NullPointerException on the missing pool).
        assertThat(errors("""
                scenarios:
                  s: {executor: constant-arrival-rate, rate: 10, duration: 1s, preAllocatedVUs: "${ENV:POOL}", flow: [{get: /}]}
                """)).containsExactly(
                "plan.yaml:2:81: scenarios.s.preAllocatedVUs: environment variable POOL is not set (give a default with ${ENV:POOL:-value})");
    }

    @Test
    void goldenThreeMistakes() {
        PlanException e = catchThrowableOfType(PlanException.class, () -> load("""
                name: broken
                scenarios:
                  shoppers:
                    executor: constant-vus
                    vus: ten
                    durration: 30s
                    flow:
                      - get: /health
                thresholds:
                  http_req_duration: ["p95<500"]
                """));
        assertThat(e.getMessage()).isEqualTo("""
                plan.yaml:5:10: scenarios.shoppers.vus: expected a positive integer, found "ten"
                plan.yaml:6:5: scenarios.shoppers.durration: unknown key 'durration' (did you mean 'duration'?)
                plan.yaml:10:25: thresholds.http_req_duration[0]: invalid threshold "p95<500": expected '(' after p, as in p(95) (expected AGGREGATION OPERATOR NUMBER, such as "p(95)<500", "avg<200", "rate<0.01" or "count>0")""");
    }

    @Test
    void reportsMissingOptionsPerExecutor() {
        assertThat(errors(scenario("executor: constant-vus")))
                .containsExactly("plan.yaml:2:3: scenarios.s: missing 'duration' (required by executor constant-vus)");
        assertThat(errors(scenario("executor: ramping-vus")))
                .containsExactly("plan.yaml:2:3: scenarios.s: missing 'stages' (required by executor ramping-vus)");
        assertThat(errors(scenario("executor: constant-arrival-rate")))
                .containsExactly("plan.yaml:2:3: scenarios.s: missing 'rate' (required by executor constant-arrival-rate)",
                        "plan.yaml:2:3: scenarios.s: missing 'duration' (required by executor constant-arrival-rate)",
                        "plan.yaml:2:3: scenarios.s: missing 'preAllocatedVUs' (required by executor constant-arrival-rate)");
        assertThat(errors(scenario("executor: ramping-arrival-rate")))
                .containsExactly("plan.yaml:2:3: scenarios.s: missing 'stages' (required by executor ramping-arrival-rate)",
                        "plan.yaml:2:3: scenarios.s: missing 'preAllocatedVUs' (required by executor ramping-arrival-rate)");
    }

    @Test
    void rejectsOptionsOfAnotherExecutorAndUnknownExecutors() {
        assertThat(errors(scenario("executor: constant-vus\nduration: 10s\nrate: 5"))).containsExactly(
                "plan.yaml:5:5: scenarios.s.rate: option 'rate' does not apply to executor constant-vus (its options are vus, duration)");
        assertThat(errors(scenario("executor: constant-vu\nduration: 10s"))).containsExactly(
                "plan.yaml:3:15: scenarios.s.executor: unknown executor \"constant-vu\" (did you mean 'constant-vus'?)");
    }

    @Test
    void validatesExecutorValues() {
        assertThat(errors(scenario("executor: constant-arrival-rate\nrate: 0\nduration: 10\npreAllocatedVUs: 5\nmaxVUs: 2")))
                .containsExactly(
                        "plan.yaml:4:11: scenarios.s.rate: expected a positive integer, found 0",
                        "plan.yaml:5:15: scenarios.s.duration: expected a duration such as 500ms, 10s, 5m or 1h30m, found 10",
                        "plan.yaml:7:13: scenarios.s.maxVUs: expected at least preAllocatedVUs (5), found 2");
        assertThat(errors(scenario("executor: shared-iterations\nvus: 10\niterations: 5"))).containsExactly(
                "plan.yaml:5:17: scenarios.s.iterations: shared-iterations needs at least as many iterations as VUs, found 5 iterations for 10 VUs");
        assertThat(errors(scenario("executor: ramping-vus\nstages: [{duration: 10s}, {target: -1, duration: x}]"))).containsExactly(
                "plan.yaml:4:14: scenarios.s.stages[0]: missing 'target'",
                "plan.yaml:4:40: scenarios.s.stages[1].target: expected a non-negative integer, found -1",
                "plan.yaml:4:54: scenarios.s.stages[1].duration: expected a duration such as 500ms, 10s, 5m or 1h30m, found \"x\"");
    }

    @Test
    void yamlSyntaxErrorsCarryLineAndColumn() {
        List<String> e = errors("""
                scenarios:
                  s:
                    executor: constant-vus
                   duration: 10s
                """);
        assertThat(e).hasSize(1);
        assertThat(e.get(0)).startsWith("plan.yaml:4:").contains("invalid YAML");
    }

    @Test
    void aMissingFileHasAClearMessage() {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> PlanLoader.load(missing)).isInstanceOf(PlanException.class)
                .hasMessage(missing + ": file not found");
    }

    @Test
    void anEmptyPlanOrAPlanWithoutScenariosIsRejected() {
        assertThat(errors("")).containsExactly("plan.yaml:1:1: the plan is empty; expected a mapping with at least 'scenarios'");
        assertThat(errors("name: x\n")).containsExactly(
                "plan.yaml:1:1: scenarios: missing 'scenarios': a plan needs at least one scenario with an executor and a flow");
        assertThat(errors("- a\n- b\n")).singleElement().asString().contains("expected a mapping with 'scenarios'");
    }

    @Test
    void duplicateKeysAreReportedWithBothLines() {
        assertThat(errors("""
                scenarios:
                  s: {executor: constant-vus, duration: 1s, flow: [{get: /}]}
                  s: {executor: constant-vus, duration: 2s, flow: [{get: /}]}
                """)).containsExactly("plan.yaml:3:3: scenarios.s: duplicate key 's' (first at line 2)");
    }

    @Test
    void thresholdsAreParsedWithAbortOptions() {
        Plan plan = load("""
                thresholds:
                  http_req_duration: ["p(95)<500", "p(99.9)<2000"]
                  http_req_failed: "rate<0.01"
                  "http_req_duration{name:login}": [{threshold: "p(95)<300", abortOnFail: true, delayAbortEval: 10s}]
                  checks: ["rate>0.99"]
                  orders_placed: ["count>0"]
                scenarios:
                  s:
                    executor: constant-vus
                    duration: 1s
                    flow:
                      - get: /health
                      - metric: {counter: orders_placed}
                """);
        assertThat(plan.thresholds()).containsExactly(
                ThresholdSpec.of("http_req_duration", "p(95)<500"),
                ThresholdSpec.of("http_req_duration", "p(99.9)<2000"),
                ThresholdSpec.of("http_req_failed", "rate<0.01"),
                ThresholdSpec.parse("http_req_duration{name:login}", "p(95)<300", true, Duration.ofSeconds(10)),
                ThresholdSpec.of("checks", "rate>0.99"),
                ThresholdSpec.of("orders_placed", "count>0"));
    }

    @Test
    void aggregationsAreLowerCaseAsInK6() {
        assertThat(errors("""
                thresholds:
                  http_req_duration: ["P(95)<500", "p(95)<500"]
                scenarios:
                  s: {executor: constant-vus, duration: 1s, flow: [{get: /}]}
                """)).singleElement().asString()
                .startsWith("plan.yaml:2:24: thresholds.http_req_duration[0]: invalid threshold \"P(95)<500\": aggregation \"P\" must be lower case, as in k6: p(N)");
    }

    @Test
    void aGaugeTakesValueOnlyAsTheEngineDoes() {
        assertThat(errors("""
                thresholds:
                  vus: ["max<10"]
                scenarios:
                  s: {executor: constant-vus, duration: 1s, flow: [{get: /}]}
                """)).containsExactly("plan.yaml:2:9: thresholds.vus[0]: \"max<10\" does not apply to a gauge metric; use value");
        assertThat(load("""
                thresholds:
                  vus: ["value<10"]
                scenarios:
                  s: {executor: constant-vus, duration: 1s, flow: [{get: /}]}
                """).thresholds()).containsExactly(ThresholdSpec.of("vus", "value<10"));
    }

    @Test
    void thresholdsOnUnknownMetricsOrWithTheWrongAggregationAreRejected() {
        assertThat(errors("""
                thresholds:
                  htp_req_duration: ["p(95)<500"]
                  http_req_failed: ["p(95)<1"]
                  made_up: ["count>0"]
                  "http_reqs{name}": ["count>0"]
                scenarios:
                  s: {executor: constant-vus, duration: 1s, flow: [{get: /}]}
                """)).containsExactly(
                "plan.yaml:2:3: thresholds.htp_req_duration: unknown metric 'htp_req_duration' (did you mean 'http_req_duration'?)",
                "plan.yaml:3:21: thresholds.http_req_failed[0]: \"p(95)<1\" does not apply to a rate metric; use rate",
                "plan.yaml:4:3: thresholds.made_up: unknown metric 'made_up'; expected a built-in metric or one a metric step records",
                "plan.yaml:5:3: thresholds.http_reqs{name}: expected tags as key:value pairs separated by commas, found \"name\"");
    }

    @Test
    void readsHttpDefaults() {
        Plan plan = load("""
                http:
                  timeout: 10s
                  maxRedirects: 0
                  insecureSkipTlsVerify: true
                  expectedStatuses: [200, "300-399"]
                  headers: {Accept: application/json}
                  cookies: false
                scenarios: {s: {executor: constant-vus, duration: 1s, flow: [{get: /}]}}
                """);
        assertThat(plan.http().timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(plan.http().maxRedirects()).isZero();
        assertThat(plan.http().insecureSkipTlsVerify()).isTrue();
        assertThat(plan.http().expectedStatuses()).isEqualTo(ExpectedStatuses.parse(List.of("200", "300-399")));
        assertThat(plan.http().headers().get("accept")).isEqualTo("application/json");
        assertThat(plan.http().cookies()).isFalse();
        assertThat(plan.http().toSessionOptions().timeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void latencyCountsFromTheIntendedStartUnlessThePlanSaysActual() {
        String flow = "scenarios: {s: {executor: constant-vus, duration: 1s, flow: [{get: /}]}}\n";
        assertThat(load(flow).http().latencyFrom()).isEqualTo(LatencyOrigin.INTENDED);
        assertThat(load("http: {latencyFrom: actual}\n" + flow).http().latencyFrom()).isEqualTo(LatencyOrigin.ACTUAL);
        assertThat(load("http: {latencyFrom: intended}\n" + flow).http().latencyFrom()).isEqualTo(LatencyOrigin.INTENDED);
        PlanException e = catchThrowableOfType(PlanException.class, () -> load("http: {latencyFrom: sent}\n" + flow));
        assertThat(e.getMessage()).contains("http.latencyFrom").contains("intended").contains("actual").contains("'sent'");
    }

    @Test
    void traceContextIsOffUnlessThePlanTurnsItOnAndItsLinkTemplateNeedsThePlaceholder() {
        String flow = "scenarios: {s: {executor: constant-vus, duration: 1s, flow: [{get: /}]}}\n";
        assertThat(load(flow).http().traceContext()).isFalse();
        assertThat(load(flow).http().traceLinkTemplate()).isNull();
        Plan traced = load("http: {traceContext: true, traceLinkTemplate: 'http://localhost:16686/trace/{traceId}'}\n" + flow);
        assertThat(traced.http().traceContext()).isTrue();
        assertThat(traced.http().traceLinkTemplate()).isEqualTo("http://localhost:16686/trace/{traceId}");
        assertThat(traced.toRunSpec(new JdkHttpTransport(), java.util.Map.of()).metadata())
                .containsEntry("trace.context", "w3c").containsEntry("trace.linkTemplate", "http://localhost:16686/trace/{traceId}");
        assertThat(load(flow).toRunSpec(new JdkHttpTransport(), java.util.Map.of()).metadata())
                .doesNotContainKeys("trace.context", "trace.linkTemplate");

        assertThat(errors("http: {traceLinkTemplate: 'http://localhost:16686/trace/'}\n" + flow))
                .singleElement().asString().contains("http.traceLinkTemplate").contains("{traceId}");
        assertThat(errors("http: {traceLinkTemplate: 'javascript:alert({traceId})'}\n" + flow))
                .singleElement().asString().contains("http.traceLinkTemplate").contains("http://");
        assertThat(errors("http: {traceContext: yes please}\n" + flow))
                .singleElement().asString().contains("http.traceContext");
    }

    @Test
    void readsDataSourcesRelativeToThePlan() throws IOException {
        Files.writeString(dir.resolve("users.csv"), "name,password\nuser1,secret\nuser2,secret\n");
        Plan plan = load("""
                data:
                  users: {file: users.csv, strategy: unique}
                  more: users.csv
                scenarios:
                  s:
                    executor: constant-vus
                    vus: 2
                    duration: 1s
                    flow: [{post: /login, json: {user: "${users.name}", password: "${users.password}"}}]
                """);
        assertThat(plan.data().get("users").strategy()).isEqualTo(DataStrategy.UNIQUE);
        assertThat(plan.data().get("users").size()).isEqualTo(2);
        assertThat(plan.data().get("more").strategy()).isEqualTo(DataStrategy.CIRCULAR);
    }

    @Test
    void uniqueDataNeedsARowPerVu() throws IOException {
        Files.writeString(dir.resolve("users.csv"), "name,password\nuser1,secret\nuser2,secret\n");
        assertThat(errors("""
                data:
                  users: {file: users.csv, strategy: unique}
                scenarios:
                  a:
                    executor: ramping-vus
                    stages: [{duration: 1s, target: 2}]
                    flow: [{get: "/u/${users.name}"}]
                  b:
                    executor: constant-vus
                    duration: 1s
                    flow: [{get: "/u/${users.name}"}]
                  c:
                    executor: constant-vus
                    vus: 50
                    duration: 1s
                    flow: [{get: /other}]
                """)).containsExactly(
                "plan.yaml:2:38: data.users.strategy: unique gives every VU its own row, but a, b may run 3 VUs and the file has 2 rows");
    }

    @Test
    void reportsBadDataSources() throws IOException {
        Files.writeString(dir.resolve("bad.csv"), "name,password\nuser1\n");
        assertThat(errors("""
                data:
                  users: {file: missing.csv}
                  bad: {file: bad.csv, strategy: unqiue}
                  worse: {file: bad.csv}
                scenarios: {s: {executor: constant-vus, duration: 1s, flow: [{get: "/${users.name}"}]}}
                """)).containsExactly(
                "plan.yaml:2:17: data.users.file: cannot use " + dir.resolve("missing.csv") + ": file not found",
                "plan.yaml:3:34: data.bad.strategy: expected circular, random or unique, found \"unqiue\" (did you mean 'unique'?)",
                "plan.yaml:4:17: data.worse.file: cannot use " + dir.resolve("bad.csv") + ":2: expected 2 fields, as the header line has, found 1");
    }

    @Test
    void templatesAreCheckedAgainstVariablesAndDataAtLoadTime() throws IOException {
        Files.writeString(dir.resolve("users.csv"), "name,password\nuser1,secret\n");
        assertThat(errors("""
                data: {users: users.csv}
                scenarios:
                  s:
                    executor: constant-vus
                    duration: 1s
                    flow:
                      - post: /login
                        extract: {token: $.token}
                      - get: /a
                        headers: {Authorization: "Bearer ${tokn}"}
                      - get: "/b/${user.name}"
                      - get: "/c/${users.nmae}"
                      - get: "/d/${now()}"
                """)).containsExactly(
                "plan.yaml:10:34: scenarios.s.flow[1].headers.Authorization: unknown variable 'tokn' in \"Bearer ${tokn}\" (did you mean 'token'?)",
                "plan.yaml:11:14: scenarios.s.flow[2].get: unknown data source 'user' in \"${user.name}\" (did you mean 'users'?)",
                "plan.yaml:12:14: scenarios.s.flow[3].get: data source 'users' has no column 'nmae' (did you mean 'name'?)",
                "plan.yaml:13:14: scenarios.s.flow[4].get: cannot read \"${now()}\": expected ${variable}, ${source.column}, ${__VU}, ${__ITER}, ${randomInt(min,max)} or ${uuid()}");
    }

    @Test
    void reportsStepMistakes() {
        assertThat(errors("""
                scenarios:
                  s:
                    executor: constant-vus
                    duration: 1s
                    flow:
                      - gett: /a
                      - get: /b
                        post: /c
                      - get: /d
                        json: {a: 1}
                        body: x
                        checks: [{status: 200, body: {contains: x}}, {stauts: 200}, {json: {path: "$..[", exists: true}}]
                        extract: {1x: $.a, y: "a.b", z: {regex: "("}}
                      - think: 3s..1s
                      - metric: {counter: http_reqs}
                      - group: g
                """)).containsExactly(
                "plan.yaml:6:9: scenarios.s.flow[0].gett: unknown step 'gett' (did you mean 'get'?)",
                "plan.yaml:8:9: scenarios.s.flow[1]: a step does one thing, found both 'get' and 'post'; split it into two steps",
                "plan.yaml:11:9: scenarios.s.flow[2]: a request has one body, found both 'json' and 'body'",
                "plan.yaml:12:32: scenarios.s.flow[2].checks[0]: a check tests one thing, found both 'status' and 'body'",
                "plan.yaml:12:55: scenarios.s.flow[2].checks[1].stauts: unknown key 'stauts' (did you mean 'status'?)",
                "plan.yaml:12:83: scenarios.s.flow[2].checks[2].json.path: expected a JSON path such as $.token or $.items[0].id, found \"$..[\"",
                "plan.yaml:13:19: scenarios.s.flow[2].extract.1x: a variable name is letters, digits and '_', not starting with a digit, found \"1x\"",
                "plan.yaml:13:31: scenarios.s.flow[2].extract.y: expected a JSON path starting with $ (or {header: Name} / {regex: ...}), found \"a.b\"",
                "plan.yaml:13:49: scenarios.s.flow[2].extract.z.regex: invalid regular expression \"(\": Unclosed group",
                "plan.yaml:14:16: scenarios.s.flow[3].think: expected MIN..MAX with MIN at most MAX, found \"3s..1s\"",
                "plan.yaml:15:27: scenarios.s.flow[4].metric.counter: 'http_reqs' is a built-in metric; choose another name",
                "plan.yaml:16:9: scenarios.s.flow[5]: missing 'flow': the steps of group 'g'");
    }

    @Test
    void planBecomesARunSpec() {
        Plan plan = load("""
                name: demo
                baseUrl: http://127.0.0.1:1
                maxDuration: 2m
                thresholds: {http_req_failed: ["rate<0.5"]}
                scenarios:
                  a: {executor: constant-vus, duration: 1s, flow: [{get: /}]}
                  b: {executor: shared-iterations, vus: 2, iterations: 4, flow: [{get: /}], startTime: 1s}
                """);
        try (JdkHttpTransport transport = new JdkHttpTransport()) {
            RunSpec spec = plan.toRunSpec(transport, Map.of("label", "ci"));
            assertThat(spec.name()).isEqualTo("demo");
            assertThat(spec.maxDuration()).isEqualTo(Duration.ofMinutes(2));
            assertThat(spec.scenarios()).extracting(s -> s.spec().name()).containsExactly("a", "b");
            assertThat(spec.thresholds()).containsExactly(ThresholdSpec.of("http_req_failed", "rate<0.5"));
            assertThat(spec.metadata()).containsEntry("plan", "plan.yaml").containsEntry("baseUrl", "http://127.0.0.1:1")
                    .containsEntry("label", "ci");
        }
    }
}
