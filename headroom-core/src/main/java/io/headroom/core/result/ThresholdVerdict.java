package io.headroom.core.result;

/** The outcome of one threshold expression; never null. {@code actual} is in the metric's unit. */
public sealed interface ThresholdVerdict {
    record Held(double actual) implements ThresholdVerdict {}

    record Crossed(double actual) implements ThresholdVerdict {}

    /** The selected metric had no samples; counts as held, as in k6. */
    record NoData() implements ThresholdVerdict {}
}
