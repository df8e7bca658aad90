package io.headroom.script.plan;

import io.headroom.core.engine.RunSpec;
import io.headroom.core.engine.ScenarioRun;
import io.headroom.core.metric.Exemplar;
import io.headroom.core.plan.ScenarioSpec;
import io.headroom.core.threshold.ThresholdSpec;
import io.headroom.http.HttpTransport;
import io.headroom.script.DataSource;
import io.headroom.script.DataSourceException;
import io.headroom.script.HttpDefaults;
import io.headroom.script.Options;
import io.headroom.script.Scenario;
import io.headroom.script.ScenarioBehaviours;
import io.headroom.script.VuSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A loaded, validated plan: what the command line needs to run it. {@code source} names the file it came
 * from (for messages and metadata); {@code baseUrl} may be null (then every URL must be absolute);
 * {@code maxDuration} is the run's safety bound (unless the plan says otherwise: 1 h, or the plan's own planned
 * end plus a minute when that is later). Data sources are
 * read when the plan is loaded; each {@link #toRunSpec} gets fresh cursors. {@code redact} names headers and
 * query parameters whose values the outputs replace (the plan's {@code redact} list). Immutable.
 */
public record Plan(String name, String source, String baseUrl, Duration maxDuration, HttpDefaults http,
                   Map<String, DataSource> data, List<ThresholdSpec> thresholds, List<PlanScenario> scenarios,
                   Set<String> redact) {
    /** A plan that redacts nothing beyond Headroom's built-in secret headers. */
    public Plan(String name, String source, String baseUrl, Duration maxDuration, HttpDefaults http,
                Map<String, DataSource> data, List<ThresholdSpec> thresholds, List<PlanScenario> scenarios) {
        this(name, source, baseUrl, maxDuration, http, data, thresholds, scenarios, Set.of());
    }

    public Plan {
        Objects.requireNonNull(name, "name");
        source = source == null ? "" : source;
        http = http == null ? HttpDefaults.DEFAULTS : http;
        data = data == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data));
        thresholds = thresholds == null ? List.of() : List.copyOf(thresholds);
        scenarios = List.copyOf(scenarios);
        maxDuration = maxDuration == null ? RunSpec.defaultMaxDuration(scenarios.stream().map(PlanScenario::spec).toList())
                : maxDuration;
        redact = redact == null ? Set.of() : Set.copyOf(redact);
        if (scenarios.isEmpty()) throw new IllegalArgumentException("a plan needs at least one scenario");
    }

    /**
     * The engine's view: one {@link ScenarioRun} per scenario, each VU with its own HTTP session from
     * {@code transport}. {@code metadata} is added to what the plan itself records (source file, base URL).
     */
    public RunSpec toRunSpec(HttpTransport transport, Map<String, String> metadata) {
        Objects.requireNonNull(transport, "transport");
        VuSettings settings = vuSettings();
        List<ScenarioRun> runs = new ArrayList<>();
        for (PlanScenario s : scenarios) {
            runs.add(new ScenarioRun(s.spec(), ScenarioBehaviours.factory(s.scenarios(), transport, settings)));
        }
        Map<String, String> meta = new LinkedHashMap<>();
        if (!source.isEmpty()) meta.put("plan", source);
        if (baseUrl != null) meta.put("baseUrl", baseUrl);
        if (http.traceContext()) meta.put(Exemplar.TRACE_CONTEXT_METADATA, "w3c");
        if (http.traceLinkTemplate() != null) meta.put(Exemplar.LINK_TEMPLATE_METADATA, http.traceLinkTemplate());
        if (metadata != null) meta.putAll(metadata);
        return new RunSpec(name, runs, thresholds, maxDuration, meta);
    }

    /**
     * Whether every scenario is a flow whose steps send only through the VU's HTTP session
     * ({@link FlowScenario#sendsOnlyOverHttp()}): then a transport redirected to a loopback responder runs this plan's
     * own requests without any reaching the target. False for Java scenarios (their code may open its own clients).
     */
    public boolean sendsOnlyOverHttp() {
        for (PlanScenario s : scenarios) {
            if (!(s.newScenario() instanceof FlowScenario flow) || !flow.sendsOnlyOverHttp()) return false;
        }
        return true;
    }

    /** What each VU shares: base URL, HTTP defaults, and data sources with fresh cursors. */
    public VuSettings vuSettings() {
        Map<String, DataSource> fresh = new LinkedHashMap<>();
        data.forEach((k, v) -> fresh.put(k, v.fresh()));
        return new VuSettings(baseUrl, http, fresh);
    }

    /** The same plan with another safety bound (e.g. from a command-line flag). */
    public Plan withMaxDuration(Duration value) {
        return new Plan(name, source, baseUrl, value, http, data, thresholds, scenarios, redact);
    }

    /** The same plan with another base URL (e.g. from a command-line flag). */
    public Plan withBaseUrl(String value) {
        return new Plan(name, source, value, maxDuration, http, data, thresholds, scenarios, redact);
    }

    /** The same plan with more thresholds appended. */
    public Plan withThresholds(List<ThresholdSpec> more) {
        List<ThresholdSpec> all = new ArrayList<>(thresholds);
        all.addAll(more);
        return new Plan(name, source, baseUrl, maxDuration, http, data, all, scenarios, redact);
    }

    /** The same plan with other scenarios (e.g. the one {@code --vus}/{@code --duration} derive, as k6 does). */
    public Plan withScenarios(List<PlanScenario> value) {
        return new Plan(name, source, baseUrl, maxDuration, http, data, thresholds, value, redact);
    }

    /** The same plan with no thresholds ({@code --no-thresholds}: nothing is evaluated, nothing can abort). */
    public Plan withoutThresholds() {
        return new Plan(name, source, baseUrl, maxDuration, http, data, List.of(), scenarios, redact);
    }

    /**
     * A one-scenario plan for a Java scenario. Relative data files in {@code options} are read against
     * {@code baseDir}.
     *
     * @param name the scenario's name unless the options name it
     * @param source where the scenario came from (a file name), for messages
     * @throws PlanException when a data file cannot be read
     */
    public static Plan ofJava(String name, String source, Supplier<? extends Scenario> scenarios, Options options,
                              Path baseDir) {
        Objects.requireNonNull(options, "options");
        Map<String, DataSource> data = new LinkedHashMap<>();
        List<PlanError> errors = new ArrayList<>();
        options.data().forEach((sourceName, file) -> {
            Path path = baseDir == null ? file.file() : baseDir.resolve(file.file());
            try {
                data.put(sourceName, DataSource.readCsv(sourceName, path, file.strategy()));
            } catch (DataSourceException e) {
                errors.add(new PlanError(source, 0, 0, "data." + sourceName, e.getMessage()));
            }
        });
        if (!errors.isEmpty()) throw new PlanException(errors);
        ScenarioSpec spec = options.toScenarioSpec(name);
        return new Plan(spec.name(), source, options.baseUrl(), options.maxDuration(), options.http(), data,
                options.thresholds(), List.of(new PlanScenario(spec, scenarios)));
    }
}
