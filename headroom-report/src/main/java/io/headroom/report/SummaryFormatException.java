package io.headroom.report;

import java.io.IOException;

/**
 * A summary file that Headroom cannot read: not JSON, an unknown {@code schema} version, or a missing or
 * malformed field. The message names the file and the place ({@code summary.json: series[3].stats.count:
 * expected a whole number}) and is meant to be shown to the user as it is, without a stack trace.
 */
public final class SummaryFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;

    public SummaryFormatException(String source, String problem) {
        super(source + ": " + problem);
        this.source = source;
    }

    public SummaryFormatException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
    }

    /** The file (or other source) that was being read. */
    public String source() {
        return source;
    }
}
