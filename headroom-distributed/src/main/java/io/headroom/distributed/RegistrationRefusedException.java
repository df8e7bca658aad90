package io.headroom.distributed;

/** The coordinator refused this agent (another version, another plan, index taken, run full); the message says why. */
public final class RegistrationRefusedException extends RuntimeException {
    public RegistrationRefusedException(String message) {
        super(message);
    }
}
