package io.headroom.core.threshold;

import io.headroom.core.metric.Tags;

import java.util.Objects;

/**
 * What a threshold looks at: a metric and the tags its series must carry ({@code http_req_duration{name:/login}}
 * selects every series of http_req_duration tagged name=/login, merged). Empty tags select all series.
 */
public record ThresholdSelector(String metric, Tags tags) {
    public ThresholdSelector {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(tags, "tags");
    }

    /** k6 notation: {@code metric} or {@code metric{key:value,...}}. */
    @Override
    public String toString() {
        return tags.isEmpty() ? metric : metric + tags;
    }
}
