package io.headroom.output;

import io.headroom.core.metric.HistogramCodec;
import io.headroom.core.metric.IntervalSnapshot;
import io.headroom.core.metric.ValueType;
import org.HdrHistogram.Histogram;

import java.util.List;
import java.util.Map;

/** Interval snapshots for the output tests, as the engine makes them. */
public final class Snapshots {
    private Snapshots() {}

    /** One second: 3 requests of products (10, 20 and 400 ms), a failed one of 3, a check, and the VU gauge. */
    public static IntervalSnapshot second() {
        Map<String, String> products = Map.of("name", "products", "method", "GET", "status", "200", "scenario", "api");
        return new IntervalSnapshot(1000, List.of(
                new IntervalSnapshot.CounterSnapshot("http_reqs", ValueType.DEFAULT, products, 3),
                trend("http_req_duration", products, 10_000, 20_000, 400_000),
                new IntervalSnapshot.RateSnapshot("http_req_failed", products, 1, 3),
                new IntervalSnapshot.RateSnapshot("checks", Map.of("check", "status is 200, \"ok\""), 2, 3),
                new IntervalSnapshot.GaugeSnapshot("vus", ValueType.DEFAULT, Map.of(), 4, 2, 5)));
    }

    /** A trend of the given values in µs (the histogram holds values × 1000 of the metric's unit, ms). */
    public static IntervalSnapshot.TrendSnapshot trend(String metric, Map<String, String> tags, long... micros) {
        Histogram h = new Histogram(3);
        double sumMillis = 0;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long v : micros) {
            h.recordValue(v);
            sumMillis += v / 1000.0;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        // exact min, max and sum beside the histogram, as the registry keeps them
        return new IntervalSnapshot.TrendSnapshot(metric, ValueType.TIME, tags, HistogramCodec.encode(h), 0,
                min / 1000.0, max / 1000.0, sumMillis);
    }
}
