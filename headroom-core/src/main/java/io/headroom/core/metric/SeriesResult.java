package io.headroom.core.metric;


/**
 * The final statistics of one series (a metric with one exact tag set). The untagged aggregate of a
 * metric over all its series is present too, with empty tags.
 */
public record SeriesResult(String metric, MetricKind kind, ValueType valueType, Tags tags, SeriesStats stats) {}
