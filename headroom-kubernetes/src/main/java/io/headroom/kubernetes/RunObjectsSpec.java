package io.headroom.kubernetes;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What one Kubernetes run is made of, before any object exists: its id (the prefix of every object's name and the
 * value of its {@link RunLabels#RUN} label), where it runs, the image, the number of agents, the plan's files and
 * the {@code headroom run} options handed to the coordinator. Immutable.
 *
 * @param runId a DNS-1035 label of at most {@link #MAX_RUN_ID} characters
 * @param namespace the namespace of every object; null in a manifest for {@code kubectl apply -n NS}
 * @param image the container image of the coordinator and the agents (with {@code headroom} as its entry point)
 * @param imagePullPolicy {@code IfNotPresent}, {@code Always} or {@code Never}
 * @param agents 1 to 1,000
 * @param port the coordinator's port (its Service's too)
 * @param ttlSecondsAfterFinished how long finished Jobs (and, by owner references, the rest) stay before Kubernetes deletes them
 * @param agentWaitSeconds how long the coordinator waits for every agent to register, then to be ready
 * @param plan the plan and its data files
 * @param runOptions more {@code headroom run} options for the coordinator ({@code -e}, {@code --base-url}, ...)
 * @param agentResources the CPU and memory of each agent's pod (requests = limits), or {@link PodResources#NONE}
 */
public record RunObjectsSpec(String runId, String namespace, String image, String imagePullPolicy, int agents, int port,
                             int ttlSecondsAfterFinished, int agentWaitSeconds, PlanBundle plan, List<String> runOptions,
                             PodResources agentResources) {
    /**
     * CPU and memory for a pod, as Kubernetes quantities ({@code 2}, {@code 500m}, {@code 1Gi}); each null when not
     * set. Set as both requests and limits: an agent sharing its node's CPU with others is a starved generator.
     */
    public record PodResources(String cpu, String memory) {
        public static final PodResources NONE = new PodResources(null, null);
    }

    /** The longest run id: its objects' names add at most 13 characters and a Job's pods 20, within 63. */
    public static final int MAX_RUN_ID = 30;
    /** The coordinator's port when none is given. */
    public static final int DEFAULT_PORT = 7070;
    /** Where the ConfigMap is mounted in every pod. */
    public static final String PLAN_MOUNT = "/plan";
    /** Where the coordinator writes the files it sends back. */
    public static final String OUT_DIR = "/tmp/headroom-out";

    public RunObjectsSpec {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(plan, "plan");
        if (runId == null || !runId.matches("[a-z]([-a-z0-9]*[a-z0-9])?") || runId.length() > MAX_RUN_ID) {
            throw new IllegalArgumentException("run id '" + runId + "': expected a lower-case DNS label of at most " + MAX_RUN_ID + " characters");
        }
        if (agents < 1) throw new IllegalArgumentException("agents must be at least 1, got " + agents);
        runOptions = List.copyOf(runOptions);
        if (agentResources == null) agentResources = PodResources.NONE;
    }

    /** Without resources for the agents' pods. */
    public RunObjectsSpec(String runId, String namespace, String image, String imagePullPolicy, int agents, int port,
                          int ttlSecondsAfterFinished, int agentWaitSeconds, PlanBundle plan, List<String> runOptions) {
        this(runId, namespace, image, imagePullPolicy, agents, port, ttlSecondsAfterFinished, agentWaitSeconds, plan, runOptions,
                PodResources.NONE);
    }

    /** A fresh run id from the plan's file name: {@code hr-<name>-<5 random>}, e.g. {@code hr-03-arrival-rate-k3x9q}. */
    public static String newRunId(String planFileName) {
        String stem = planFileName.replaceFirst("\\.[^.]*$", "").toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-+|-+$)", "");
        int room = MAX_RUN_ID - "hr--".length() - 5;
        if (stem.length() > room) stem = stem.substring(0, room).replaceAll("-+$", "");
        StringBuilder suffix = new StringBuilder();
        String alphabet = "bcdfghjklmnpqrstvwxz23456789";
        for (int i = 0; i < 5; i++) suffix.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        return "hr-" + (stem.isEmpty() ? "" : stem + "-") + suffix;
    }

    /** The ConfigMap's name. */
    public String configMapName() {
        return runId + "-plan";
    }

    /** The coordinator Job's and its Service's name (the agents dial {@code <this>:<port>}). */
    public String coordinatorName() {
        return runId + "-coordinator";
    }

    /** The agents' Indexed Job's name. */
    public String agentsName() {
        return runId + "-agents";
    }
}
