package io.headroom.cli;

import io.headroom.core.result.LiveOutputHealth;
import io.headroom.core.result.RunResult;
import io.headroom.core.threshold.ThresholdSpec;
import io.headroom.output.LiveOutputs;
import io.headroom.output.kinds.OutputKinds;
import io.headroom.output.OutputRequest;
import io.headroom.output.otlp.OtlpOutput;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * {@code -o, --out KIND=ARG} (k6's flag, repeatable): live outputs pushed or streamed while the run goes, each off
 * the hot path ({@code headroom-output}); a picocli mixin inside {@link LiveMetricsOption}. Values are checked when
 * the command line is read (exit 2 for an unknown kind or a bad URL); files join the pre-run check of every output.
 */
final class OutOption {
    /** The run metadata key of a {@code --tag testid=...}, which becomes the outputs' testid label. */
    static final String TEST_ID_TAG = "tag.testid";

    @Option(names = {"-o", "--out"}, paramLabel = "KIND=ARG", converter = RequestConverter.class,
            description = {"Push or stream live results while the run goes (k6's --out; repeatable):",
                    "prometheus-rw=URL: Prometheus remote-write every second, e.g. http://127.0.0.1:9090/api/v1/write;"
                            + " every series labelled testid (--tag testid=ID, else NAME-yyyyMMdd-HHmmss); trends as"
                            + " classic buckets, and native histograms where the receiver takes them",
                    "otlp=URL: OpenTelemetry metrics over OTLP every second: http://HOST:4318/v1/metrics (OTLP/HTTP,"
                            + " protobuf) or grpc://HOST:4317 (OTLP/gRPC; https://, grpcs:// with TLS); cumulative sums,"
                            + " gauges and exponential histograms, the run in the resource (service.name=headroom,"
                            + " headroom.test_id); headers from OTEL_EXPORTER_OTLP_HEADERS",
                    "json=FILE: k6's JSON lines (Metric and Point objects), one point per series per second (FILE.gz: gzipped)",
                    "csv=FILE: k6's CSV columns, one row per series per second (FILE.gz: gzipped)",
                    "A slow or dead receiver never stalls the run: dropped batches are counted and shown in the summary"
                            + " (docs/outputs.md)."})
    List<OutputRequest> outputs = new ArrayList<>();

    /**
     * The files the outputs write, keyed by how the pre-run check names them ({@code --out json=results.json}: one
     * key per value, so two {@code json} outputs are both checked, and one file given twice is refused).
     */
    Map<String, Path> files() {
        Map<String, Path> files = new LinkedHashMap<>();
        for (OutputRequest r : outputs) {
            if (r.file().isEmpty()) continue;
            String key = "--out " + r;
            // the same value twice still needs two keys, or the duplicate check would not see the second one
            for (int n = 2; files.containsKey(key); n++) key = "--out " + r + " (#" + n + ")";
            files.put(key, r.file().get());
        }
        return files;
    }

    /**
     * Opens the outputs for a run of plan {@code planName} ({@link LiveOutputs#NONE} without {@code --out}), and says
     * on {@code err} where each one goes; a usage error when one cannot be opened.
     */
    LiveOutputs start(String planName, List<ThresholdSpec> thresholds, UnaryOperator<String> redact,
                      Map<String, String> metadata, PrintWriter err) {
        if (outputs.isEmpty()) return LiveOutputs.NONE;
        String testId = metadata.getOrDefault(TEST_ID_TAG, testId(planName, ZonedDateTime.now(ZoneOffset.UTC)));
        try {
            Map<String, String> withPlan = new LinkedHashMap<>(metadata);
            if (planName != null && !planName.isBlank()) withPlan.putIfAbsent(OtlpOutput.PLAN_NAME_KEY, planName);
            LiveOutputs opened = LiveOutputs.open(outputs, testId, thresholds, redact, withPlan);
            for (String d : opened.descriptions()) err.println("headroom: --out " + d + " (testid=" + testId + ")");
            err.flush();
            return opened;
        } catch (IOException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /**
     * The run's result with how each output kept up in its generator health, after printing on {@code err} the
     * warnings the live progress did not show (the last seconds', or all of them when it was quiet) and one line
     * per output that dropped batches.
     */
    static RunResult finish(RunResult result, LiveOutputs outputs, boolean quiet, PrintWriter err) {
        if (outputs.isEmpty()) return result;
        for (String w : quiet ? outputs.allWarnings() : outputs.pendingWarnings()) err.println("headroom: warning: " + w);
        List<LiveOutputHealth> health = outputs.health();
        for (LiveOutputHealth h : health) {
            if (h.warning() != null) err.println("headroom: warning: " + h.warning());
        }
        err.flush();
        return result.withGeneratorHealth(result.generatorHealth().withLiveOutputs(health));
    }

    /** "checkout-20261203-164501": the plan's name (letters, digits, - and _) and the start, UTC. */
    static String testId(String planName, ZonedDateTime startedAt) {
        String name = planName == null ? "" : planName.replaceAll("[^A-Za-z0-9_-]+", "-").replaceAll("(^-+|-+$)", "");
        if (name.isEmpty()) name = "run";
        if (name.length() > 40) name = name.substring(0, 40);
        return name + "-" + startedAt.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    }

    /** Checks each value as the command line is read, so a bad one fails before anything runs. */
    static final class RequestConverter implements ITypeConverter<OutputRequest> {
        @Override
        public OutputRequest convert(String value) {
            try {
                return OutputKinds.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
