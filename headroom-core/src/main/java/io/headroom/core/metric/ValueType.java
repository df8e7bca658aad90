package io.headroom.core.metric;

/** What a metric's values mean, so that summaries print them with the right unit. */
public enum ValueType {
    /** Plain numbers. */
    DEFAULT,
    /** Durations in milliseconds (trends keep microsecond resolution). */
    TIME,
    /** Bytes. */
    DATA
}
