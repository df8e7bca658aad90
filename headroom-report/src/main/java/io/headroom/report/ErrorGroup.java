package io.headroom.report;

import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.Tags;
import io.headroom.core.metric.ErrorSample;
import io.headroom.core.result.RunResult;
import io.headroom.core.metric.SeriesResult;
import io.headroom.core.metric.SeriesStats.CounterStats;
import io.headroom.core.metric.SeriesStats.RateStats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Failures under one label ({@code error 1211 · HTTP 502}, {@code HTTP 500}, {@code iteration error X}): how
 * many, their share of failed requests (NaN for iteration errors), and the first message of their code
 * (redacted; empty when none was recorded). Immutable.
 */
public record ErrorGroup(String label, long count, double shareOfFailed, String sampleMessage) {

    /** The groups of {@code result} by label. */
    static List<ErrorGroup> of(RunResult result) {
        Map<String, long[]> byCode = new TreeMap<>();
        Map<String, String> sampleCodes = new HashMap<>();
        long total = 0;
        for (SeriesResult s : result.series()) {
            if (s.tags().isEmpty()) continue;
            if (s.metric().equals(BuiltinMetrics.HTTP_REQ_FAILED) && s.stats() instanceof RateStats r && r.passes() > 0) {
                byCode.computeIfAbsent(label(s.tags()), k -> new long[1])[0] += r.passes();
                if (s.tags().get("error_code") != null) sampleCodes.put(label(s.tags()), s.tags().get("error_code"));
                total += r.passes();
            } else if (s.metric().equals(BuiltinMetrics.ITERATION_ERRORS) && s.stats() instanceof CounterStats c && c.count() > 0) {
                String key = "iteration error " + Optional.ofNullable(s.tags().get("error")).orElse("?");
                byCode.computeIfAbsent(key, k -> new long[1])[0] += (long) c.count();
                sampleCodes.put(key, ErrorSample.ITERATION_PREFIX + s.tags().get("error"));
            }
        }
        List<ErrorGroup> groups = new ArrayList<>();
        for (Map.Entry<String, long[]> e : byCode.entrySet()) {
            boolean request = !e.getKey().startsWith("iteration error");
            long count = e.getValue()[0];
            String message = Redaction.text(ErrorSamples.of(result, sampleCodes.get(e.getKey()))
                    .map(ErrorSample::message).orElse(""));
            groups.add(new ErrorGroup(e.getKey(), count, request && total > 0 ? (double) count / total : Double.NaN, message));
        }
        return groups;
    }

    /** The label errors are grouped under: the transport's error code, else the HTTP status. */
    static String label(Tags tags) {
        String code = tags.get("error_code");
        String status = tags.get("status");
        if (code != null) {
            boolean httpStatus = status != null && !status.isEmpty() && !status.equals("0");
            return "error " + code + (httpStatus ? " · HTTP " + status : "");
        }
        return status == null ? "failed" : "HTTP " + status;
    }
}
