package io.headroom.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.headroom.kubernetes.KubernetesRun;
import io.headroom.kubernetes.KubernetesRunException;
import io.headroom.kubernetes.ResultBundle;
import io.headroom.kubernetes.RunOutcome;
import io.headroom.kubernetes.RunObjectsSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code headroom k8s run PLAN --agents N}: runs the plan on Kubernetes ({@link KubernetesRun}) with the current kubectl
 * context, prints the coordinator's log (its live progress and summary) as it comes, writes the files it sends back
 * here and exits with the run's code. A pod that cannot be scheduled or pull its image fails the run with its reason
 * (exit 95); Ctrl-C stops the coordinator (partial results) and deletes every object of the run (exit 130).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the plan on Kubernetes: creates a ConfigMap (the plan and its data files), the coordinator",
                "(a Job of one pod, and its Service) and the agents (an Indexed Job of N pods); prints the coordinator's",
                "live progress and summary; copies the summary and reports back to the results folder; deletes every",
                "object at the end (also on Ctrl-C); exits with the run's code. A pod that cannot be scheduled or pull",
                "its image fails the run with the pod's reason (exit 95)."})
final class K8sRunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    K8sOptions options;

    @Mixin
    ResultsDirOption resultsDir;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "The namespace (default: the kubectl"
            + " context's, else default).")
    String namespace;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the JSON summary (headroom.summary/1) here.")
    Path jsonFile;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write the HTML report here.")
    Path htmlFile;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write the JUnit XML report here.")
    Path junitFile;

    @Option(names = "--start-timeout", paramLabel = "DURATION", converter = DurationConverter.class, description = "How long"
            + " the coordinator's pod may take to start running (default: --agent-wait); then the run fails (exit 95).")
    Duration startTimeout;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // a few quick retries, not fabric8's ten with back-off: an unreachable cluster is said within seconds
        Config config = new ConfigBuilder(Config.autoConfigure(null)).withRequestRetryBackoffLimit(3).build();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            String ns = namespace != null ? namespace : client.getNamespace() != null ? client.getNamespace() : "default";
            RunObjectsSpec s = options.spec(ns, err);
            KubernetesRun run = new KubernetesRun(client, s, line -> {
                out.println(line);
                out.flush();
            }, line -> {
                err.println(line);
                err.flush();
            }, startTimeout != null ? startTimeout : options.agentWait);
            installSignals(run);
            RunOutcome outcome;
            try {
                outcome = run.run();
            } catch (KubernetesRunException e) {
                throw new UsageException(e.getMessage() + (noContext()
                        ? " (no Kubernetes context here: no $KUBECONFIG, no ~/.kube/config, not in a pod; kubectl config get-contexts)"
                        : " (is kubectl's current context the cluster you mean? kubectl config current-context)"));
            }
            return switch (outcome) {
                case RunOutcome.Finished f -> saved(f.files(), s, f.exitCode(), err);
                case RunOutcome.Interrupted i -> {
                    err.println("headroom: interrupted; every object of run " + s.runId() + " was deleted");
                    yield saved(i.files(), s, ExitCode.INTERRUPTED.code(), err);
                }
                case RunOutcome.PodFailed p -> {
                    err.println("headroom: the run did not start: " + p.problem().describe() + "; every object of run "
                            + s.runId() + " was deleted");
                    yield ExitCode.AGENT_LOST.code();
                }
                case RunOutcome.CoordinatorEnded e -> {
                    err.println("headroom: " + e.why() + "; every object of run " + s.runId() + " was deleted");
                    yield ExitCode.AGENT_LOST.code();
                }
            };
        } finally {
            err.flush();
        }
    }

    private int saved(Map<String, byte[]> files, RunObjectsSpec s, int exitCode, PrintWriter err) {
        Map<String, Path> copies = new LinkedHashMap<>();
        copies.put(ResultBundle.SUMMARY, jsonFile);
        copies.put("report.html", htmlFile);
        copies.put("junit.xml", junitFile);
        boolean ok = K8sResults.save(files, s.runId(), exitCode, resultsDir.index(), HistoryOptions.DEFAULT_KEEP_RUNS, copies, err);
        // a gate whose evidence was lost must not pass (as in run)
        return ok || exitCode == ExitCode.INTERRUPTED.code() ? exitCode : ExitCode.OUTPUTS_NOT_WRITTEN.code();
    }

    /** True when fabric8 found nothing to configure itself from and fell back to its in-cluster default address. */
    private static boolean noContext() {
        return System.getenv("KUBECONFIG") == null && System.getenv("KUBERNETES_SERVICE_HOST") == null
                && System.getProperty("kubernetes.master") == null
                && !java.nio.file.Files.exists(Path.of(System.getProperty("user.home"), ".kube", "config"));
    }

    /** Ctrl-C, SIGTERM, SIGHUP: the first stops the run gracefully, the next at once; either way everything is deleted. */
    private static void installSignals(KubernetesRun run) {
        for (String signal : new String[] {"INT", "TERM", "HUP"}) {
            try {
                Signal.handle(new Signal(signal), s -> run.stop());
            } catch (IllegalArgumentException e) {
                // not available here
            }
        }
    }
}
