package io.headroom.kubernetes;

import java.util.LinkedHashMap;
import java.util.Map;

/** The labels that tie every object and pod of a run to it ({@code kubectl get all,cm -l headroom.io/run=ID}). */
public final class RunLabels {
    /** The run's id. */
    public static final String RUN = "headroom.io/run";
    /** {@value #COORDINATOR} or {@value #AGENT}. */
    public static final String ROLE = "headroom.io/role";
    public static final String COORDINATOR = "coordinator";
    public static final String AGENT = "agent";
    public static final String NAME = "app.kubernetes.io/name";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";

    private RunLabels() {}

    /** The labels of the run's objects; with a role when {@code role} is not null. */
    public static Map<String, String> of(String runId, String role) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NAME, "headroom");
        labels.put(MANAGED_BY, "headroom");
        labels.put(RUN, runId);
        if (role != null) labels.put(ROLE, role);
        return labels;
    }
}
