package io.headroom.cli;

import io.headroom.script.Options;
import io.headroom.script.plan.Plan;
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
    TargetOptions targetOptions;

    @Option(names = {"-e", "--env"}, paramLabel = "NAME=VALUE",
            description = "Set a variable for ${ENV:NAME} in the plan (wins over the environment). Repeatable.")
    List<String> env = new ArrayList<>();

    @Option(names = "--base-url", paramLabel = "URL", description = "Override the plan's baseUrl.")
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

    @Option(names = "--vus", paramLabel = "N", description = "Java scenarios without options(): number of VUs.")
    Integer vus;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Java scenarios without options(): run for this long (constant-vus).")
    Duration duration;

    @Option(names = "--iterations", paramLabel = "N",
            description = "Java scenarios without options(): total iterations shared by the VUs.")
    Long iterations;

    @Override
    public Integer call() {
        Map<String, String> envOverrides = PlanSource.parseEnv(env);
        Plan plan = PlanSource.load(target, envOverrides, javaFallback());
        if (baseUrl != null) plan = plan.withBaseUrl(baseUrl);
        if (maxDuration != null) plan = plan.withMaxDuration(maxDuration);
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("command", "run");
        RunRequest request = new RunRequest(plan, metadata, jsonFile, outputs, liveMetrics, targetOptions, quiet,
                acceptInvalidRun, !noWarmup, secretValues(plan, envOverrides));
        return new RunSession(spec.commandLine().getOut(), spec.commandLine().getErr()).run(request);
    }

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

    /** k6's defaults for a script without options: 1 VU, 1 iteration; --vus/--duration/--iterations override. */
    private Options javaFallback() {
        int n = vus == null ? 1 : vus;
        if (n < 1) throw new UsageException("--vus must be at least 1, got " + n);
        if (duration != null && iterations != null) {
            throw new UsageException("give --duration or --iterations, not both");
        }
        if (duration != null) return Options.constantVus(n, duration);
        if (iterations != null) {
            if (iterations < 1) throw new UsageException("--iterations must be at least 1, got " + iterations);
            return Options.sharedIterations(n, iterations);
        }
        return Options.perVuIterations(n, 1);
    }
}
