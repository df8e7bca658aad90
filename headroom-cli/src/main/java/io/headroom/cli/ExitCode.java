package io.headroom.cli;

/** Every exit code of the {@code headroom} command, defined once. */
public enum ExitCode {
    /** The run finished and every threshold held. */
    OK(0),
    /** An unexpected failure: a bug in Headroom. */
    UNEXPECTED(1),
    /** Bad usage or an invalid plan; the message names the file, line and field. */
    USAGE(2),
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
