package io.headroom.core.result;

import io.headroom.core.threshold.ThresholdSpec;

/** One threshold expression and what became of it. */
public record ThresholdResult(ThresholdSpec spec, ThresholdVerdict verdict) {}
