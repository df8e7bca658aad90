package io.headroom.distributed;

/**
 * The run did not start: not every expected agent registered (or got ready) in time. The message names each one
 * missing and what is known of it. Nothing was sent to the target.
 */
public final class AgentsMissingException extends RuntimeException {
    public AgentsMissingException(String message) {
        super(message);
    }
}
