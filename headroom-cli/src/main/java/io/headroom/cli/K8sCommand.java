package io.headroom.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code headroom k8s}: distributed runs on Kubernetes ({@code run}, {@code manifest}); prints its help alone. */
@Command(name = "k8s", mixinStandardHelpOptions = true,
        description = {"Run a plan on Kubernetes: the coordinator as a Job with a Service, N agents as an Indexed Job, the",
                "plan and its data files in a ConfigMap. Uses the current kubectl context (~/.kube/config, $KUBECONFIG,",
                "or the pod's service account). See docs/distributed.md."},
        subcommands = {K8sRunCommand.class, K8sManifestCommand.class, K8sCoordinatorCommand.class})
final class K8sCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
