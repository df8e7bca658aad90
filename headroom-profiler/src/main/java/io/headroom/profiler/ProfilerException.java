package io.headroom.profiler;

/**
 * Profiling could not be done for a reason the user can act on (no such process, attach refused, the
 * launched JVM wrote no recording, an unreadable recording file); the message says what happened and what
 * to try, and is meant to be printed as it is, without a stack trace.
 */
public final class ProfilerException extends Exception {
    public ProfilerException(String message) {
        super(message);
    }

    public ProfilerException(String message, Throwable cause) {
        super(message, cause);
    }
}
