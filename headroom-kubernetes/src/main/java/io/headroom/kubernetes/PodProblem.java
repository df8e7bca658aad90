package io.headroom.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Why a pod of a run will never run its container: it cannot be scheduled ({@code PodScheduled=False},
 * reason {@code Unschedulable}), its image cannot be pulled ({@code ErrImagePull}, {@code ImagePullBackOff},
 * {@code InvalidImageName}, ...), or its container cannot be created. A pod that is only slow (pending, pulling,
 * {@code ContainerCreating}) has no problem. Stateless.
 */
public record PodProblem(String pod, String reason, String message) {
    /** The waiting reasons of a container that will not start without the user's help. */
    static final Set<String> FATAL_WAITING = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName",
            "ErrImageNeverPull", "CreateContainerConfigError", "CreateContainerError", "RunContainerError");

    /** The pod's problem, or empty while it is well or merely on its way. */
    public static Optional<PodProblem> of(Pod pod) {
        PodStatus status = pod.getStatus();
        String name = pod.getMetadata().getName();
        if (status == null) return Optional.empty();
        for (PodCondition c : nonNull(status.getConditions())) {
            if ("PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()) && "Unschedulable".equals(c.getReason())) {
                return Optional.of(new PodProblem(name, "Unschedulable", text(c.getMessage())));
            }
        }
        List<ContainerStatus> containers = new ArrayList<>(nonNull(status.getInitContainerStatuses()));
        containers.addAll(nonNull(status.getContainerStatuses()));
        for (ContainerStatus cs : containers) {
            if (cs.getState() == null || cs.getState().getWaiting() == null) continue;
            String reason = cs.getState().getWaiting().getReason();
            if (reason != null && FATAL_WAITING.contains(reason)) {
                return Optional.of(new PodProblem(name, reason, text(cs.getState().getWaiting().getMessage())));
            }
        }
        return Optional.empty();
    }

    /** One sentence for the user: {@code pod X could not be scheduled (Unschedulable): 0/3 nodes are available: ...}. */
    public String describe() {
        String what = "Unschedulable".equals(reason) ? "could not be scheduled" : "could not start its container";
        return "pod " + pod + " " + what + " (" + reason + ")" + (message.isEmpty() ? "" : ": " + message);
    }

    private static String text(String s) {
        return s == null ? "" : s.strip();
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
