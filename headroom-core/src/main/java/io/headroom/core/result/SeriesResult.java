package io.headroom.core.result;

import io.headroom.core.metric.MetricKind;
import io.headroom.core.metric.Tags;
import io.headroom.core.metric.ValueType;

/**
 * The final statistics of one series (a metric with one exact tag set). The untagged aggregate of a
 * metric over all its series is present too, with empty tags.
 */
public record SeriesResult(String metric, MetricKind kind, ValueType valueType, Tags tags, SeriesStats stats) {}
