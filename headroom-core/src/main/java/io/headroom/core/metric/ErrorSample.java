package io.headroom.core.metric;

import java.util.Objects;

/**
 * The first message seen for one error code, and how often that code occurred: what the errors-by-code
 * tables show next to a bare number ("1212" → "dial tcp 127.0.0.1:1: connect: connection refused").
 * {@code code} is the {@code error_code} tag of a failed request (k6's numeric codes, 1xxx for HTTP
 * statuses), or {@code "iteration:"} plus the {@code error} tag of {@code headroom_iteration_errors} for an
 * iteration that threw. {@code firstSeenOffsetMillis} counts from the run start. Never null fields.
 */
public record ErrorSample(String code, String message, long count, long firstSeenOffsetMillis) {
    /** The prefix of the codes of iteration errors. */
    public static final String ITERATION_PREFIX = "iteration:";

    public ErrorSample {
        Objects.requireNonNull(code, "code");
        message = message == null ? "" : message;
    }

    /** True when this sample is for an iteration that threw rather than a failed request. */
    public boolean iterationError() {
        return code.startsWith(ITERATION_PREFIX);
    }
}
