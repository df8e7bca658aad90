package io.headroom.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link KubernetesRun} against fabric8's mock API server in CRUD mode, the test playing the Job controller and the
 * kubelet: it creates the pods the Jobs would have, sets their status and serves the coordinator's log.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesRunTest {
    static KubernetesMockServer server;
    static KubernetesClient client;

    @TempDir
    Path dir;

    private final List<String> shown = Collections.synchronizedList(new ArrayList<>());

    /** Runs it on a thread of its own; the test acts while it waits. */
    private final class Running {
        final KubernetesRun run;
        final AtomicReference<RunOutcome> outcome = new AtomicReference<>();
        final Thread thread;

        Running(RunObjectsSpec spec, Duration startTimeout) {
            run = new KubernetesRun(client, spec, shown::add, shown::add, startTimeout);
            thread = Thread.ofPlatform().name("k8s-run").start(() -> outcome.set(run.run()));
        }

        RunOutcome await() throws InterruptedException {
            thread.join(TimeUnit.SECONDS.toMillis(60));
            assertThat(thread.isAlive()).as("the run ended").isFalse();
            return outcome.get();
        }
    }

    private static List<HasMetadata> objectsOf(RunObjectsSpec spec) {
        List<HasMetadata> objects = new ArrayList<>();
        objects.addAll(client.configMaps().inNamespace(spec.namespace()).withLabel(RunLabels.RUN, spec.runId()).list().getItems());
        objects.addAll(client.services().inNamespace(spec.namespace()).withLabel(RunLabels.RUN, spec.runId()).list().getItems());
        objects.addAll(client.batch().v1().jobs().inNamespace(spec.namespace()).withLabel(RunLabels.RUN, spec.runId()).list().getItems());
        objects.addAll(client.pods().inNamespace(spec.namespace()).withLabel(RunLabels.RUN, spec.runId()).list().getItems());
        return objects;
    }

    private static void awaitCreated(RunObjectsSpec spec) throws InterruptedException {
        for (int i = 0; i < 600 && client.batch().v1().jobs().inNamespace(spec.namespace()).withName(spec.agentsName()).get() == null; i++) {
            Thread.sleep(50);
        }
        assertThat(client.batch().v1().jobs().inNamespace(spec.namespace()).withName(spec.agentsName()).get()).as("agents Job").isNotNull();
    }

    /** A pod as the Job controller makes it (the template's labels) with the status the kubelet would give it. */
    private static void pod(RunObjectsSpec spec, String name, String role, Pod withStatus) {
        Map<String, String> labels = RunLabels.of(spec.runId(), role);
        Pod pod = new PodBuilder(withStatus).editOrNewMetadata().withName(name).withNamespace(spec.namespace()).withLabels(labels).endMetadata().build();
        client.pods().inNamespace(spec.namespace()).resource(pod).create();
        client.pods().inNamespace(spec.namespace()).resource(pod).updateStatus();
    }

    private static Pod phase(String phase) {
        return new PodBuilder().withNewStatus().withPhase(phase).endStatus().build();
    }

    private static void serveLog(RunObjectsSpec spec, String pod, String log) {
        server.expect().get().withPath("/api/v1/namespaces/" + spec.namespace() + "/pods/" + pod + "/log?pretty=false&container="
                + RunObjects.CONTAINER + "&follow=true").andReturn(200, log).always();
    }

    private String bundleOf(String summary, int exitCode) throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("summary.json"), summary);
        return ResultBundleTest.printed(out, exitCode);
    }

    @Test
    void createsTheObjectsFollowsTheCoordinatorAndDeletesEverythingAtTheEnd() throws Exception {
        RunObjectsSpec spec = RunObjectsExpectations.spec(dir, 3);
        String coordinatorPod = spec.coordinatorName() + "-x7k2p";
        serveLog(spec, coordinatorPod, "headroom: 3 agent(s) ready; the run starts now\n  1s iterations 50\n"
                + bundleOf("{\"schema\":\"headroom.summary/1\"}", 99));
        Running r = new Running(spec, Duration.ofSeconds(60));
        awaitCreated(spec);
        RunObjectsExpectations.check(objectsOf(spec), spec, true);
        pod(spec, spec.agentsName() + "-0-aaaaa", RunLabels.AGENT, phase("Running"));
        pod(spec, spec.agentsName() + "-1-bbbbb", RunLabels.AGENT, phase("Running"));
        // negative control: a pod still creating its container does not fail the run
        pod(spec, spec.agentsName() + "-2-ccccc", RunLabels.AGENT, PodProblemTest.waiting("x", Map.of(), "ContainerCreating", null));
        pod(spec, coordinatorPod, RunLabels.COORDINATOR, phase("Running"));

        RunOutcome outcome = r.await();
        assertThat(outcome).isInstanceOfSatisfying(RunOutcome.Finished.class, f -> {
            assertThat(f.exitCode()).isEqualTo(99);
            assertThat(new String(f.files().get("summary.json"), StandardCharsets.UTF_8)).isEqualTo("{\"schema\":\"headroom.summary/1\"}");
        });
        assertThat(shown).contains("headroom: 3 agent(s) ready; the run starts now", "  1s iterations 50")
                .noneMatch(s -> s.startsWith(ResultBundle.PREFIX) || s.startsWith(ResultBundle.END));
        assertThat(objectsOf(spec)).as("nothing of the run left").isEmpty();
    }

    @Test
    void anAgentThatCannotPullItsImageFailsTheRunWithItsReason() throws Exception {
        RunObjectsSpec spec = RunObjectsExpectations.spec(dir, 2);
        Running r = new Running(spec, Duration.ofSeconds(60));
        awaitCreated(spec);
        pod(spec, spec.coordinatorName() + "-q1w2e", RunLabels.COORDINATOR, phase("Running"));
        pod(spec, spec.agentsName() + "-1-zzzzz", RunLabels.AGENT,
                PodProblemTest.waiting("x", Map.of(), "ImagePullBackOff", "Back-off pulling image \"registry.example/headroom:1.0\""));
        RunOutcome outcome = r.await();
        assertThat(outcome).isInstanceOfSatisfying(RunOutcome.PodFailed.class, f -> assertThat(f.problem().describe()).isEqualTo(
                "pod " + spec.agentsName() + "-1-zzzzz could not start its container (ImagePullBackOff): Back-off pulling image"
                        + " \"registry.example/headroom:1.0\""));
        assertThat(objectsOf(spec)).isEmpty();
    }

    @Test
    void aCoordinatorThatCannotBeScheduledFailsTheRunWithTheSchedulersMessage() throws Exception {
        RunObjectsSpec spec = RunObjectsExpectations.spec(dir, 2);
        Running r = new Running(spec, Duration.ofSeconds(60));
        awaitCreated(spec);
        pod(spec, spec.coordinatorName() + "-u8i9o", RunLabels.COORDINATOR, PodProblemTest.unschedulable("x", Map.of()));
        RunOutcome outcome = r.await();
        assertThat(outcome).isInstanceOfSatisfying(RunOutcome.PodFailed.class, f -> assertThat(f.problem().describe())
                .contains("could not be scheduled (Unschedulable): 0/3 nodes are available: 3 Insufficient cpu."));
        assertThat(objectsOf(spec)).isEmpty();
    }

    @Test
    void aCoordinatorKilledBeforeItSentItsResultsEndsTheRunWithItsExitCode() throws Exception {
        RunObjectsSpec spec = RunObjectsExpectations.spec(dir, 1);
        String coordinatorPod = spec.coordinatorName() + "-k1l2m";
        serveLog(spec, coordinatorPod, "headroom: 1 agent(s) ready; the run starts now\n");
        Running r = new Running(spec, Duration.ofSeconds(60));
        awaitCreated(spec);
        pod(spec, coordinatorPod, RunLabels.COORDINATOR, new PodBuilder().withNewStatus().withPhase("Failed").addNewContainerStatus()
                .withName(RunObjects.CONTAINER).withNewState().withNewTerminated().withExitCode(137).withReason("OOMKilled").endTerminated()
                .endState().endContainerStatus().endStatus().build());
        RunOutcome outcome = r.await();
        assertThat(outcome).isInstanceOfSatisfying(RunOutcome.CoordinatorEnded.class, e -> {
            assertThat(e.exitCode()).isEqualTo(137);
            assertThat(e.why()).contains(coordinatorPod).contains("OOMKilled, exit 137").contains("without sending its results");
        });
        assertThat(objectsOf(spec)).isEmpty();
    }

    @Test
    void anInterruptDeletesEverything() throws Exception {
        RunObjectsSpec spec = RunObjectsExpectations.spec(dir, 4);
        Running r = new Running(spec, Duration.ofSeconds(60));
        awaitCreated(spec);
        pod(spec, spec.agentsName() + "-0-aaaaa", RunLabels.AGENT, phase("Running"));
        assertThat(objectsOf(spec)).as("before the interrupt").hasSize(5);
        r.thread.interrupt();
        assertThat(r.await()).isInstanceOf(RunOutcome.Interrupted.class);
        assertThat(objectsOf(spec)).as("after the interrupt").isEmpty();
    }

    @Test
    void aStopAsksTheRunningCoordinatorToStopAndASecondEndsTheRunAtOnce() throws Exception {
        RunObjectsSpec spec = RunObjectsExpectations.spec(dir, 2);
        String coordinatorPod = spec.coordinatorName() + "-s1s2s";
        serveLog(spec, coordinatorPod, "headroom: 2 agent(s) ready; the run starts now\n");
        Running r = new Running(spec, Duration.ofSeconds(60));
        awaitCreated(spec);
        pod(spec, coordinatorPod, RunLabels.COORDINATOR, phase("Running"));
        for (int i = 0; i < 600 && !shown.contains("headroom: 2 agent(s) ready; the run starts now"); i++) Thread.sleep(50);
        r.run.stop();
        for (int i = 0; i < 600 && client.pods().inNamespace(spec.namespace()).withName(coordinatorPod).get() != null; i++) Thread.sleep(50);
        // the coordinator's pod is deleted (SIGTERM: it writes its partial results), the rest waits for them
        assertThat(client.pods().inNamespace(spec.namespace()).withName(coordinatorPod).get()).isNull();
        assertThat(r.thread.isAlive()).isTrue();
        assertThat(client.batch().v1().jobs().inNamespace(spec.namespace()).withName(spec.agentsName()).get()).isNotNull();
        r.run.stop();
        assertThat(r.await()).isInstanceOf(RunOutcome.Interrupted.class);
        assertThat(objectsOf(spec)).isEmpty();
        assertThat(shown).anyMatch(s -> s.contains("stopping the run"));
    }

    @Test
    void aStoppedCoordinatorsPartialResultsComeBack() throws Exception {
        RunObjectsSpec spec = RunObjectsExpectations.spec(dir, 2);
        String coordinatorPod = spec.coordinatorName() + "-g1g2g";
        String path = "/api/v1/namespaces/" + spec.namespace() + "/pods/" + coordinatorPod + "/log?pretty=false&container="
                + RunObjects.CONTAINER + "&follow=true";
        String first = "headroom: 2 agent(s) ready; the run starts now\n";
        server.expect().get().withPath(path).andReturn(200, first).once();
        Running r = new Running(spec, Duration.ofSeconds(60));
        awaitCreated(spec);
        pod(spec, coordinatorPod, RunLabels.COORDINATOR, phase("Running"));
        for (int i = 0; i < 600 && !shown.contains("headroom: 2 agent(s) ready; the run starts now"); i++) Thread.sleep(50);
        r.run.stop();
        // the mock deletes the pod at once; a cluster keeps it running (Terminating) for its grace period: put it back
        for (int i = 0; i < 600 && client.pods().inNamespace(spec.namespace()).withName(coordinatorPod).get() != null; i++) Thread.sleep(50);
        pod(spec, coordinatorPod, RunLabels.COORDINATOR, phase("Running"));
        // what the pod prints after its SIGTERM: the partial summary, then the bundle (the log read again from its start)
        server.expect().get().withPath(path).andReturn(200, first + "interrupted\n" + bundleOf("{\"partial\":true}", 130)).always();
        RunOutcome outcome = r.await();
        assertThat(outcome).isInstanceOfSatisfying(RunOutcome.Interrupted.class, i -> assertThat(
                new String(i.files().get("summary.json"), StandardCharsets.UTF_8)).isEqualTo("{\"partial\":true}"));
        assertThat(shown).containsOnlyOnce("headroom: 2 agent(s) ready; the run starts now").contains("interrupted");
        assertThat(objectsOf(spec)).isEmpty();
    }

    @Test
    void aStopBeforeTheCoordinatorRanEndsTheRunAtOnce() throws Exception {
        RunObjectsSpec spec = RunObjectsExpectations.spec(dir, 2);
        Running r = new Running(spec, Duration.ofSeconds(60));
        awaitCreated(spec);
        pod(spec, spec.coordinatorName() + "-p1p2p", RunLabels.COORDINATOR, phase("Pending"));
        r.run.stop();
        assertThat(r.await()).isInstanceOf(RunOutcome.Interrupted.class);
        assertThat(objectsOf(spec)).isEmpty();
    }

    @Test
    void aCoordinatorThatNeverRunsFailsTheRunAfterTheStartTimeout() throws Exception {
        RunObjectsSpec spec = RunObjectsExpectations.spec(dir, 1);
        Running r = new Running(spec, Duration.ofSeconds(1));
        RunOutcome outcome = r.await();
        assertThat(outcome).isInstanceOfSatisfying(RunOutcome.PodFailed.class, f -> assertThat(f.problem().describe())
                .contains("NotStarted").contains("not running after 1 s"));
        assertThat(objectsOf(spec)).isEmpty();
    }
}
