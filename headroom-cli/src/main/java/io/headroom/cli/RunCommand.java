package io.headroom.cli;

import io.headroom.core.plan.ScenarioSpec;
import io.headroom.distributed.Messages;
import io.headroom.report.TrendColumns;
import io.headroom.script.plan.Plan;
import io.headroom.script.plan.PlanScenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code headroom run}: runs a YAML plan or a Java scenario and exits with the thresholds' verdict. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a YAML plan or a Java scenario file.",
                "Prints live progress, an end-of-test summary, and exits 99 when a threshold is crossed",
                "(98 when the generator itself was the bottleneck: an invalid run)."})
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PLAN", description = "A plan (.yaml, .yml) or a Java scenario (.java).")
    Path target;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the JSON summary (headroom.summary/1) here.")
    Path jsonFile;

    @Mixin
    ReportOutputs outputs;

    @Mixin
    LiveMetricsOption liveMetrics;

    @Mixin
    HistoryOptions history;

    @Mixin
    TargetOptions targetOptions;

    @Option(names = {"-e", "--env"}, paramLabel = "NAME=VALUE",
            description = "Set a variable for ${ENV:NAME} in the plan (wins over the environment). Repeatable.")
    List<String> env = new ArrayList<>();

    @Option(names = "--base-url", paramLabel = "URL", description = "Override the plan's baseUrl (an absolute http:// or https:// URL).")
    String baseUrl;

    @Option(names = "--max-duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Safety bound for the whole run, e.g. 90s, 10m (default: the plan's maxDuration, else 1h).")
    Duration maxDuration;

    @Option(names = {"-q", "--quiet"}, description = "No live progress.")
    boolean quiet;

    @Option(names = "--accept-invalid-run", description = "Exit by the thresholds even when the generator was the"
            + " bottleneck (the summary still flags the invalid run); without it such a run exits 98.")
    boolean acceptInvalidRun;

    @Option(names = "--no-warmup", description = "Start at once, even when a scenario reaches 1,000 arrivals/s, which"
            + " otherwise first runs the request path in-process for about half a second (it keeps the JVM's cold"
            + " start out of the run's first second and sends nothing to the target).")
    boolean noWarmup;

    @Option(names = {"-u", "--vus"}, paramLabel = "N", description = "Number of VUs. With --duration: constant-vus; with"
            + " --iterations: shared-iterations; alone: shared-iterations of N iterations. Any of -u/-d/-i replaces the"
            + " plan's scenario (its flow is kept), as in k6.")
    Integer vus;

    @Option(names = {"-d", "--duration"}, paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Run constant-vus for this long (e.g. 30s), replacing the plan's scenario; beside --iterations"
                    + " it is the shared-iterations maxDuration.")
    Duration duration;

    @Option(names = {"-i", "--iterations"}, paramLabel = "N",
            description = "Run shared-iterations: N iterations shared by the VUs, replacing the plan's scenario.")
    Long iterations;

    @Option(names = "--no-thresholds", description = "Do not evaluate the plan's thresholds (a crossed one cannot fail"
            + " or abort the run).")
    boolean noThresholds;

    @Option(names = "--no-summary", description = "Do not print the end-of-test summary (files asked for are still"
            + " written).")
    boolean noSummary;

    @Option(names = "--summary-trend-stats", paramLabel = "STATS", description = "The statistics of each trend in the"
            + " summary and --summary-export, comma-separated: avg, min, med, max, count, p(N) (default:"
            + " avg,min,med,max,p(90),p(95),p(99)).")
    String summaryTrendStats;

    @Option(names = "--summary-export", paramLabel = "FILE", description = "Write k6's legacy summary JSON (root_group,"
            + " metrics) here, for tools that read k6's --summary-export.")
    Path summaryExport;

    @Option(names = "--tag", paramLabel = "NAME=VALUE", description = "A tag on every sample of the run (a scenario's"
            + " own tag of that name wins), also kept as the run's label in its summary (metadata tag.NAME), e.g."
            + " --tag version=1.4.2 for the target's version; 'compare' warns when two runs' tags differ. Repeatable.")
    List<String> tags = new ArrayList<>();

    @Option(names = "--agents", paramLabel = "N", description = "Run the plan on N agent processes and merge them into"
            + " one result (one summary, thresholds on the whole, one exit code). Alone: N agents on this machine;"
            + " with --listen: waits for N 'headroom agent' processes to dial in. See docs/distributed.md.")
    Integer agents;

    @Option(names = "--listen", paramLabel = "HOST:PORT", description = "With --agents: wait for the agents on this"
            + " address (started elsewhere with: headroom agent --coordinator HOST:PORT PLAN) instead of starting them here.")
    String listen;

    @Option(names = "--agent-wait", paramLabel = "DURATION", converter = DurationConverter.class, description = "With"
            + " --agents: how long to wait for every agent to register, and then to be ready (default 60s); a run"
            + " short of agents does not start (exit " + 95 + ", naming who is missing).")
    Duration agentWait;

    @Override
    public Integer call() {
        TrendColumns trendColumns = trendColumns();
        Map<String, String> runTags = parseTags(tags);
        Map<String, String> envOverrides = PlanSource.parseEnv(env);
        Plan plan = PlanSource.load(target, envOverrides, new ExecutionShortcut(vus, duration, iterations), baseUrl,
                spec.commandLine().getErr());
        if (maxDuration != null) plan = plan.withMaxDuration(maxDuration);
        if (noThresholds) plan = plan.withoutThresholds();
        if (!runTags.isEmpty()) plan = withRunTags(plan, runTags);
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("command", "run");
        runTags.forEach((name, value) -> metadata.put("tag." + name, value));
        RunRequest request = new RunRequest(plan, metadata, jsonFile, outputs, liveMetrics, targetOptions, quiet,
                acceptInvalidRun, !noWarmup, new RunRequest.Summary(!noSummary, trendColumns, summaryExport),
                secretValues(plan, envOverrides));
        RunSession session = new RunSession(spec.commandLine().getOut(), spec.commandLine().getErr()).withHistory(history);
        if (agents != null || listen != null) session.withDistributed(distributedRun(envOverrides, runTags));
        return session.run(request);
    }

    /** The coordinator side of {@code --agents N [--listen HOST:PORT]}, with the options every agent applies. */
    private DistributedRun distributedRun(Map<String, String> envOverrides, Map<String, String> runTags) {
        if (agents == null) throw new UsageException("--listen needs --agents N: how many agents to wait for");
        if (agents < 1 || agents > MAX_AGENTS) {
            throw new UsageException("--agents " + agents + ": expected 1 to " + MAX_AGENTS + " agents (docs/limits.md)");
        }
        if (targetOptions.any()) {
            throw new UsageException("--agents: watching or profiling the target (--monitor-pid, --profile-pid, ...) is not"
                    + " supported in a distributed run yet; run it without --agents");
        }
        Messages.RunOptions options = new Messages.RunOptions(envOverrides, baseUrl, vus,
                duration == null ? null : duration.toMillis(), iterations, maxDuration == null ? null : maxDuration.toMillis(),
                noThresholds, runTags, noWarmup);
        return new DistributedRun(agents, listen == null ? null : ListenAddress.parse("--listen", listen), target, options,
                agentWait, spec.commandLine().getErr());
    }

    /** The most agents one coordinator takes. */
    static final int MAX_AGENTS = 1000;

    /**
     * The values of the environment variables named under {@code redact} (plan or {@code --redact}), as
     * {@code ${ENV:NAME}} would read them: {@code -e} first, then the process environment. A secret passed in the
     * environment may stand anywhere in a URL, not only in a query parameter of the same name.
     */
    private Set<String> secretValues(Plan plan, Map<String, String> envOverrides) {
        Set<String> names = new java.util.HashSet<>(plan.redact());
        names.addAll(outputs.redactNames());
        Set<String> values = new java.util.HashSet<>();
        for (String name : names) {
            String value = envOverrides.containsKey(name) ? envOverrides.get(name) : System.getenv(name);
            if (value != null && !value.isEmpty()) values.add(value);
        }
        return values;
    }

    private TrendColumns trendColumns() {
        if (summaryTrendStats == null) return TrendColumns.DEFAULT;
        try {
            return TrendColumns.parse(summaryTrendStats);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--summary-trend-stats: " + e.getMessage());
        }
    }

    /**
     * {@code --tag NAME=VALUE} pairs, with k6's rules ({@code internal/cmd/options.go} {@code parseTagNameValue}):
     * a name and a value, neither empty; a later pair of the same name wins.
     */
    static Map<String, String> parseTags(List<String> pairs) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            String problem = pair.isEmpty() ? "empty string" : eq == 0 ? "empty name"
                    : eq < 0 || eq == pair.length() - 1 ? "empty value" : null;
            if (problem != null) {
                throw new UsageException("--tag expects NAME=VALUE, got \"" + pair + "\" (invalid tag, " + problem + ")");
            }
            tags.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return tags;
    }

    /**
     * Run-wide tags as scenario tags of every scenario, so every sample a scenario records carries them (and its
     * own tag of the same name wins, as a k6 scenario's tags win over the run's). The engine's own gauges
     * ({@code vus}, {@code vus_max}) belong to no scenario and stay untagged.
     */
    static Plan withRunTags(Plan plan, Map<String, String> runTags) {
        List<PlanScenario> tagged = new ArrayList<>();
        for (PlanScenario s : plan.scenarios()) {
            Map<String, String> merged = new LinkedHashMap<>(runTags);
            merged.putAll(s.spec().tags());
            ScenarioSpec spec = s.spec();
            tagged.add(new PlanScenario(new ScenarioSpec(spec.name(), spec.executor(), spec.startTime(),
                    spec.gracefulStop(), merged), s.scenarios()));
        }
        return plan.withScenarios(tagged);
    }
}
