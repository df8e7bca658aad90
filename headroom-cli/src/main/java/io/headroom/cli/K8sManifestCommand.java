package io.headroom.cli;

import io.headroom.kubernetes.RunObjects;
import io.headroom.kubernetes.RunObjectsSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code headroom k8s manifest PLAN --agents N}: prints the objects {@code k8s run} would create, as one YAML stream for
 * {@code kubectl apply -f -} or a GitOps repository. Without owner references (there is no owner's uid yet): delete
 * them by their label, or let the Jobs' TTL go.
 */
@Command(name = "manifest", mixinStandardHelpOptions = true,
        description = {"Print the run's Kubernetes objects as YAML (ConfigMap, Service, coordinator Job, agents Indexed Job)",
                "for kubectl apply -f - ; follow the run with kubectl logs -f job/ID-coordinator; delete it with",
                "kubectl delete jobs,services,configmaps -l headroom.io/run=ID. Talks to no cluster."})
final class K8sManifestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    K8sOptions options;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "The objects' namespace (default: none, so"
            + " kubectl apply -n NS decides).")
    String namespace;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        RunObjectsSpec s = options.spec(namespace, spec.commandLine().getErr());
        out.print("# headroom k8s manifest: run " + s.runId() + ", " + s.agents() + " agent(s), image " + s.image() + "\n");
        out.print(RunObjects.of(s).toYaml());
        out.flush();
        return ExitCode.OK.code();
    }
}
