package io.headroom.core.result;

import java.util.Objects;

/**
 * How one live output ({@code --out}) kept up during a run: the batches (one a second) it delivered and the ones it
 * dropped (its bounded queue was full, the receiver failed or answered an error, or the run ended before they were
 * sent), and the last problem in words (null when none). Dropped batches never stall a run; they are reported here
 * and in the summary's warnings. Immutable.
 *
 * @param output    the output as the user named it, e.g. {@code prometheus-rw=http://127.0.0.1:9090/api/v1/write}
 * @param delivered batches the receiver accepted (or lines blocks the file took)
 * @param dropped   batches that never reached it
 * @param problem   the last failure, e.g. {@code HTTP 500: out of order sample}; null when there was none
 */
public record LiveOutputHealth(String output, long delivered, long dropped, String problem) {
    public LiveOutputHealth {
        Objects.requireNonNull(output, "output");
        if (delivered < 0 || dropped < 0) throw new IllegalArgumentException("counts must not be negative");
    }

    /** The sentence the summary's warnings show for an output that dropped batches; null when it dropped none. */
    public String warning() {
        if (dropped == 0) return null;
        return "--out " + output + ": " + dropped + " of " + (delivered + dropped) + " batches were dropped"
                + (problem == null ? "" : " (last problem: " + problem + ")")
                + "; the run went on, but the receiver's copy of this run is incomplete";
    }
}
