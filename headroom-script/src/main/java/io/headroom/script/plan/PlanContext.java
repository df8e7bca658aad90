package io.headroom.script.plan;

import io.headroom.core.metric.MetricKind;
import io.headroom.script.DataSource;
import io.headroom.script.HttpDefaults;
import io.headroom.script.plan.YamlTree.YEntry;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state of reading one plan file that its sections share: where problems go, the declared data sources
 * and the custom metrics the flows record. One per read; not thread-safe.
 */
final class PlanContext {
    final String fileName;
    /** The folder relative data file paths are read against. */
    final Path baseDir;
    final Problems problems;
    final NodeReader r;
    /** Declared data sources by name; the value is null when the file could not be read (reported). */
    final Map<String, DataSource> data = new LinkedHashMap<>();
    /** Where each data source was declared, for messages about it. */
    final Map<String, YEntry> dataEntries = new HashMap<>();
    /** Custom metrics declared by metric steps, with their kinds. */
    final Map<String, MetricKind> customMetrics = new LinkedHashMap<>();
    /** gRPC schemas read by this plan's grpc steps, by source (.proto files or a reflected target), read once each. */
    final Map<String, Object> grpcSchemas = new HashMap<>();
    /** The plan's {@code http} defaults, read before the flows, which check their steps against them. */
    HttpDefaults http = HttpDefaults.DEFAULTS;
    /** The command line's base URL (checked already), which wins over the plan's; null when none was given. */
    final String baseUrlOverride;
    /** A base URL is set (or was set wrongly, reported already): relative request URLs are then no problem of their own. */
    boolean hasBaseUrl;
    /** The {@code httpVersion} of the scenario whose flow is being read (its request steps' default); null for none. */
    io.headroom.http.HttpVersion scenarioHttpVersion;

    PlanContext(String fileName, Path baseDir, String baseUrlOverride) {
        this.fileName = fileName;
        this.baseUrlOverride = baseUrlOverride;
        this.baseDir = baseDir;
        this.problems = new Problems(fileName);
        this.r = new NodeReader(problems);
    }
}
