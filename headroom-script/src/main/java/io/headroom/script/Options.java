package io.headroom.script;

import io.headroom.core.plan.ExecutorSpec;
import io.headroom.core.plan.ScenarioSpec;
import io.headroom.core.plan.Stage;
import io.headroom.core.threshold.ThresholdSpec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a Java scenario wants to run: one of the six k6 executors (each factory method takes that
 * executor's required options), plus thresholds, base URL, HTTP defaults, tags and data files:
 * <pre>{@code
 * Options.constantVus(10, Duration.ofSeconds(30))
 *        .baseUrl("http://127.0.0.1:8080")
 *        .threshold("http_req_duration", "p(95)<500")
 * }</pre>
 * Immutable: every method returns a copy. Thread-safe.
 */
public final class Options {
    /** A data file for {@link #data}: CSV with a header line. */
    public record DataFile(Path file, DataStrategy strategy) {
        public DataFile {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(strategy, "strategy");
        }
    }

    private final ExecutorSpec executor;
    private final Duration startTime;
    private final Duration gracefulStop;
    private final Duration maxDuration;
    private final String baseUrl;
    private final String scenarioName;
    private final HttpDefaults http;
    private final List<ThresholdSpec> thresholds;
    private final Map<String, String> tags;
    private final Map<String, DataFile> data;

    private Options(ExecutorSpec executor, Duration startTime, Duration gracefulStop, Duration maxDuration,
                    String baseUrl, String scenarioName, HttpDefaults http, List<ThresholdSpec> thresholds,
                    Map<String, String> tags, Map<String, DataFile> data) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.startTime = startTime;
        this.gracefulStop = gracefulStop;
        this.maxDuration = maxDuration;
        this.baseUrl = baseUrl;
        this.scenarioName = scenarioName;
        this.http = http;
        this.thresholds = List.copyOf(thresholds);
        this.tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        this.data = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** Options around any executor spec (as parsed from a plan or the command line). */
    public static Options of(ExecutorSpec executor) {
        return new Options(executor, null, null, null, null, null, HttpDefaults.DEFAULTS, List.of(), Map.of(), Map.of());
    }

    /**
     * {@code vus} VUs loop for {@code duration}. Like every executor factory here, it leaves the rules and k6's
     * defaults to the {@link ExecutorSpec} record.
     *
     * @throws io.headroom.core.plan.InvalidExecutorException naming the option that breaks the executor's rules
     */
    public static Options constantVus(int vus, Duration duration) {
        return of(new ExecutorSpec.ConstantVus(vus, duration));
    }

    /** VUs move from {@code startVUs} through the stages; see {@link #stage}. */
    public static Options rampingVus(int startVUs, Stage... stages) {
        return of(new ExecutorSpec.RampingVus(startVUs, List.of(stages), null));
    }

    /** {@code rate} iterations per {@code timeUnit} for {@code duration}, from up to {@code maxVUs} VUs. */
    public static Options constantArrivalRate(long rate, Duration timeUnit, Duration duration, int preAllocatedVUs,
                                              int maxVUs) {
        return of(new ExecutorSpec.ConstantArrivalRate(rate, Objects.requireNonNull(timeUnit, "timeUnit"), duration,
                preAllocatedVUs, maxVUs));
    }

    /** The rate moves from {@code startRate} through the stages (targets per {@code timeUnit}). */
    public static Options rampingArrivalRate(long startRate, Duration timeUnit, int preAllocatedVUs, int maxVUs,
                                             Stage... stages) {
        return of(new ExecutorSpec.RampingArrivalRate(startRate, Objects.requireNonNull(timeUnit, "timeUnit"),
                List.of(stages), preAllocatedVUs, maxVUs));
    }

    /** Each of {@code vus} VUs runs {@code iterations} iterations, within k6's 10 minutes. */
    public static Options perVuIterations(int vus, long iterations) {
        return perVuIterations(vus, iterations, ExecutorSpec.DEFAULT_MAX_DURATION);
    }

    public static Options perVuIterations(int vus, long iterations, Duration maxDuration) {
        return of(new ExecutorSpec.PerVuIterations(vus, iterations, Objects.requireNonNull(maxDuration, "maxDuration")));
    }

    /** {@code iterations} iterations shared by {@code vus} VUs, within k6's 10 minutes. */
    public static Options sharedIterations(int vus, long iterations) {
        return sharedIterations(vus, iterations, ExecutorSpec.DEFAULT_MAX_DURATION);
    }

    public static Options sharedIterations(int vus, long iterations, Duration maxDuration) {
        return of(new ExecutorSpec.SharedIterations(vus, iterations, Objects.requireNonNull(maxDuration, "maxDuration")));
    }

    /** One stage of a ramping executor: reach {@code target} linearly over {@code duration}. */
    public static Stage stage(Duration duration, long target) {
        return new Stage(duration, target);
    }

    private Options copy(ExecutorSpec e, Duration st, Duration gs, Duration md, String url, String sn, HttpDefaults h,
                         List<ThresholdSpec> th, Map<String, String> tg, Map<String, DataFile> d) {
        return new Options(e, st, gs, md, url, sn, h, th, tg, d);
    }

    /** Delays the scenario's start relative to the run's start. */
    public Options startTime(Duration value) {
        return copy(executor, Objects.requireNonNull(value), gracefulStop, maxDuration, baseUrl, scenarioName, http, thresholds, tags, data);
    }

    /** How long running iterations may finish after the executor's end (default 30 s). */
    public Options gracefulStop(Duration value) {
        return copy(executor, startTime, Objects.requireNonNull(value), maxDuration, baseUrl, scenarioName, http, thresholds, tags, data);
    }

    /** For ramping-vus: how long VUs taken away by a stage may finish their iteration (default 30 s). */
    public Options gracefulRampDown(Duration value) {
        if (!(executor instanceof ExecutorSpec.RampingVus r)) {
            throw new IllegalStateException("gracefulRampDown applies to ramping-vus only, not " + executor.type());
        }
        return copy(new ExecutorSpec.RampingVus(r.startVUs(), r.stages(), Objects.requireNonNull(value)), startTime,
                gracefulStop, maxDuration, baseUrl, scenarioName, http, thresholds, tags, data);
    }

    /** The run's safety bound (default 1 h): the run is stopped when it is reached. */
    public Options maxDuration(Duration value) {
        return copy(executor, startTime, gracefulStop, Objects.requireNonNull(value), baseUrl, scenarioName, http, thresholds, tags, data);
    }

    /** The URL that relative request URLs are resolved against, e.g. {@code http://127.0.0.1:8080}. */
    public Options baseUrl(String value) {
        return copy(executor, startTime, gracefulStop, maxDuration, Objects.requireNonNull(value), scenarioName, http, thresholds, tags, data);
    }

    /** The scenario's name in results (default: the class's simple name). */
    public Options scenarioName(String value) {
        return copy(executor, startTime, gracefulStop, maxDuration, baseUrl, Objects.requireNonNull(value), http, thresholds, tags, data);
    }

    /**
     * Thresholds on one metric selector, e.g. {@code threshold("http_req_duration{name:login}", "p(95)<300")}.
     *
     * @throws io.headroom.core.threshold.ThresholdSyntaxException when the selector or an expression is not k6 syntax
     */
    public Options threshold(String selector, String... expressions) {
        List<ThresholdSpec> list = new ArrayList<>(thresholds);
        for (String e : expressions) list.add(ThresholdSpec.of(selector, e));
        return copy(executor, startTime, gracefulStop, maxDuration, baseUrl, scenarioName, http, list, tags, data);
    }

    /** A threshold that stops the run as soon as it is crossed, but not before {@code delayAbortEval}. */
    public Options thresholdAbortOnFail(String selector, String expression, Duration delayAbortEval) {
        List<ThresholdSpec> list = new ArrayList<>(thresholds);
        list.add(ThresholdSpec.parse(selector, expression, true, delayAbortEval));
        return copy(executor, startTime, gracefulStop, maxDuration, baseUrl, scenarioName, http, list, tags, data);
    }

    /** A tag on every sample of this scenario. */
    public Options tag(String key, String value) {
        Map<String, String> map = new LinkedHashMap<>(tags);
        map.put(key, value);
        return copy(executor, startTime, gracefulStop, maxDuration, baseUrl, scenarioName, http, thresholds, map, data);
    }

    /** A CSV data source for {@link Vu#data}; a relative path is resolved against the scenario file's folder. */
    public Options data(String name, Path csvFile, DataStrategy strategy) {
        Map<String, DataFile> map = new LinkedHashMap<>(data);
        map.put(name, new DataFile(csvFile, strategy));
        return copy(executor, startTime, gracefulStop, maxDuration, baseUrl, scenarioName, http, thresholds, tags, map);
    }

    /** Replaces the HTTP defaults as a whole. */
    public Options http(HttpDefaults value) {
        return copy(executor, startTime, gracefulStop, maxDuration, baseUrl, scenarioName, Objects.requireNonNull(value), thresholds, tags, data);
    }

    /** Default per-request timeout (k6 default 60 s). */
    public Options timeout(Duration value) {
        return http(http.withTimeout(value));
    }

    public Options maxRedirects(int value) {
        return http(http.withMaxRedirects(value));
    }

    /** How much of each response body to keep, in bytes (default 10 MiB); see {@link HttpDefaults}. */
    public Options responseBodyLimit(long bytes) {
        return http(http.withResponseBodyLimitBytes(bytes));
    }

    /** k6's {@code discardResponseBodies}: keep no body unless a request's {@link Params} keeps its own. */
    public Options discardResponseBodies(boolean value) {
        return http(http.withDiscardResponseBodies(value));
    }

    /** The header-section limits of every response: bytes (default 64 KiB) and fields (default 100). */
    public Options responseHeaderLimits(int bytes, int fields) {
        return http(http.withResponseHeaderLimitBytes(bytes).withResponseHeaderCountLimit(fields));
    }

    public Options insecureSkipTlsVerify(boolean value) {
        return http(http.withInsecureSkipTlsVerify(value));
    }

    /** A header sent on every request. */
    public Options header(String name, String value) {
        return http(http.withHeaders(http.headers().with(name, value)));
    }

    /**
     * Where open-model {@code http_req_duration} starts counting: {@link LatencyOrigin#INTENDED} (the default,
     * corrected for coordinated omission) or {@link LatencyOrigin#ACTUAL} (uncorrected, to compare).
     */
    public Options latencyFrom(LatencyOrigin value) {
        return http(http.withLatencyFrom(value));
    }

    /**
     * W3C trace context: every request carries a {@code traceparent} header (a random trace id per request, sampled)
     * unless it sets its own, and the summary keeps the trace ids of the slowest requests per endpoint. Off by
     * default; the plan's {@code http.traceContext}.
     */
    public Options traceContext(boolean value) {
        return http(http.withTraceContext(value));
    }

    /**
     * The link the reports make of an exemplar's trace id, a URL with {@code {traceId}} in it (e.g.
     * {@code http://localhost:16686/trace/{traceId}}); the plan's {@code http.traceLinkTemplate}.
     *
     * @throws IllegalArgumentException when {@code urlTemplate} lacks {@code {traceId}}
     */
    public Options traceLinkTemplate(String urlTemplate) {
        return http(http.withTraceLinkTemplate(Objects.requireNonNull(urlTemplate, "urlTemplate")));
    }

    /** Which statuses count as expected for every request (default 200–399). */
    public Options expectedStatuses(ExpectedStatuses value) {
        return http(http.withExpectedStatuses(value));
    }

    public ExecutorSpec executor() {
        return executor;
    }

    /** Null when not set (the scenario starts with the run). */
    public Duration startTime() {
        return startTime;
    }

    /** Null when not set (30 s). */
    public Duration gracefulStop() {
        return gracefulStop;
    }

    /** Null when not set (1 h). */
    public Duration maxDuration() {
        return maxDuration;
    }

    /** Null when not set. */
    public String baseUrl() {
        return baseUrl;
    }

    /** Null when not set. */
    public String scenarioName() {
        return scenarioName;
    }

    public HttpDefaults http() {
        return http;
    }

    public List<ThresholdSpec> thresholds() {
        return thresholds;
    }

    public Map<String, String> tags() {
        return tags;
    }

    public Map<String, DataFile> data() {
        return data;
    }

    /** The scenario spec for a scenario of this name. */
    public ScenarioSpec toScenarioSpec(String defaultName) {
        return new ScenarioSpec(scenarioName != null ? scenarioName : defaultName, executor, startTime, gracefulStop, tags);
    }
}
