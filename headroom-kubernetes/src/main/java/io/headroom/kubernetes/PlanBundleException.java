package io.headroom.kubernetes;

/** A plan's files cannot go into its run's ConfigMap; the message names the file and what to do. */
public final class PlanBundleException extends RuntimeException {
    public PlanBundleException(String message) {
        super(message);
    }
}
