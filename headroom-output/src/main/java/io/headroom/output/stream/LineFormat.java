package io.headroom.output.stream;

import io.headroom.core.metric.IntervalSnapshot;

/**
 * How one streamed file format turns an interval into lines (k6's JSON or CSV). Called from the file output's own
 * thread only, in interval order, so an implementation may keep state (which metrics it has declared).
 */
interface LineFormat {
    /** The first line(s) of the file, each ending in a newline; empty for none. */
    String header();

    /**
     * Appends the lines of one interval, each ending in a newline; the interval lasted {@code lengthMillis} (about
     * a second; longer when the engine closed it late).
     */
    void lines(IntervalSnapshot snapshot, long endedAtEpochMillis, long lengthMillis, StringBuilder out);
}
