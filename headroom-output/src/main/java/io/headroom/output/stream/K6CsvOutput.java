package io.headroom.output.stream;

import io.headroom.core.metric.IntervalSnapshot;
import io.headroom.core.text.Json;
import io.headroom.output.OutputKind;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --out csv=FILE}: k6's CSV stream, one row per series per second. k6's columns first, in k6's order
 * ({@value #K6_COLUMNS}): {@code timestamp} in Unix seconds, {@code metric_value} as in k6's JSON stream of
 * {@link K6JsonOutput} (a counter's sum, a gauge's last value, a rate's share, a trend's mean), each of k6's named
 * tags in its column and every other tag in {@code extra_tags} as {@code name=value&...}; then three columns k6 does
 * not have, {@code interval_count,interval_min,interval_max}, so a trend's row can be weighted (empty where they do
 * not apply). Per second rather than per sample, for the reason {@link K6JsonOutput} gives.
 */
public final class K6CsvOutput {
    /** k6's columns ({@code output/csv} in k6), in its order. */
    static final String K6_COLUMNS = "metric_name,timestamp,metric_value,check,error,error_code,expected_response,group,"
            + "method,name,proto,scenario,service,status,subproto,tls_version,url,extra_tags,metadata";
    /** The tags that have a column of their own. */
    private static final List<String> TAG_COLUMNS = List.of("check", "error", "error_code", "expected_response", "group",
            "method", "name", "proto", "scenario", "service", "status", "subproto", "tls_version", "url");
    private static final Set<String> TAG_COLUMN_SET = Set.copyOf(TAG_COLUMNS);

    /** The {@code csv} kind. */
    public static final OutputKind KIND = new FileOutputKind("csv",
            "k6's CSV columns, one row per series per second; FILE.gz is gzipped", context -> new Format());

    private K6CsvOutput() {}

    /** The rows; stateless. */
    static final class Format implements LineFormat {
        @Override
        public String header() {
            return K6_COLUMNS + ",interval_count,interval_min,interval_max\n";
        }

        @Override
        public void lines(IntervalSnapshot snapshot, long endedAtEpochMillis, long lengthMillis, StringBuilder out) {
            long seconds = Math.floorDiv(endedAtEpochMillis, 1000);
            for (IntervalSnapshot.SeriesSnapshot s : snapshot.series()) {
                IntervalValues v = IntervalValues.of(s);
                Map<String, String> tags = s.tags();
                cell(out, s.metric()).append(',').append(seconds).append(',').append(number(v.value()));
                for (String column : TAG_COLUMNS) {
                    out.append(',');
                    String value = tags.get(column);
                    if (value != null) cell(out, value);
                }
                out.append(',');
                StringBuilder extra = new StringBuilder();
                tags.forEach((k, val) -> {
                    if (TAG_COLUMN_SET.contains(k)) return;
                    if (!extra.isEmpty()) extra.append('&');
                    extra.append(k).append('=').append(val);
                });
                cell(out, extra.toString()).append(','); // metadata: Headroom has no per-sample metadata
                boolean trend = s instanceof IntervalSnapshot.TrendSnapshot;
                out.append(',').append(trend ? number(v.count()) : "")
                        .append(',').append(trend ? number(v.min()) : "")
                        .append(',').append(trend ? number(v.max()) : "").append('\n');
            }
        }

        private static String number(double v) {
            return Double.isNaN(v) ? "" : Json.number(v);
        }

        /** RFC 4180: quoted when it holds a comma, a quote or a line break, quotes doubled. */
        private static StringBuilder cell(StringBuilder out, String value) {
            if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
                return out.append(value);
            }
            return out.append('"').append(value.replace("\"", "\"\"")).append('"');
        }
    }
}
