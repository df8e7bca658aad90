package io.headroom.output.stream;

import io.headroom.core.metric.IntervalSnapshot;
import io.headroom.core.text.Json;
import io.headroom.core.threshold.ThresholdSpec;
import io.headroom.output.OutputKind;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * {@code --out json=FILE}: k6's JSON stream, one object a line. A {@code Metric} line declares each metric the first
 * time it appears ({@code data}: {@code name}, {@code type}, {@code contains}, {@code thresholds},
 * {@code submetrics}); then one {@code Point} line per series per second ({@code data}: {@code time} (RFC 3339, UTC),
 * {@code value}, {@code tags}) with, beside k6's fields, {@code interval}: the second's length ({@code seconds},
 * about 1) and aggregate (count, min, max, sum, percentiles). Per second, not per sample as k6 writes it: a line per request would put file writes on the
 * hot path. {@code value} is what a per-second point can honestly be: a counter's sum, a gauge's last value, a
 * rate's share of non-zero samples, a trend's mean; see docs/outputs.md for reading it as k6's.
 */
public final class K6JsonOutput {
    /** The {@code json} kind. */
    public static final OutputKind KIND = new FileOutputKind("json",
            "k6's JSON lines (Metric and Point objects), one point per series per second; FILE.gz is gzipped",
            context -> new Format(context.thresholds(), context.redact()));

    private K6JsonOutput() {}

    /** The lines; on the file's thread only. */
    static final class Format implements LineFormat {
        private final Map<String, List<String>> thresholds = new LinkedHashMap<>();
        private final Set<String> declared = new HashSet<>();

        Format(List<ThresholdSpec> specs, UnaryOperator<String> redact) {
            for (ThresholdSpec t : specs) {
                thresholds.computeIfAbsent(t.metric(), m -> new ArrayList<>()).add(redact.apply(t.exprText()));
            }
        }

        @Override
        public String header() {
            return "";
        }

        @Override
        public void lines(IntervalSnapshot snapshot, long endedAtEpochMillis, long lengthMillis, StringBuilder out) {
            String time = Instant.ofEpochMilli(endedAtEpochMillis).toString();
            for (IntervalSnapshot.SeriesSnapshot s : snapshot.series()) {
                if (declared.add(s.metric())) metric(s, out);
                IntervalValues v = IntervalValues.of(s);
                out.append("{\"type\":\"Point\",\"data\":{\"time\":\"").append(time).append("\",\"value\":")
                        .append(Json.number(v.value())).append(",\"tags\":");
                tags(s.tags(), out);
                out.append(",\"interval\":{\"seconds\":").append(Json.number(lengthMillis / 1000.0));
                field(out, "count", v.count());
                field(out, "nonZero", v.nonZero());
                field(out, "min", v.min());
                field(out, "max", v.max());
                field(out, "sum", v.sum());
                field(out, "p50", v.p50());
                field(out, "p90", v.p90());
                field(out, "p95", v.p95());
                field(out, "p99", v.p99());
                out.append("}},\"metric\":");
                Json.appendQuoted(out, s.metric(), false).append("}\n");
            }
        }

        private void metric(IntervalSnapshot.SeriesSnapshot s, StringBuilder out) {
            out.append("{\"type\":\"Metric\",\"data\":{\"name\":");
            Json.appendQuoted(out, s.metric(), false);
            out.append(",\"type\":\"").append(s.kind().name().toLowerCase(Locale.ROOT)).append("\",\"contains\":\"")
                    .append(IntervalValues.contains(s.valueType())).append("\",\"thresholds\":[");
            List<String> own = thresholds.getOrDefault(s.metric(), List.of());
            for (int i = 0; i < own.size(); i++) {
                if (i > 0) out.append(',');
                Json.appendQuoted(out, own.get(i), false);
            }
            out.append("],\"submetrics\":null},\"metric\":");
            Json.appendQuoted(out, s.metric(), false).append("}\n");
        }

        private static void tags(Map<String, String> tags, StringBuilder out) {
            if (tags.isEmpty()) {
                out.append("null"); // as k6 writes a point without tags
                return;
            }
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, String> e : tags.entrySet()) {
                if (!first) out.append(',');
                first = false;
                Json.appendQuoted(out, e.getKey(), false).append(':');
                Json.appendQuoted(out, e.getValue(), false);
            }
            out.append('}');
        }

        private static void field(StringBuilder out, String name, double value) {
            if (Double.isNaN(value)) return;
            out.append(",\"").append(name).append("\":").append(Json.number(value));
        }
    }
}
