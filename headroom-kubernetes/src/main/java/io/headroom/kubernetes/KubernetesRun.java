package io.headroom.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One {@code headroom k8s run}: creates the run's objects ({@link RunObjects}, the coordinator Job first so that it owns
 * the rest), watches its pods (a pod that cannot be scheduled or pull its image ends the run with its reason), follows
 * the coordinator's log (its lines to {@code log}, its result bundle kept) and deletes every object and pod of the run
 * when it ends, however it ends. {@link #stop()} may be called from any thread (a signal handler): the first asks the
 * coordinator to stop (its pod is deleted gracefully, so it gets SIGTERM and sends the partial results), the second
 * stops at once. One per run.
 */
public final class KubernetesRun {
    /** How often the pods are looked at. */
    static final long POLL_MILLIS = 500;
    /** How long a stopped coordinator gets to send its partial results. */
    static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final KubernetesClient client;
    private final RunObjectsSpec spec;
    private final Consumer<String> log;
    private final Consumer<String> show;
    private final Duration startTimeout;
    private final List<HasMetadata> created = new ArrayList<>();
    private volatile int stops;

    /**
     * @param log gets each line of the coordinator's log but the result bundle's (from a thread of its own)
     * @param show gets this run's own news (what was created, the pods' phases, warnings)
     * @param startTimeout how long the coordinator's pod may take to run before the run fails
     */
    public KubernetesRun(KubernetesClient client, RunObjectsSpec spec, Consumer<String> log, Consumer<String> show, Duration startTimeout) {
        this.client = client;
        this.spec = Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(spec.namespace(), "a run needs its namespace");
        this.log = log;
        this.show = show;
        this.startTimeout = startTimeout;
    }

    /** Runs it to the end and deletes everything; an interrupt of the calling thread stops it at once. */
    public RunOutcome run() {
        LogFollower follower = null;
        try {
            create();
            long started = System.nanoTime();
            long stopDeadline = 0;
            String lastNews = "";
            while (true) {
                if (Thread.currentThread().isInterrupted()) stops = 2;
                // a coordinator that never ran has nothing to send back: no grace to wait for
                if (stops > 0 && follower == null) return new RunOutcome.Interrupted(Map.of());
                if (stops > 0 && stopDeadline == 0) {
                    stopDeadline = System.nanoTime() + STOP_GRACE.toNanos();
                    show.accept("headroom: stopping the run: its coordinator gets SIGTERM and sends what it measured");
                    deleteQuietly(() -> client.pods().inNamespace(spec.namespace()).withLabels(Map.of(RunLabels.RUN, spec.runId(),
                            RunLabels.ROLE, RunLabels.COORDINATOR)).withGracePeriod(STOP_GRACE.toSeconds()).delete());
                }
                ResultBundle.Reader bundle = follower == null ? null : follower.bundle();
                if (bundle != null && bundle.exitCode() != null) {
                    if (bundle.problem() != null) show.accept("headroom: WARNING: " + bundle.problem());
                    return stops > 0 ? new RunOutcome.Interrupted(bundle.files()) : new RunOutcome.Finished(bundle.exitCode(), bundle.files());
                }
                if (stops > 1 || (stops > 0 && System.nanoTime() - stopDeadline > 0)) return new RunOutcome.Interrupted(Map.of());
                List<Pod> pods = pods();
                for (Pod p : pods) {
                    Optional<PodProblem> problem = PodProblem.of(p);
                    if (problem.isPresent() && stops == 0) return new RunOutcome.PodFailed(problem.get());
                }
                Pod coordinator = pods.stream().filter(p -> RunLabels.COORDINATOR.equals(p.getMetadata().getLabels().get(RunLabels.ROLE)))
                        .findFirst().orElse(null);
                String phase = coordinator == null || coordinator.getStatus() == null ? null : coordinator.getStatus().getPhase();
                boolean begun = "Running".equals(phase) || "Succeeded".equals(phase) || "Failed".equals(phase);
                if (begun && follower == null) follower = new LogFollower(client, spec.namespace(), coordinator.getMetadata().getName(), log);
                if (begun && !follower.streaming() && follower.bundle().exitCode() == null) {
                    if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
                        // one last read of the whole log, then the pod's own word
                        follower.follow();
                        waitWhileStreaming(follower);
                        if (follower.bundle().exitCode() == null) return stops > 0 ? new RunOutcome.Interrupted(Map.of()) : ended(coordinator);
                    } else {
                        follower.follow();
                    }
                }
                if (!begun && stops == 0 && System.nanoTime() - started > startTimeout.toNanos()) {
                    return new RunOutcome.PodFailed(new PodProblem(coordinator == null ? spec.coordinatorName() : coordinator.getMetadata().getName(),
                            "NotStarted", "not running after " + startTimeout.toSeconds() + " s (phase " + (phase == null ? "none: no pod yet" : phase)
                            + "; kubectl describe pod -l " + RunLabels.RUN + "=" + spec.runId() + ")"));
                }
                String news = news(pods);
                if (!news.equals(lastNews)) {
                    show.accept("headroom: " + news);
                    lastNews = news;
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RunOutcome.Interrupted(Map.of());
        } finally {
            if (follower != null) follower.close();
            // an interrupted thread's requests would fail at once: clean up first, keep the interrupt for the caller
            boolean interrupted = Thread.interrupted();
            cleanup();
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    /** The first call stops the run gracefully, the next at once; safe from any thread. */
    public void stop() {
        stops++;
    }

    /** The run's objects as they were created (the coordinator Job first). */
    public List<HasMetadata> created() {
        synchronized (created) {
            return List.copyOf(created);
        }
    }

    private void create() {
        RunObjects objects = RunObjects.of(spec);
        Job owner = createOne(objects.coordinator());
        RunObjects owned = objects.ownedBy(owner);
        createOne(owned.configMap());
        createOne(owned.service());
        createOne(owned.agents());
        show.accept("headroom: created " + spec.configMapName() + " (ConfigMap), " + spec.coordinatorName() + " (Job and Service), "
                + spec.agentsName() + " (Indexed Job of " + spec.agents() + ") in namespace " + spec.namespace()
                + "; label " + RunLabels.RUN + "=" + spec.runId());
    }

    private <T extends HasMetadata> T createOne(T object) {
        try {
            T made = client.resource(object).inNamespace(spec.namespace()).create();
            synchronized (created) {
                created.add(made);
            }
            return made;
        } catch (KubernetesClientException e) {
            cleanup();
            throw new KubernetesRunException("cannot create " + object.getKind() + " " + object.getMetadata().getName()
                    + " in namespace " + spec.namespace() + " at " + client.getMasterUrl() + ": " + reason(e), e);
        }
    }

    static String reason(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null) return e.getStatus().getMessage() + " (HTTP " + e.getCode() + ")";
        Throwable root = e;
        while (root.getCause() != null) root = root.getCause();
        return e.getMessage() + (root != e ? " (" + root + ")" : "");
    }

    private List<Pod> pods() {
        return client.pods().inNamespace(spec.namespace()).withLabel(RunLabels.RUN, spec.runId()).list().getItems();
    }

    private static void waitWhileStreaming(LogFollower follower) throws InterruptedException {
        for (int i = 0; i < 100 && follower.streaming(); i++) Thread.sleep(50);
    }

    private static RunOutcome ended(Pod coordinator) {
        for (ContainerStatus cs : coordinator.getStatus().getContainerStatuses() == null ? List.<ContainerStatus>of()
                : coordinator.getStatus().getContainerStatuses()) {
            ContainerStateTerminated t = cs.getState() == null ? null : cs.getState().getTerminated();
            if (t != null) {
                return new RunOutcome.CoordinatorEnded(t.getExitCode(), "the coordinator's pod " + coordinator.getMetadata().getName()
                        + " ended (" + (t.getReason() == null ? "exit " + t.getExitCode() : t.getReason() + ", exit " + t.getExitCode())
                        + (t.getMessage() == null ? "" : ": " + t.getMessage().strip()) + ") without sending its results");
            }
        }
        String reason = coordinator.getStatus().getReason();
        return new RunOutcome.CoordinatorEnded(null, "the coordinator's pod " + coordinator.getMetadata().getName() + " ended ("
                + coordinator.getStatus().getPhase() + (reason == null ? "" : ", " + reason) + ") without sending its results");
    }

    /** "pods: coordinator Running; agents 2 Running, 1 Pending of 3". */
    private String news(List<Pod> pods) {
        StringBuilder coordinator = new StringBuilder();
        Map<String, Integer> agents = new java.util.TreeMap<>();
        for (Pod p : pods) {
            String phase = p.getStatus() == null || p.getStatus().getPhase() == null ? "Pending" : p.getStatus().getPhase();
            if (RunLabels.COORDINATOR.equals(p.getMetadata().getLabels().get(RunLabels.ROLE))) coordinator.append(phase);
            else agents.merge(phase, 1, Integer::sum);
        }
        StringBuilder s = new StringBuilder("pods: coordinator ").append(coordinator.isEmpty() ? "not created yet" : coordinator).append("; agents ");
        if (agents.isEmpty()) s.append("none yet");
        agents.forEach((phase, n) -> s.append(n).append(' ').append(phase).append(", "));
        if (!agents.isEmpty()) s.setLength(s.length() - 2);
        return s.append(" of ").append(spec.agents()).toString();
    }

    /** Deletes every object the run created and every pod of it (each one tried, whatever the others do). */
    private void cleanup() {
        String ns = spec.namespace();
        List<HasMetadata> made = created();
        if (made.isEmpty()) return;
        // the agents first: they stop as their coordinator would have them stop
        for (HasMetadata o : made.reversed()) {
            deleteQuietly(() -> client.resource(o).inNamespace(ns).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete());
        }
        // the Jobs' pods go with them in a cluster (owner references); say so explicitly all the same
        deleteQuietly(() -> client.pods().inNamespace(ns).withLabel(RunLabels.RUN, spec.runId()).delete());
        synchronized (created) {
            created.clear();
        }
    }

    private void deleteQuietly(Runnable delete) {
        try {
            delete.run();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) return; // gone already
            show.accept("headroom: WARNING: could not delete an object of run " + spec.runId() + ": " + reason(e)
                    + " (kubectl delete jobs,services,configmaps,pods -l " + RunLabels.RUN + "=" + spec.runId() + ")");
        }
    }
}
