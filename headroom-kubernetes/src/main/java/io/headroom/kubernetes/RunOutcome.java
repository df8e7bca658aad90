package io.headroom.kubernetes;

import java.util.Map;

/** How a Kubernetes run ended, as {@link KubernetesRun#run()} returns it. */
public sealed interface RunOutcome {
    /** The coordinator finished and sent its files back; {@code exitCode} is the run's. */
    record Finished(int exitCode, Map<String, byte[]> files) implements RunOutcome {}

    /** A pod of the run could not be scheduled or start its container, or did not start in time: the run never ran. */
    record PodFailed(PodProblem problem) implements RunOutcome {}

    /** The coordinator's pod ended without sending its files (killed, evicted, out of memory). */
    record CoordinatorEnded(Integer exitCode, String why) implements RunOutcome {}

    /** Stopped by the user; {@code files} holds what the coordinator sent back before it was stopped (maybe nothing). */
    record Interrupted(Map<String, byte[]> files) implements RunOutcome {}
}
