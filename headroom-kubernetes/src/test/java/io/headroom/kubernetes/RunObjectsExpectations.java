package io.headroom.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the objects of a run must be, whether the CLI created them (in the mock API server) or {@code k8s manifest}
 * printed them: one expectation for both, so the two cannot drift. Throws AssertionError naming the field.
 */
public final class RunObjectsExpectations {
    private RunObjectsExpectations() {}

    /**
     * @param owned true when the ConfigMap, Service and agents Job must be owned by the coordinator Job (created by
     *              {@code k8s run}); false for a manifest, which has no uid to refer to
     */
    public static void check(List<? extends HasMetadata> objects, RunObjectsSpec spec, boolean owned) {
        assertThat(objects).extracting(o -> o.getKind() + "/" + o.getMetadata().getName()).containsExactlyInAnyOrder(
                "ConfigMap/" + spec.configMapName(), "Service/" + spec.coordinatorName(), "Job/" + spec.coordinatorName(),
                "Job/" + spec.agentsName());
        for (HasMetadata o : objects) {
            assertThat(o.getMetadata().getLabels()).as(o.getKind() + " labels").containsEntry(RunLabels.RUN, spec.runId())
                    .containsEntry(RunLabels.MANAGED_BY, "headroom");
            assertThat(o.getMetadata().getNamespace()).as(o.getKind() + " namespace").isEqualTo(spec.namespace());
        }
        ConfigMap cm = find(objects, ConfigMap.class, spec.configMapName());
        for (PlanBundle.PlanFile f : spec.plan().files()) {
            assertThat(cm.getData()).as("ConfigMap data").containsEntry(f.key(), new String(f.bytes(), StandardCharsets.UTF_8));
        }
        Service svc = find(objects, Service.class, spec.coordinatorName());
        assertThat(svc.getSpec().getSelector()).as("Service selector")
                .isEqualTo(Map.of(RunLabels.RUN, spec.runId(), RunLabels.ROLE, RunLabels.COORDINATOR));
        assertThat(svc.getSpec().getPorts()).as("Service port").singleElement().satisfies(p -> assertThat(p.getPort()).isEqualTo(spec.port()));

        Job coordinator = find(objects, Job.class, spec.coordinatorName());
        assertThat(coordinator.getSpec().getCompletions()).as("coordinator completions").isEqualTo(1);
        assertThat(coordinator.getSpec().getBackoffLimit()).as("coordinator backoffLimit").isZero();
        assertThat(coordinator.getSpec().getTtlSecondsAfterFinished()).as("coordinator ttl").isEqualTo(spec.ttlSecondsAfterFinished());
        assertThat(coordinator.getSpec().getTemplate().getMetadata().getLabels()).as("coordinator pod labels")
                .containsEntry(RunLabels.RUN, spec.runId()).containsEntry(RunLabels.ROLE, RunLabels.COORDINATOR);
        Container c = pod(coordinator, spec);
        assertThat(c.getArgs()).as("coordinator args").startsWith("k8s", "coordinator", "--agents", Integer.toString(spec.agents()))
                .endsWith(RunObjectsSpec.PLAN_MOUNT + "/" + spec.plan().planPath()).containsSequence("--port", Integer.toString(spec.port()));

        Job agents = find(objects, Job.class, spec.agentsName());
        assertThat(agents.getSpec().getCompletionMode()).as("agents completionMode").isEqualTo("Indexed");
        assertThat(agents.getSpec().getCompletions()).as("agents completions").isEqualTo(spec.agents());
        assertThat(agents.getSpec().getParallelism()).as("agents parallelism").isEqualTo(spec.agents());
        assertThat(agents.getSpec().getBackoffLimit()).as("agents backoffLimit").isZero();
        assertThat(agents.getSpec().getTtlSecondsAfterFinished()).as("agents ttl").isEqualTo(spec.ttlSecondsAfterFinished());
        assertThat(agents.getSpec().getTemplate().getMetadata().getLabels()).as("agent pod labels")
                .containsEntry(RunLabels.RUN, spec.runId()).containsEntry(RunLabels.ROLE, RunLabels.AGENT);
        Container a = pod(agents, spec);
        var spreadOver = agents.getSpec().getTemplate().getSpec().getAffinity();
        assertThat(spreadOver).as("agents affinity").isNotNull();
        assertThat(spreadOver.getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution()).as("agents spread over nodes")
                .singleElement().satisfies(t -> {
                    assertThat(t.getPodAffinityTerm().getTopologyKey()).isEqualTo(RunObjects.HOSTNAME_TOPOLOGY);
                    assertThat(t.getPodAffinityTerm().getLabelSelector().getMatchLabels())
                            .isEqualTo(Map.of(RunLabels.RUN, spec.runId(), RunLabels.ROLE, RunLabels.AGENT));
                });
        assertThat(a.getArgs()).as("agent args").startsWith("agent", "--coordinator", spec.coordinatorName() + ":" + spec.port())
                .endsWith(RunObjectsSpec.PLAN_MOUNT + "/" + spec.plan().planPath()).doesNotContain("--index");
        RunObjectsSpec.PodResources res = spec.agentResources();
        if (res.cpu() == null && res.memory() == null) {
            assertThat(a.getResources() == null || a.getResources().getLimits() == null || a.getResources().getLimits().isEmpty())
                    .as("agent resources").isTrue();
        } else {
            Map<String, String> limits = new java.util.LinkedHashMap<>();
            if (res.cpu() != null) limits.put("cpu", res.cpu());
            if (res.memory() != null) limits.put("memory", res.memory());
            assertThat(a.getResources()).as("agent resources").isNotNull();
            assertThat(a.getResources().getLimits()).as("agent limits").hasSize(limits.size());
            assertThat(a.getResources().getRequests()).as("agent requests").isEqualTo(a.getResources().getLimits());
            limits.forEach((k, v) -> assertThat(a.getResources().getLimits().get(k).toString()).as("agent " + k).isEqualTo(v));
        }

        for (HasMetadata o : List.of(cm, svc, agents)) {
            List<OwnerReference> refs = o.getMetadata().getOwnerReferences();
            if (owned) {
                assertThat(refs).as(o.getKind() + " owner").singleElement().satisfies(r -> {
                    assertThat(r.getKind()).isEqualTo("Job");
                    assertThat(r.getName()).isEqualTo(spec.coordinatorName());
                    assertThat(r.getUid()).isEqualTo(coordinator.getMetadata().getUid()).isNotBlank();
                });
            } else {
                assertThat(refs).as(o.getKind() + " owner").isNullOrEmpty();
            }
        }
    }

    private static Container pod(Job job, RunObjectsSpec spec) {
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getRestartPolicy()).as(job.getMetadata().getName() + " restartPolicy").isEqualTo("Never");
        assertThat(pod.getVolumes()).as(job.getMetadata().getName() + " volumes").singleElement().satisfies(v -> {
            assertThat(v.getConfigMap().getName()).isEqualTo(spec.configMapName());
            assertThat(v.getConfigMap().getItems()).extracting(i -> i.getKey() + "=" + i.getPath())
                    .containsExactlyElementsOf(spec.plan().files().stream().map(f -> f.key() + "=" + f.path()).toList());
        });
        Container c = pod.getContainers().getFirst();
        assertThat(pod.getContainers()).hasSize(1);
        assertThat(c.getImage()).as(job.getMetadata().getName() + " image").isEqualTo(spec.image());
        assertThat(c.getVolumeMounts()).singleElement().satisfies(m -> assertThat(m.getMountPath()).isEqualTo(RunObjectsSpec.PLAN_MOUNT));
        return c;
    }

    private static <T extends HasMetadata> T find(List<? extends HasMetadata> objects, Class<T> type, String name) {
        return objects.stream().filter(type::isInstance).map(type::cast).filter(o -> o.getMetadata().getName().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name + " in " + objects));
    }

    /** A plan with a data file in a sub-folder, written under {@code dir}, and a spec of {@code agents} for it. */
    public static RunObjectsSpec spec(java.nio.file.Path dir, int agents) throws java.io.IOException {
        java.nio.file.Path plan = planWithData(dir);
        PlanBundle bundle = PlanBundle.read(plan, List.of());
        return new RunObjectsSpec(RunObjectsSpec.newRunId(plan.getFileName().toString()), "load", "registry.example/headroom:1.0",
                "IfNotPresent", agents, RunObjectsSpec.DEFAULT_PORT, 300, 120, bundle, List.of("-e", "TARGET=shop"));
    }

    /** {@code dir/shop.yaml}, reading {@code data/users.csv}. */
    public static java.nio.file.Path planWithData(java.nio.file.Path dir) throws java.io.IOException {
        java.nio.file.Files.createDirectories(dir.resolve("data"));
        java.nio.file.Files.writeString(dir.resolve("data/users.csv"), "user,password\nann,a1\nbob,b2\n");
        return java.nio.file.Files.writeString(dir.resolve("shop.yaml"), """
                name: shop
                baseUrl: http://shop.load.svc:8080
                data:
                  users: {file: data/users.csv, strategy: unique}
                scenarios:
                  browse:
                    executor: constant-vus
                    vus: 2
                    duration: 5s
                    flow:
                      - get: /
                """);
    }
}
