package io.headroom.analysis.diagnose;

import java.util.List;

/**
 * One rule of the {@link Diagnosis}: what it concludes from a run, in the order it reports it; an empty list
 * when it has nothing to say. Implementations are stateless and thread-safe.
 */
interface DiagnosisRule {
    /** Fewer requests than this give no percentile worth a finding. */
    long MIN_REQUESTS = 20;

    /** The findings of this rule for {@code run}; never null. */
    List<Finding> findings(DiagnosisInput run);
}
