package io.headroom.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which pods will never run (and why), and which are only on their way. */
class PodProblemTest {
    static Pod unschedulable(String name, java.util.Map<String, String> labels) {
        return new PodBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewStatus().withPhase("Pending").addNewCondition().withType("PodScheduled").withStatus("False")
                .withReason("Unschedulable").withMessage("0/3 nodes are available: 3 Insufficient cpu.").endCondition().endStatus().build();
    }

    static Pod waiting(String name, java.util.Map<String, String> labels, String reason, String message) {
        return new PodBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewStatus().withPhase("Pending").addNewCondition().withType("PodScheduled").withStatus("True").endCondition()
                .addNewContainerStatus().withName(RunObjects.CONTAINER).withImage("headroom:nope").withNewState().withNewWaiting()
                .withReason(reason).withMessage(message).endWaiting().endState().endContainerStatus().endStatus().build();
    }

    @Test
    void anUnschedulablePodHasItsSchedulersMessage() {
        assertThat(PodProblem.of(unschedulable("a-0", java.util.Map.of()))).hasValueSatisfying(p -> assertThat(p.describe())
                .isEqualTo("pod a-0 could not be scheduled (Unschedulable): 0/3 nodes are available: 3 Insufficient cpu."));
    }

    @Test
    void anImageThatCannotBePulledIsAProblem() {
        assertThat(PodProblem.of(waiting("a-1", java.util.Map.of(), "ImagePullBackOff", "Back-off pulling image \"headroom:nope\"")))
                .hasValueSatisfying(p -> assertThat(p.describe()).isEqualTo(
                        "pod a-1 could not start its container (ImagePullBackOff): Back-off pulling image \"headroom:nope\""));
        assertThat(PodProblem.of(waiting("a-1", java.util.Map.of(), "ErrImagePull", "not found"))).isPresent();
    }

    @Test
    void aPodOnItsWayIsNoProblem() {
        assertThat(PodProblem.of(waiting("a-2", java.util.Map.of(), "ContainerCreating", null))).isEmpty();
        assertThat(PodProblem.of(new PodBuilder().withNewMetadata().withName("a-3").endMetadata().withNewStatus().withPhase("Pending")
                .addNewCondition().withType("PodScheduled").withStatus("False").withReason("SchedulingGated").endCondition().endStatus().build())).isEmpty();
        assertThat(PodProblem.of(new PodBuilder().withNewMetadata().withName("a-4").endMetadata().build())).isEmpty();
    }
}
