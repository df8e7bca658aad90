package io.headroom.core.plan;

import java.util.Objects;

/**
 * An executor option that breaks one of the executor's rules, thrown by an {@link ExecutorSpec} record's
 * constructor. {@link #option()} names the option in k6's words (so a plan loader can point at its line) and
 * {@link #reason()} says what was expected and what was found, e.g. {@code expected at least
 * preAllocatedVUs (5), found 2}. Immutable.
 */
public final class InvalidExecutorException extends IllegalArgumentException {
    private final String executor;
    private final String option;
    private final String reason;

    public InvalidExecutorException(String executor, String option, String reason) {
        super(executor + " " + option + ": " + reason);
        this.executor = Objects.requireNonNull(executor, "executor");
        this.option = Objects.requireNonNull(option, "option");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The executor's name as written in a plan, e.g. {@code constant-vus}. */
    public String executor() {
        return executor;
    }

    /** The option at fault, e.g. {@code maxVUs}. */
    public String option() {
        return option;
    }

    /** What was expected and what was found, without the option's name. */
    public String reason() {
        return reason;
    }
}
