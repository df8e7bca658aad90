package io.headroom.cli;

import io.headroom.kubernetes.PlanBundle;
import io.headroom.kubernetes.PlanBundleException;
import io.headroom.kubernetes.RunObjectsSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The options {@code k8s run} and {@code k8s manifest} share (a picocli mixin): the plan, the number of agents, where
 * and with which image they run, and the {@code run} options handed to the coordinator. {@link #spec} checks the plan
 * as {@code run} would (exit 2 with file, line and field) before any object exists.
 */
final class K8sOptions {
    static final Duration DEFAULT_AGENT_WAIT = Duration.ofMinutes(5);
    static final Duration DEFAULT_TTL = Duration.ofMinutes(10);

    @Parameters(index = "0", paramLabel = "PLAN", description = "A plan (.yaml, .yml) or a Java scenario (.java).")
    Path target;

    @Option(names = "--agents", required = true, paramLabel = "N", description = "Agents: the pods of the Indexed Job (1 to "
            + RunCommand.MAX_AGENTS + ").")
    int agents;

    @Option(names = "--image", paramLabel = "IMAGE", description = "The image of every pod, built from the repository's"
            + " Dockerfile (default: headroom:VERSION, this Headroom's version).")
    String image;

    @Option(names = "--image-pull-policy", paramLabel = "POLICY", defaultValue = "IfNotPresent",
            description = "IfNotPresent (default: an image loaded into kind or minikube is used as is), Always or Never.")
    String imagePullPolicy;

    @Option(names = "--run-id", paramLabel = "ID", description = "The prefix of every object's name and the value of their"
            + " headroom.io/run label (default: hr-PLAN-xxxxx, new each time; lower case, at most "
            + RunObjectsSpec.MAX_RUN_ID + " characters).")
    String runId;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + RunObjectsSpec.DEFAULT_PORT,
            description = "The coordinator's port and its Service's (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--ttl", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "ttlSecondsAfterFinished of both Jobs: Kubernetes deletes them and, by owner references, the rest"
                    + " this long after the run (default 10m; the CLI deletes everything at once when it sees the end).")
    Duration ttl = DEFAULT_TTL;

    @Option(names = "--agent-wait", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long the coordinator waits for every agent to register, then to be ready, and how long an"
                    + " agent keeps dialling it (default 5m: pods pull their image first).")
    Duration agentWait = DEFAULT_AGENT_WAIT;

    @Option(names = "--agent-cpu", paramLabel = "CPU", description = "CPU of each agent's pod, requests = limits (e.g. 2,"
            + " 1500m; default: none). Set it: agents packed onto one node starve each other (an invalid run, exit 98).")
    String agentCpu;

    @Option(names = "--agent-memory", paramLabel = "MEMORY", description = "Memory of each agent's pod, requests = limits"
            + " (e.g. 2Gi; default: none); the JVM's heap is 75% of it.")
    String agentMemory;

    @Option(names = "--file", paramLabel = "FILE", description = "One more file the plan reads (a Java scenario's CSV),"
            + " under the plan's folder; a YAML plan's data files are found by themselves. Repeatable.")
    List<Path> files = new ArrayList<>();

    @Option(names = {"-e", "--env"}, paramLabel = "NAME=VALUE", description = "As in run: a variable for ${ENV:NAME}. Repeatable.")
    List<String> env = new ArrayList<>();

    @Option(names = "--base-url", paramLabel = "URL", description = "As in run: override the plan's baseUrl (as the pods reach it).")
    String baseUrl;

    @Option(names = "--max-duration", paramLabel = "DURATION", description = "As in run: the safety bound of the whole run.")
    String maxDuration;

    @Option(names = "--no-thresholds", description = "As in run: do not evaluate the plan's thresholds.")
    boolean noThresholds;

    @Option(names = "--accept-invalid-run", description = "As in run: exit by the thresholds even when a generator was the bottleneck.")
    boolean acceptInvalidRun;

    @Option(names = "--tag", paramLabel = "NAME=VALUE", description = "As in run: a tag on every sample and the run. Repeatable.")
    List<String> tags = new ArrayList<>();

    /** The run's objects' spec; {@code namespace} null for a manifest without {@code --namespace}. */
    RunObjectsSpec spec(String namespace, PrintWriter err) {
        if (agents < 1 || agents > RunCommand.MAX_AGENTS) {
            throw new UsageException("--agents " + agents + ": expected 1 to " + RunCommand.MAX_AGENTS + " agents (docs/limits.md)");
        }
        if (port < 1 || port > 65535) throw new UsageException("--port " + port + ": expected 1 to 65535");
        if (!List.of("IfNotPresent", "Always", "Never").contains(imagePullPolicy)) {
            throw new UsageException("--image-pull-policy " + imagePullPolicy + ": expected IfNotPresent, Always or Never");
        }
        if (maxDuration != null) new DurationConverter().convert(maxDuration);
        RunCommand.parseTags(tags);
        // the plan is checked here as run checks it: a broken plan never reaches a cluster
        PlanSource.load(target, PlanSource.parseEnv(env), new ExecutionShortcut(null, null, null), baseUrl, err);
        PlanBundle bundle;
        try {
            bundle = PlanBundle.read(target, files);
        } catch (PlanBundleException e) {
            throw new UsageException(e.getMessage());
        }
        String id = runId != null ? runId : RunObjectsSpec.newRunId(target.getFileName().toString());
        String img = image != null ? image : "headroom:" + DistributedRun.version();
        try {
            return new RunObjectsSpec(id, namespace, img, imagePullPolicy, agents, port, seconds(ttl, "--ttl"),
                    seconds(agentWait, "--agent-wait"), bundle, runOptions(),
                    new RunObjectsSpec.PodResources(quantity("--agent-cpu", agentCpu), quantity("--agent-memory", agentMemory)));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--run-id " + e.getMessage());
        }
    }

    /** The {@code run} options the coordinator is started with (it hands them to every agent). */
    List<String> runOptions() {
        List<String> o = new ArrayList<>();
        for (String e : env) o.addAll(List.of("-e", e));
        if (baseUrl != null) o.addAll(List.of("--base-url", baseUrl));
        if (maxDuration != null) o.addAll(List.of("--max-duration", maxDuration));
        if (noThresholds) o.add("--no-thresholds");
        if (acceptInvalidRun) o.add("--accept-invalid-run");
        for (String t : tags) o.addAll(List.of("--tag", t));
        return o;
    }

    /** A Kubernetes quantity, checked here rather than refused by the API server after some objects exist. */
    private static String quantity(String option, String value) {
        if (value == null) return null;
        try {
            if (io.fabric8.kubernetes.api.model.Quantity.getAmountInBytes(new io.fabric8.kubernetes.api.model.Quantity(value)).signum() <= 0) {
                throw new IllegalArgumentException("not positive");
            }
            return value;
        } catch (RuntimeException e) {
            throw new UsageException(option + " " + value + ": expected a positive Kubernetes quantity such as 2, 500m, 1Gi");
        }
    }

    private static int seconds(Duration d, String option) {
        if (d.isNegative() || d.toSeconds() < 1 || d.toSeconds() > Integer.MAX_VALUE) {
            throw new UsageException(option + " " + d + ": expected at least 1s");
        }
        return (int) d.toSeconds();
    }
}
