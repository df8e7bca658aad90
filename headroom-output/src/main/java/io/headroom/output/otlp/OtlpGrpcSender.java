package io.headroom.output.otlp;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannelBuilder;
import io.grpc.TlsChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.headroom.output.PushQueue;
import io.opentelemetry.exporter.internal.otlp.metrics.MetricsRequestMarshaler;
import io.opentelemetry.sdk.metrics.data.MetricData;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * OTLP/gRPC: the SDK's encoding of the batch ({@link MetricsRequestMarshaler}, the bytes its own gRPC exporter sends)
 * as one unary call of {@code opentelemetry.proto.collector.metrics.v1.MetricsService/Export} on a grpc-java channel
 * (built through grpc-api; the transport is grpc-netty-shaded), gzip-compressed, with a deadline of the request
 * timeout. The SDK's gRPC sender module is not used:
 * the registry here does not serve it, and its alternative is OkHttp.
 */
final class OtlpGrpcSender implements OtlpSender {
    /** The OTLP metrics service's one method. */
    static final String METHOD = "opentelemetry.proto.collector.metrics.v1.MetricsService/Export";
    /** The status codes OTLP says a client may retry (the rest are not retried). */
    private static final Set<Status.Code> RETRYABLE = Set.of(Status.Code.CANCELLED, Status.Code.DEADLINE_EXCEEDED,
            Status.Code.RESOURCE_EXHAUSTED, Status.Code.ABORTED, Status.Code.OUT_OF_RANGE, Status.Code.UNAVAILABLE,
            Status.Code.DATA_LOSS);

    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private static final MethodDescriptor<byte[], byte[]> EXPORT = MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName(METHOD)
            .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();

    private final ManagedChannel channel;
    private final Duration timeout;
    private final Channel intercepted;

    OtlpGrpcSender(OtlpEndpoint endpoint, Map<String, String> headers, Duration timeout) {
        this.timeout = timeout;
        // grpc-api's builder: whichever transport is on the class path (grpc-netty-shaded here) serves it
        ManagedChannelBuilder<?> b = Grpc.newChannelBuilderForAddress(endpoint.url().getHost(), endpoint.port(),
                endpoint.tls() ? TlsChannelCredentials.create() : InsecureChannelCredentials.create());
        this.channel = b.userAgent("headroom").maxInboundMessageSize(4 << 20).build();
        Metadata metadata = new Metadata();
        headers.forEach((k, v) -> metadata.put(Metadata.Key.of(k.toLowerCase(Locale.ROOT), Metadata.ASCII_STRING_MARSHALLER), v));
        this.intercepted = ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(metadata));
    }

    @Override
    public PushQueue.Delivery send(List<MetricData> batch) throws InterruptedException {
        byte[] body;
        try {
            MetricsRequestMarshaler request = MetricsRequestMarshaler.create(batch);
            ByteArrayOutputStream out = new ByteArrayOutputStream(request.getBinarySerializedSize());
            request.writeBinaryTo(out);
            body = out.toByteArray();
        } catch (IOException e) {
            return new PushQueue.Delivery.Rejected("cannot encode the batch: " + e.getMessage());
        }
        try {
            ClientCalls.blockingUnaryCall(intercepted, EXPORT, CallOptions.DEFAULT.withCompression("gzip")
                    .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS), body);
            return PushQueue.Delivery.SENT;
        } catch (StatusRuntimeException e) {
            if (Thread.interrupted()) throw new InterruptedException();
            Status s = e.getStatus();
            String problem = switch (s.getCode()) {
                case DEADLINE_EXCEEDED -> "no answer within " + timeout.toSeconds() + " s";
                case UNAVAILABLE -> "cannot reach the receiver: " + (s.getCause() instanceof java.net.ConnectException
                        || String.valueOf(s.getDescription()).contains("Connection refused") ? "connection refused"
                        : String.valueOf(s.getDescription()));
                default -> "gRPC " + s.getCode() + (s.getDescription() == null ? "" : ": " + oneLine(s.getDescription()));
            };
            return RETRYABLE.contains(s.getCode()) ? new PushQueue.Delivery.Retry(problem) : new PushQueue.Delivery.Rejected(problem);
        }
    }

    private static String oneLine(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
