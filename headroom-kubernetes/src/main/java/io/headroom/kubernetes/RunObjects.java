package io.headroom.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The four objects of a Kubernetes run: a ConfigMap with the plan and its data files, the coordinator as a Job of one
 * pod with a Service in front of it, and the agents as an Indexed Job ({@code completions = parallelism = N},
 * {@code backoffLimit: 0}; each pod's agent index from {@code JOB_COMPLETION_INDEX}). Every object carries the run's
 * {@link RunLabels}; both Jobs have {@code ttlSecondsAfterFinished}; {@link #ownedBy} makes the coordinator Job the
 * owner of the rest, so deleting it (or its TTL running out) deletes everything. Immutable.
 */
public record RunObjects(ConfigMap configMap, Service service, Job coordinator, Job agents) {
    /** The container's name in every pod. */
    public static final String CONTAINER = "headroom";
    /** The well-known node label the agents are spread over. */
    public static final String HOSTNAME_TOPOLOGY = "kubernetes.io/hostname";

    /** The objects of {@code spec}, without owner references (as {@code k8s manifest} prints them). */
    public static RunObjects of(RunObjectsSpec spec) {
        return new RunObjects(configMap(spec), service(spec), coordinatorJob(spec), agentsJob(spec));
    }

    /** The ConfigMap, Service and agents Job owned by the (created) coordinator Job, whose uid must be set. */
    public RunObjects ownedBy(Job owner) {
        OwnerReference ref = new OwnerReferenceBuilder().withApiVersion("batch/v1").withKind("Job")
                .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid()).withBlockOwnerDeletion(false)
                .withController(false).build();
        return new RunObjects(new ConfigMapBuilder(configMap).editMetadata().withOwnerReferences(ref).endMetadata().build(),
                new ServiceBuilder(service).editMetadata().withOwnerReferences(ref).endMetadata().build(), owner,
                new JobBuilder(agents).editMetadata().withOwnerReferences(ref).endMetadata().build());
    }

    /** The objects in the order they are applied: ConfigMap, Service, coordinator Job, agents Job. */
    public List<HasMetadata> all() {
        return List.of(configMap, service, coordinator, agents);
    }

    /** Every object as one YAML stream ({@code ---} between documents), for {@code kubectl apply -f -}. */
    public String toYaml() {
        StringBuilder yaml = new StringBuilder();
        for (HasMetadata o : all()) {
            String doc = Serialization.asYaml(o);
            if (!doc.startsWith("---")) yaml.append("---\n");
            yaml.append(doc);
            if (!doc.endsWith("\n")) yaml.append('\n');
        }
        return yaml.toString();
    }

    private static ConfigMap configMap(RunObjectsSpec spec) {
        Map<String, String> data = new LinkedHashMap<>();
        Map<String, String> binary = new LinkedHashMap<>();
        for (PlanBundle.PlanFile f : spec.plan().files()) {
            String text = utf8(f.bytes());
            if (text != null) data.put(f.key(), text);
            else binary.put(f.key(), Base64.getEncoder().encodeToString(f.bytes()));
        }
        return new ConfigMapBuilder().withNewMetadata().withName(spec.configMapName()).withNamespace(spec.namespace())
                .withLabels(RunLabels.of(spec.runId(), null)).endMetadata()
                .withData(data.isEmpty() ? null : data).withBinaryData(binary.isEmpty() ? null : binary).build();
    }

    private static Service service(RunObjectsSpec spec) {
        return new ServiceBuilder().withNewMetadata().withName(spec.coordinatorName()).withNamespace(spec.namespace())
                .withLabels(RunLabels.of(spec.runId(), RunLabels.COORDINATOR)).endMetadata()
                .withNewSpec().withSelector(selector(spec, RunLabels.COORDINATOR))
                .addNewPort().withName("control").withPort(spec.port()).withNewTargetPort(spec.port()).endPort().endSpec().build();
    }

    private static Job coordinatorJob(RunObjectsSpec spec) {
        List<String> args = new ArrayList<>(List.of("k8s", "coordinator", "--agents", Integer.toString(spec.agents()),
                "--port", Integer.toString(spec.port()), "--agent-wait", spec.agentWaitSeconds() + "s"));
        args.addAll(spec.runOptions());
        args.add(planPath(spec));
        Container c = container(spec, args).toBuilder().addNewPort().withName("control").withContainerPort(spec.port()).endPort().build();
        return new JobBuilder().withNewMetadata().withName(spec.coordinatorName()).withNamespace(spec.namespace())
                .withLabels(RunLabels.of(spec.runId(), RunLabels.COORDINATOR)).endMetadata()
                .withNewSpec().withCompletions(1).withParallelism(1).withBackoffLimit(0)
                .withTtlSecondsAfterFinished(spec.ttlSecondsAfterFinished())
                .withTemplate(template(spec, RunLabels.COORDINATOR, c)).endSpec().build();
    }

    private static Job agentsJob(RunObjectsSpec spec) {
        List<String> args = List.of("agent", "--coordinator", spec.coordinatorName() + ":" + spec.port(),
                // the coordinator's pod may still be pulling its image: keep dialling as long as it waits for us
                "--connect-timeout", spec.agentWaitSeconds() + "s", planPath(spec));
        return new JobBuilder().withNewMetadata().withName(spec.agentsName()).withNamespace(spec.namespace())
                .withLabels(RunLabels.of(spec.runId(), RunLabels.AGENT)).endMetadata()
                .withNewSpec().withCompletionMode("Indexed").withCompletions(spec.agents()).withParallelism(spec.agents())
                .withBackoffLimit(0).withTtlSecondsAfterFinished(spec.ttlSecondsAfterFinished())
                .withTemplate(spread(spec, template(spec, RunLabels.AGENT, withResources(container(spec, args), spec.agentResources()))))
                .endSpec().build();
    }

    private static PodTemplateSpec template(RunObjectsSpec spec, String role, Container container) {
        List<io.fabric8.kubernetes.api.model.KeyToPath> items = spec.plan().files().stream()
                .map(f -> new io.fabric8.kubernetes.api.model.KeyToPathBuilder().withKey(f.key()).withPath(f.path()).build()).toList();
        return new PodTemplateSpecBuilder().withNewMetadata().withLabels(RunLabels.of(spec.runId(), role)).endMetadata()
                .withNewSpec().withRestartPolicy("Never").withContainers(container)
                .addNewVolume().withName("plan").withNewConfigMap().withName(spec.configMapName()).withItems(items).endConfigMap().endVolume()
                .endSpec().build();
    }

    private static Container container(RunObjectsSpec spec, List<String> args) {
        return new ContainerBuilder().withName(CONTAINER).withImage(spec.image()).withImagePullPolicy(spec.imagePullPolicy())
                .withArgs(args)
                .addNewVolumeMount().withName("plan").withMountPath(RunObjectsSpec.PLAN_MOUNT).withReadOnly(true).endVolumeMount()
                .build();
    }

    /**
     * Agents of one run rather on different nodes (a preferred pod anti-affinity on the node's host name): two agents on
     * one node share its CPU and network, and a starved generator makes the run invalid. Preferred, not required: a
     * cluster with fewer nodes than agents still runs them.
     */
    private static PodTemplateSpec spread(RunObjectsSpec spec, PodTemplateSpec template) {
        return new PodTemplateSpecBuilder(template).editSpec().withNewAffinity().withNewPodAntiAffinity()
                .addNewPreferredDuringSchedulingIgnoredDuringExecution().withWeight(100).withNewPodAffinityTerm()
                .withTopologyKey(HOSTNAME_TOPOLOGY).withNewLabelSelector().withMatchLabels(selector(spec, RunLabels.AGENT)).endLabelSelector()
                .endPodAffinityTerm().endPreferredDuringSchedulingIgnoredDuringExecution().endPodAntiAffinity().endAffinity().endSpec().build();
    }

    private static Container withResources(Container c, RunObjectsSpec.PodResources r) {
        Map<String, Quantity> amounts = new LinkedHashMap<>();
        if (r.cpu() != null) amounts.put("cpu", new Quantity(r.cpu()));
        if (r.memory() != null) amounts.put("memory", new Quantity(r.memory()));
        if (amounts.isEmpty()) return c;
        return c.toBuilder().withNewResources().withRequests(amounts).withLimits(amounts).endResources().build();
    }

    private static Map<String, String> selector(RunObjectsSpec spec, String role) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put(RunLabels.RUN, spec.runId());
        s.put(RunLabels.ROLE, role);
        return s;
    }

    static String planPath(RunObjectsSpec spec) {
        return RunObjectsSpec.PLAN_MOUNT + "/" + spec.plan().planPath();
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
