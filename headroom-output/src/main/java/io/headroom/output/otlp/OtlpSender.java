package io.headroom.output.otlp;

import io.headroom.output.PushQueue;
import io.opentelemetry.sdk.metrics.data.MetricData;

import java.util.List;

/**
 * How one batch of metrics reaches the receiver: {@link OtlpHttpSender} (OTLP/HTTP through the SDK's exporter on the
 * JDK's HttpClient) or {@link OtlpGrpcSender} (OTLP/gRPC on a grpc-java channel). Called from the {@link PushQueue}'s
 * one thread; {@link #close} once, after the last send.
 */
sealed interface OtlpSender extends AutoCloseable permits OtlpHttpSender, OtlpGrpcSender {
    /** Sends one batch, waiting at most the request timeout; gives up when interrupted. */
    PushQueue.Delivery send(List<MetricData> batch) throws InterruptedException;

    /** Releases the client; never throws. */
    @Override
    void close();

    /** OTLP's rule for a sender over HTTP: 429, 502, 503 and 504 may be retried; any other answer (500 too) may not. */
    static boolean retryableHttp(int status) {
        return status == 429 || status == 502 || status == 503 || status == 504;
    }
}
