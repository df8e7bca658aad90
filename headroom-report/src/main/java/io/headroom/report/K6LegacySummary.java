package io.headroom.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.core.metric.CheckResult;
import io.headroom.core.metric.SeriesResult;
import io.headroom.core.metric.SeriesStats.CounterStats;
import io.headroom.core.metric.SeriesStats.GaugeStats;
import io.headroom.core.metric.SeriesStats.RateStats;
import io.headroom.core.metric.SeriesStats.TrendStats;
import io.headroom.core.result.RunResult;
import io.headroom.core.result.ThresholdResult;
import io.headroom.core.result.ThresholdVerdict;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * k6's legacy {@code --summary-export} JSON, for scripts that already read it ({@code jq
 * '.metrics.http_req_duration["p(95)"]'}): {@code root_group} with groups and checks (ids are the MD5 of the
 * path, as k6's {@code lib/models.go}), and {@code metrics} keyed by name, each with k6's keys per kind
 * (trend: the {@link TrendColumns}; counter: {@code count}, {@code rate}; rate: {@code value}, {@code passes},
 * {@code fails}; gauge: {@code value}, {@code min}, {@code max}) and {@code thresholds} mapping each
 * expression to whether it was <em>crossed</em> (k6 writes {@code LastFailed} there, so {@code true} means
 * failed). Tagged thresholds add an entry named by their selector, as k6's sub-metrics do. Layout from k6's
 * {@code internal/js/summary_test.go} ({@code expectedOldJSONExportResult}). Thread-safe (stateless).
 */
public final class K6LegacySummary {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private K6LegacySummary() {}

    /** The export as a JSON tree; {@code trendColumns} are the keys of every trend entry. */
    public static ObjectNode of(RunResult result, TrendColumns trendColumns) {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(trendColumns, "trendColumns");
        ObjectNode root = JSON.objectNode();
        root.set("root_group", rootGroup(result));
        ObjectNode metrics = root.putObject("metrics");
        Map<String, ObjectNode> bySelector = new LinkedHashMap<>();
        for (String metric : Aggregates.metricNames(result)) {
            Aggregates.aggregate(result, metric).ifPresent(s -> bySelector.put(metric, stats(s, trendColumns)));
        }
        for (ThresholdResult t : result.thresholds()) {
            String selector = t.spec().selectorText();
            ObjectNode entry = bySelector.get(selector);
            if (entry == null) {
                var parsed = t.spec().selector();
                entry = (parsed.tags().isEmpty() ? Aggregates.aggregate(result, parsed.metric())
                        : Aggregates.select(result, parsed.metric(), parsed.tags()))
                        .map(s -> stats(s, trendColumns)).orElseGet(JSON::objectNode);
                bySelector.put(selector, entry);
            }
            ObjectNode thresholds = entry.has("thresholds") ? (ObjectNode) entry.get("thresholds")
                    : entry.putObject("thresholds");
            thresholds.put(t.spec().exprText(), t.verdict() instanceof ThresholdVerdict.Crossed);
        }
        bySelector.forEach(metrics::set);
        return root;
    }

    /** Writes the export to {@code file} as every output is written ({@link OutputFile}), pretty-printed as k6 does. */
    public static void write(RunResult result, TrendColumns trendColumns, Path file) throws IOException {
        OutputFile.write(file, null, out -> write(result, trendColumns, out));
    }

    /** Writes the export as UTF-8 JSON to {@code out}, ending with a newline; flushes but does not close it. */
    public static void write(RunResult result, TrendColumns trendColumns, OutputStream out) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        out.write((mapper.writeValueAsString(of(result, trendColumns)) + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static ObjectNode stats(SeriesResult s, TrendColumns trendColumns) {
        ObjectNode node = JSON.objectNode();
        switch (s.stats()) {
            case TrendStats t -> {
                for (String column : trendColumns.columns()) node.put(column, TrendColumns.value(t, column));
            }
            case CounterStats c -> {
                node.put("count", c.count());
                node.put("rate", c.ratePerSecond());
            }
            case RateStats r -> {
                node.put("value", r.rate());
                node.put("passes", r.passes());
                node.put("fails", r.fails());
            }
            case GaugeStats g -> {
                node.put("value", g.value());
                node.put("min", g.min());
                node.put("max", g.max());
            }
        }
        return node;
    }

    /** k6's group tree: the root ("" path) holds groups by name and checks by name, each with path and id. */
    private static ObjectNode rootGroup(RunResult result) {
        ObjectNode root = group("", "");
        for (CheckResult c : result.checks()) {
            ObjectNode g = root;
            String path = "";
            String groupPath = c.group() == null ? "" : c.group();
            for (String name : groupPath.split("::")) {
                if (name.isEmpty()) continue;
                path = path + "::" + name;
                ObjectNode groups = (ObjectNode) g.get("groups");
                if (!groups.has(name)) groups.set(name, group(name, path));
                g = (ObjectNode) groups.get(name);
            }
            ObjectNode check = JSON.objectNode();
            String checkPath = path + "::" + c.name();
            check.put("name", c.name());
            check.put("path", checkPath);
            check.put("id", md5(checkPath));
            check.put("passes", c.passes());
            check.put("fails", c.fails());
            ((ObjectNode) g.get("checks")).set(c.name(), check);
        }
        return root;
    }

    private static ObjectNode group(String name, String path) {
        ObjectNode g = JSON.objectNode();
        g.put("name", name);
        g.put("path", path);
        g.put("id", md5(path));
        g.putObject("groups");
        g.putObject("checks");
        return g;
    }

    /** k6's group and check ids: the hex MD5 of the path. */
    static String md5(String path) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(path.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is a required JDK algorithm", e);
        }
    }
}
