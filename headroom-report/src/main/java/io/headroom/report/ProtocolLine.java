package io.headroom.report;

import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.SeriesResult;
import io.headroom.core.metric.SeriesStats.CounterStats;
import io.headroom.core.result.RunResult;

import java.util.Optional;

/**
 * The console's line about HTTP/2 under the endpoints: how many requests went over it (k6's {@code proto} tag) and
 * how many streams each HTTP/2 connection carried. Empty for a run without HTTP/2, whose summary stays as it was.
 * Stateless.
 */
final class ProtocolLine {
    private ProtocolLine() {}

    /** "proto: HTTP/2.0 for 500 of 500 requests, 100 streams per HTTP/2 connection (5 opened)"; empty without HTTP/2. */
    static Optional<String> line(RunResult result) {
        // The result holds each metric's untagged total beside its tagged series: totals come from it.
        double all = 0;
        double allTagged = 0;
        double http2 = 0;
        double connections = 0;
        double connectionsTagged = 0;
        for (SeriesResult s : result.series()) {
            if (!(s.stats() instanceof CounterStats c)) continue;
            boolean total = s.tags().isEmpty();
            if (s.metric().equals(BuiltinMetrics.HTTP_REQS)) {
                if (total) all += c.count();
                else allTagged += c.count();
                if ("HTTP/2.0".equals(s.tags().get("proto"))) http2 += c.count();
            } else if (s.metric().equals(BuiltinMetrics.HTTP2_CONNECTIONS)) {
                if (total) connections += c.count();
                else connectionsTagged += c.count();
            }
        }
        if (all == 0) all = allTagged;
        if (connections == 0) connections = connectionsTagged;
        if (http2 == 0) return Optional.empty();
        String line = "proto: HTTP/2.0 for " + Units.number(http2, 0) + " of " + Units.number(all, 0) + " requests";
        if (connections > 0) {
            line += ", " + Units.number(http2 / connections, 1) + " streams per HTTP/2 connection ("
                    + Units.number(connections, 0) + " opened)";
        }
        return Optional.of(line);
    }
}
