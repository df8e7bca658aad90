package io.headroom.output.otlp;

import io.headroom.output.PushQueue;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.exporter.internal.FailedExportException;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporterBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.data.MetricData;

import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * OTLP/HTTP with protobuf bodies, gzip-compressed, through the SDK's {@link OtlpHttpMetricExporter} on its JDK
 * HttpClient sender ({@code opentelemetry-exporter-sender-jdk}). The exporter's own retries are off: the
 * {@link PushQueue} retries only while no newer (cumulative) batch waits. The exporter's log lines are silenced, since
 * the queue reports each problem once as a run warning.
 */
final class OtlpHttpSender implements OtlpSender {
    /**
     * The exporter's own logger (one line, with a stack trace for a refused connection, per failed export): off, since
     * the queue reports each problem once as a run warning. Held, so the level set on it stays (java.util.logging
     * keeps loggers weakly). In a JVM that also runs OTLP/HTTP exporters of its own (a JUnit run of an instrumented
     * service) their failure lines are silenced too.
     */
    private static final Logger EXPORTER_LOG = Logger.getLogger("io.opentelemetry.exporter.otlp.internal.HttpExporter");

    static {
        EXPORTER_LOG.setLevel(Level.OFF);
    }

    private final OtlpHttpMetricExporter exporter;
    private final Duration timeout;

    OtlpHttpSender(OtlpEndpoint endpoint, Map<String, String> headers, Duration timeout) {
        this.timeout = timeout;
        OtlpHttpMetricExporterBuilder b = OtlpHttpMetricExporter.builder().setEndpoint(endpoint.url().toString())
                .setTimeout(timeout).setConnectTimeout(timeout).setCompression("gzip").setRetryPolicy(null)
                .setMeterProvider(MeterProvider::noop);
        headers.forEach(b::addHeader);
        this.exporter = b.build();
    }

    @Override
    public PushQueue.Delivery send(List<MetricData> batch) throws InterruptedException {
        CompletableResultCode result = exporter.export(batch);
        long deadline = System.nanoTime() + timeout.toNanos() + TimeUnit.MILLISECONDS.toNanos(500);
        while (!result.isDone()) {
            if (Thread.interrupted()) throw new InterruptedException();
            if (System.nanoTime() > deadline) {
                return new PushQueue.Delivery.Retry("no answer within " + timeout.toSeconds() + " s");
            }
            result.join(20, TimeUnit.MILLISECONDS);
        }
        if (result.isSuccess()) return PushQueue.Delivery.SENT;
        Throwable failure = result.getFailureThrowable();
        if (failure instanceof FailedExportException.HttpExportException e && e.failedWithResponse() && e.getResponse() != null) {
            int status = e.getResponse().getStatusCode();
            String problem = "HTTP " + status + answer(e.getResponse().getResponseBody());
            return OtlpSender.retryableHttp(status) ? new PushQueue.Delivery.Retry(problem) : new PushQueue.Delivery.Rejected(problem);
        }
        Throwable cause = failure instanceof FailedExportException f && f.getCause() != null ? f.getCause() : failure;
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof HttpTimeoutException) return new PushQueue.Delivery.Retry("no answer within " + timeout.toSeconds() + " s");
            if (c instanceof ConnectException) return new PushQueue.Delivery.Retry("cannot reach the receiver: connection refused");
        }
        return new PushQueue.Delivery.Retry("cannot reach the receiver: " + (cause == null ? "export failed"
                : cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()));
    }

    /** The receiver's answer on one short line (OTLP answers with a protobuf Status; its text is shown as it prints). */
    private static String answer(byte[] body) {
        if (body == null || body.length == 0) return "";
        String line = new String(body, StandardCharsets.UTF_8).replaceAll("[^\\p{Print}]+", " ").strip();
        if (line.isEmpty()) return "";
        return ": " + (line.length() > 200 ? line.substring(0, 200) + "…" : line);
    }

    @Override
    public void close() {
        exporter.shutdown().join(1, TimeUnit.SECONDS);
    }
}
