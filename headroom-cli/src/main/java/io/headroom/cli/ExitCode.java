package io.headroom.cli;

/** Every exit code of the {@code headroom} command, defined once. */
public enum ExitCode {
    /** The run finished and every threshold held. */
    OK(0),
    /** An unexpected failure: a bug in Headroom. */
    UNEXPECTED(1),
    /** Bad usage or an invalid plan; the message names the file, line and field. */
    USAGE(2),
    /**
     * The generator was the bottleneck (dropped iterations, scheduling lag p99 above 10 ms, or its CPU
     * saturated): an invalid run, not a slow target. Outranks 99: a verdict measured on a starved generator
     * is not a verdict on the target.
     */
    INVALID_RUN(98),
    /** A threshold was crossed. */
    THRESHOLDS_CROSSED(99),
    /** The user interrupted the run (Ctrl-C, SIGTERM); partial results were written. */
    INTERRUPTED(130);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
