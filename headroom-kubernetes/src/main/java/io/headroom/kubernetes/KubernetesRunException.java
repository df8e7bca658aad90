package io.headroom.kubernetes;

/** The Kubernetes API refused or could not be reached; the message says which object and why. */
public final class KubernetesRunException extends RuntimeException {
    public KubernetesRunException(String message, Throwable cause) {
        super(message, cause);
    }
}
