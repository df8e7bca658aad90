package io.headroom.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.headroom.core.result.AgentResult;
import io.headroom.core.result.RunResult;
import io.headroom.kubernetes.ResultBundle;
import io.headroom.kubernetes.RunLabels;
import io.headroom.kubernetes.RunObjects;
import io.headroom.report.JsonSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code headroom k8s run} as a user runs it, a child process against fabric8's mock API server (CRUD mode), the test
 * playing the Job controller and the kubelet. The coordinator's log it serves is a real one: {@code k8s coordinator}
 * (what the pod runs) and {@code agent} run here as child processes against the demo shop first.
 */
@EnableKubernetesMockClient(crud = true)
class K8sRunCliTest {
    private static final String NS = "load";
    private static KubernetesMockServer server;
    private static KubernetesClient client;

    @TempDir
    Path dir;

    /** The JVM options that point fabric8's auto-configuration at the mock server, as a kubeconfig would. */
    private static List<String> kubeProperties(String masterUrl) {
        return List.of("-Dkubernetes.master=" + masterUrl, "-Dkubernetes.trust.certificates=true",
                "-Dkubernetes.disable.hostname.verification=true", "-Dkubernetes.auth.tryKubeConfig=false",
                "-Dkubernetes.auth.tryServiceAccount=false", "-Dkubernetes.namespace=" + NS);
    }

    private DistributedRunTest.Child headroom(List<String> jvm, String... args) throws IOException {
        List<String> command = new ArrayList<>(LocalAgents.javaCommand().subList(0, 1));
        command.addAll(jvm);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "child", ".log");
        ProcessBuilder b = new ProcessBuilder(TerminalSignals.withTerminalDefaults(command)).redirectErrorStream(true).redirectOutput(log.toFile());
        b.environment().put("HEADROOM_LOST_AFTER_MS", "20000");
        b.environment().remove("JOB_COMPLETION_INDEX");
        Process p = b.start();
        p.getOutputStream().close();
        return new DistributedRunTest.Child(p, log);
    }

    private static List<HasMetadata> objectsOf(String runId) {
        List<HasMetadata> o = new ArrayList<>();
        o.addAll(client.configMaps().inNamespace(NS).withLabel(RunLabels.RUN, runId).list().getItems());
        o.addAll(client.services().inNamespace(NS).withLabel(RunLabels.RUN, runId).list().getItems());
        o.addAll(client.batch().v1().jobs().inNamespace(NS).withLabel(RunLabels.RUN, runId).list().getItems());
        o.addAll(client.pods().inNamespace(NS).withLabel(RunLabels.RUN, runId).list().getItems());
        return o;
    }

    private static void awaitCreated(String runId, DistributedRunTest.Child cli) throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            if (client.batch().v1().jobs().inNamespace(NS).withName(runId + "-agents").get() != null) return;
            if (!cli.process().isAlive()) throw new AssertionError("the CLI ended first:\n" + cli.log());
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new AssertionError("no agents Job within 120 s:\n" + cli.log());
    }

    private static void pod(String runId, String name, String role, Pod withStatus) {
        Pod pod = new PodBuilder(withStatus).editOrNewMetadata().withName(name).withNamespace(NS)
                .withLabels(RunLabels.of(runId, role)).endMetadata().build();
        client.pods().inNamespace(NS).resource(pod).create();
        client.pods().inNamespace(NS).resource(pod).updateStatus();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void theCoordinatorsResultsComeBackToTheResultsFolderAndTheRunsCodeIsTheExitCode() throws Exception {
        Path plan = K8sManifestTest.plan(dir);
        String runId = "hr-e2e-runs1";
        String coordinatorPod = runId + "-coordinator-p0d01";
        // 1. what the pods do, for real, here: the coordinator's pod command and one agent, against the demo shop
        String log;
        try (DemoChild demo = DemoChild.start()) {
            int port = freePort();
            DistributedRunTest.Child coordinator = headroom(List.of(), "k8s", "coordinator", "--agents", "1", "--port",
                    Integer.toString(port), "--agent-wait", "120s", "--out-dir", dir.resolve("pod-out").toString(),
                    "-e", "BASE_URL=" + demo.baseUrl(), "--accept-invalid-run", plan.toString());
            DistributedRunTest.Child agent = headroom(List.of(), "agent", "--coordinator", "127.0.0.1:" + port, "--connect-timeout",
                    "120s", plan.toString());
            assertThat(coordinator.waitFor(240)).as(coordinator.log()).isZero();
            assertThat(agent.waitFor(60)).as(agent.log()).isZero();
            log = coordinator.log();
        }
        assertThat(log).contains(ResultBundle.PREFIX).contains(ResultBundle.END + "0");
        server.expect().get().withPath("/api/v1/namespaces/" + NS + "/pods/" + coordinatorPod + "/log?pretty=false&container="
                + RunObjects.CONTAINER + "&follow=true").andReturn(200, log).always();

        // 2. the user's k8s run against the mock API server, the test being the cluster
        Path results = dir.resolve("results");
        Path json = dir.resolve("local.json");
        DistributedRunTest.Child cli = headroom(kubeProperties(client.getMasterUrl().toString()), "k8s", "run", plan.toString(),
                "--agents", "1", "--run-id", runId, "--image", "headroom:test", "--results-dir", results.toString(),
                "--json", json.toString(), "-e", "BASE_URL=http://shop.load.svc:8080");
        awaitCreated(runId, cli);
        assertThat(objectsOf(runId)).hasSize(4);
        pod(runId, runId + "-agents-0-a0a0a", RunLabels.AGENT, new PodBuilder().withNewStatus().withPhase("Running").endStatus().build());
        pod(runId, coordinatorPod, RunLabels.COORDINATOR, new PodBuilder().withNewStatus().withPhase("Running").endStatus().build());
        int code = cli.waitFor(120);
        String out = cli.log();
        assertThat(code).as(out).isZero();

        RunResult result = JsonSummary.read(json);
        assertThat(result.counter("iterations").count()).as(out).isEqualTo(20);
        assertThat(result.agents()).extracting(AgentResult::index).containsExactly(0);
        assertThat(Files.readString(results.resolve("k8s").resolve(runId).resolve("report.html"))).contains("<html");
        assertThat(Files.readString(results.resolve("index.json"))).contains("k8s-e2e");
        // the coordinator's own lines reach the user; the bundle's do not
        assertThat(out).contains("agent(s) ready; the run starts now").doesNotContain(ResultBundle.PREFIX)
                .contains("created " + runId + "-plan (ConfigMap)");
        assertThat(objectsOf(runId)).as("nothing of the run left\n" + out).isEmpty();
    }

    @Test
    void ctrlCDeletesEveryObjectAndExits130() throws Exception {
        Path plan = K8sManifestTest.plan(dir);
        String runId = "hr-e2e-ctrlc";
        DistributedRunTest.Child cli = headroom(kubeProperties(client.getMasterUrl().toString()), "k8s", "run", plan.toString(),
                "--agents", "2", "--run-id", runId, "--results-dir", dir.resolve("results").toString());
        awaitCreated(runId, cli);
        pod(runId, runId + "-coordinator-c0c0c", RunLabels.COORDINATOR, new PodBuilder().withNewStatus().withPhase("Pending").endStatus().build());
        assertThat(objectsOf(runId)).as("before Ctrl-C").hasSize(5);
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(cli.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(cli.waitFor(60)).as(cli.log()).isEqualTo(130);
        assertThat(objectsOf(runId)).as("after Ctrl-C").isEmpty();
        assertThat(cli.log()).contains("interrupted; every object of run " + runId + " was deleted");
    }

    @Test
    void anImageThatCannotBePulledFailsTheRunWith95AndThePodsReason() throws Exception {
        Path plan = K8sManifestTest.plan(dir);
        String runId = "hr-e2e-image";
        DistributedRunTest.Child cli = headroom(kubeProperties(client.getMasterUrl().toString()), "k8s", "run", plan.toString(),
                "--agents", "2", "--run-id", runId, "--image", "headroom:missing", "--results-dir", dir.resolve("results").toString());
        awaitCreated(runId, cli);
        pod(runId, runId + "-coordinator-i0i0i", RunLabels.COORDINATOR, new PodBuilder().withNewStatus().withPhase("Pending")
                .addNewContainerStatus().withName(RunObjects.CONTAINER).withNewState().withNewWaiting().withReason("ErrImagePull")
                .withMessage("rpc error: pull access denied for headroom, repository does not exist").endWaiting().endState()
                .endContainerStatus().endStatus().build());
        assertThat(cli.waitFor(60)).as(cli.log()).isEqualTo(ExitCode.AGENT_LOST.code());
        assertThat(cli.log()).contains("the run did not start: pod " + runId + "-coordinator-i0i0i could not start its container"
                + " (ErrImagePull): rpc error: pull access denied for headroom");
        assertThat(objectsOf(runId)).isEmpty();
    }

    @Test
    void noClusterIsAUsageErrorNamingTheAddressAndABrokenPlanCreatesNothing() throws Exception {
        Path plan = K8sManifestTest.plan(dir);
        DistributedRunTest.Child none = headroom(kubeProperties("https://127.0.0.1:" + freePort()), "k8s", "run", plan.toString(),
                "--agents", "1", "--run-id", "hr-e2e-nocls");
        assertThat(none.waitFor(120)).as(none.log()).isEqualTo(2);
        assertThat(none.log()).contains("cannot create Job hr-e2e-nocls-coordinator").contains("127.0.0.1").doesNotContain("\tat ");

        Path bad = Files.writeString(dir.resolve("bad.yaml"), "name: bad\nscenarios:\n  s:\n    executor: nope\n");
        DistributedRunTest.Child broken = headroom(kubeProperties(client.getMasterUrl().toString()), "k8s", "run", bad.toString(),
                "--agents", "1", "--run-id", "hr-e2e-broke");
        assertThat(broken.waitFor(120)).as(broken.log()).isEqualTo(2);
        assertThat(broken.log()).contains("bad.yaml");
        assertThat(objectsOf("hr-e2e-broke")).isEmpty();
    }
}
