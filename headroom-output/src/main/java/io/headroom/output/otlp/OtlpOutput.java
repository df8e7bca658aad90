package io.headroom.output.otlp;

import io.headroom.core.metric.IntervalSnapshot;
import io.headroom.core.result.LiveOutputHealth;
import io.headroom.output.LiveOutput;
import io.headroom.output.OutputContext;
import io.headroom.output.OutputKind;
import io.headroom.output.PushQueue;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.resources.Resource;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --out otlp=URL}: OpenTelemetry metrics over OTLP once a second, by the OpenTelemetry Java SDK's data model
 * and encoding: OTLP/HTTP with protobuf ({@code http://host:4318/v1/metrics}, the SDK's exporter on the JDK's
 * HttpClient) or OTLP/gRPC ({@code grpc://host:4317}), gzip-compressed ({@link OtlpEndpoint}). Each batch holds the
 * run's totals so far ({@link OtlpTotals}: monotonic sums, gauges, trends as exponential histograms), with
 * <b>cumulative</b> temporality: Prometheus' and Mimir's OTLP receivers take cumulative points (delta points need the
 * Collector's {@code deltatocumulative} processor before them), and a dropped batch then loses one point of a graph,
 * never a count, since the next batch carries it. The resource names the run: {@code service.name=headroom},
 * {@code service.version}, {@code service.instance.id} (host and process), {@code headroom.test_id},
 * {@code headroom.plan}, {@code host.name}; every point also carries {@code testid}, as remote-write's series do, so a
 * dashboard filters runs without joining {@code target_info}. Headers for the receiver (a token) come from
 * {@code OTEL_EXPORTER_OTLP_METRICS_HEADERS} or {@code OTEL_EXPORTER_OTLP_HEADERS} ({@code k=v,k2=v2}), as every
 * OpenTelemetry SDK reads them.
 *
 * <p>The engine's thread only adds the interval to the totals and queues the immutable batch; encoding and sending
 * happen on the {@link PushQueue}'s thread, at most {@value #QUEUE_BATCHES} batches waiting, each request bounded by
 * {@link #REQUEST_TIMEOUT}, the last deliveries by {@link #FLUSH_BUDGET}. Success is delivered; HTTP 429, 502, 503,
 * 504 and gRPC's retryable codes are retried while no newer batch waits (OTLP's rules); any other answer drops the
 * batch. Every drop is counted in the run's generator health.
 */
public final class OtlpOutput implements LiveOutput {
    /** The most batches (seconds of the run) that wait for a slow receiver; older ones are dropped first. */
    public static final int QUEUE_BATCHES = 10;
    /** How long one request may take, connect to last byte of the answer (the SDK's default is 10 s; a run's second is shorter). */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    /** How long the end of a run waits for the last batches. */
    public static final Duration FLUSH_BUDGET = Duration.ofSeconds(3);
    /** The point attribute with the run's id (k6's and remote-write's label name). */
    public static final String TEST_ID_ATTRIBUTE = "testid";
    /** The metadata key that names the plan (put there by the CLI). */
    public static final String PLAN_NAME_KEY = "plan.name";

    /** The {@code otlp} kind. */
    public static final OutputKind KIND = new OutputKind() {
        @Override
        public String name() {
            return "otlp";
        }

        @Override
        public String argumentLabel() {
            return "URL";
        }

        @Override
        public String help() {
            return "push OpenTelemetry metrics over OTLP once a second: " + OtlpEndpoint.EXAMPLES;
        }

        @Override
        public void check(String argument) {
            OtlpEndpoint.parse(argument);
        }

        @Override
        public LiveOutput open(String argument, OutputContext context) {
            return new OtlpOutput(OtlpEndpoint.parse(argument), context, headers(System.getenv()));
        }
    };

    private final String description;
    private final OtlpTotals totals;
    private final OtlpSender sender;
    private final PushQueue<List<MetricData>> queue;
    private long lastMillis;

    OtlpOutput(OtlpEndpoint endpoint, OutputContext context, Map<String, String> headers) {
        this.description = endpoint.description();
        String version = context.metadata().getOrDefault("headroom.version", "dev");
        this.totals = new OtlpTotals(resource(context, version), InstrumentationScopeInfo.builder("io.headroom")
                .setVersion(version).build(), context.testId(), context.thresholds(), context.redact());
        this.sender = switch (endpoint.transport()) {
            case HTTP_PROTOBUF -> new OtlpHttpSender(endpoint, headers, REQUEST_TIMEOUT);
            case GRPC -> new OtlpGrpcSender(endpoint, headers, REQUEST_TIMEOUT);
        };
        this.queue = new PushQueue<>(description, QUEUE_BATCHES, sender::send, context.warnings());
    }

    /** The run's resource: what it is (Headroom), which run (test id, plan) and which process (instance). */
    static Resource resource(OutputContext context, String version) {
        Map<String, String> m = context.metadata();
        String host = m.getOrDefault("host.name", "localhost");
        AttributesBuilder a = Attributes.builder().put("service.name", "headroom").put("service.version", version)
                .put("service.instance.id", host + ":" + ProcessHandle.current().pid())
                .put("headroom.test_id", context.testId()).put("host.name", host);
        String plan = m.get(PLAN_NAME_KEY);
        if (plan != null) a.put("headroom.plan", plan);
        String hash = m.get("plan.hash");
        if (hash != null) a.put("headroom.plan_hash", hash);
        // no Resource.getDefault(): it would add telemetry.sdk.* and a service.name of its own
        return Resource.create(a.build());
    }

    /** The headers of {@code OTEL_EXPORTER_OTLP_METRICS_HEADERS}, else {@code OTEL_EXPORTER_OTLP_HEADERS}: {@code k=v,k2=v2}. */
    static Map<String, String> headers(Map<String, String> env) {
        String text = env.getOrDefault("OTEL_EXPORTER_OTLP_METRICS_HEADERS", env.get("OTEL_EXPORTER_OTLP_HEADERS"));
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isBlank()) return out;
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) continue;
            out.put(pair.substring(0, eq).strip(), URLDecoder.decode(pair.substring(eq + 1).strip(), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void accept(IntervalSnapshot snapshot, long endedAtEpochMillis) {
        totals.add(snapshot, endedAtEpochMillis);
        long at = Math.max(endedAtEpochMillis, lastMillis + 1); // a cumulative point's time only moves forward
        lastMillis = at;
        queue.offer(totals.metrics(at));
    }

    @Override
    public LiveOutputHealth health() {
        return queue.health();
    }

    @Override
    public void close() {
        queue.close(FLUSH_BUDGET);
        sender.close();
    }
}
