package io.headroom.script;

/**
 * Thrown out of a scenario's blocking calls (think time) when the VU's thread is interrupted, which
 * happens on a hard stop: it ends the iteration, which the engine counts as interrupted. Unchecked, so
 * that scenario code need not declare it; carries no stack trace.
 */
public final class IterationInterruptedException extends RuntimeException {
    public IterationInterruptedException() {
        super("the iteration was interrupted (hard stop)", null, false, false);
    }
}
