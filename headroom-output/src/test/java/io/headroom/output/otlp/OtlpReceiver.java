package io.headroom.output.otlp;

import com.sun.net.httpserver.HttpServer;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP metrics receiver for tests, on loopback: OTLP/HTTP on a JDK {@link HttpServer} ({@code /v1/metrics}) or
 * OTLP/gRPC on a grpc-java server, decoding every request with the {@code opentelemetry-proto} classes. It answers
 * success, or fails as asked: an HTTP status / gRPC status of its own, after a delay.
 */
public final class OtlpReceiver implements AutoCloseable {
    /** What it does with a request. */
    public record Behaviour(int httpStatus, Status.Code grpcCode, long delayMillis) {
        public static final Behaviour OK = new Behaviour(200, Status.Code.OK, 0);
        public static final Behaviour ERROR = new Behaviour(500, Status.Code.INTERNAL, 0);
        public static final Behaviour SLOW = new Behaviour(200, Status.Code.OK, 10_000);
    }

    private final List<ExportMetricsServiceRequest> requests = new CopyOnWriteArrayList<>();
    private final List<Map<String, List<String>>> headers = new CopyOnWriteArrayList<>();
    private final AtomicInteger received = new AtomicInteger();
    private final Behaviour behaviour;
    private final ExecutorService handlers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "otlp-receiver");
        t.setDaemon(true);
        return t;
    });
    private HttpServer http;
    private Server grpc;
    private final String url;

    private OtlpReceiver(boolean overGrpc, Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        if (overGrpc) {
            MethodDescriptor.Marshaller<byte[]> bytes = new MethodDescriptor.Marshaller<>() {
                public InputStream stream(byte[] value) {
                    return new ByteArrayInputStream(value);
                }

                public byte[] parse(InputStream stream) {
                    try {
                        return stream.readAllBytes();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
            MethodDescriptor<byte[], byte[]> export = MethodDescriptor.<byte[], byte[]>newBuilder()
                    .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName(OtlpGrpcSender.METHOD)
                    .setRequestMarshaller(bytes).setResponseMarshaller(bytes).build();
            ServerServiceDefinition service = ServerServiceDefinition.builder("opentelemetry.proto.collector.metrics.v1.MetricsService")
                    .addMethod(export, ServerCalls.asyncUnaryCall((body, response) -> {
                        received.incrementAndGet();
                        if (!pause()) return;
                        if (behaviour.grpcCode() != Status.Code.OK) {
                            response.onError(Status.fromCode(behaviour.grpcCode()).withDescription("receiver says no").asRuntimeException());
                            return;
                        }
                        try {
                            requests.add(ExportMetricsServiceRequest.parseFrom(body));
                        } catch (IOException e) {
                            response.onError(Status.INVALID_ARGUMENT.withDescription(e.toString()).asRuntimeException());
                            return;
                        }
                        response.onNext(ExportMetricsServiceResponse.getDefaultInstance().toByteArray());
                        response.onCompleted();
                    })).build();
            grpc = NettyServerBuilder.forAddress(loopback).executor(handlers).addService(service).build().start();
            url = "grpc://127.0.0.1:" + grpc.getPort();
        } else {
            http = HttpServer.create(loopback, 0);
            http.setExecutor(handlers);
            http.createContext("/v1/metrics", exchange -> {
                received.incrementAndGet();
                headers.add(Map.copyOf(exchange.getRequestHeaders()));
                InputStream in = exchange.getRequestBody();
                if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) in = new GZIPInputStream(in);
                byte[] body = in.readAllBytes();
                if (!pause()) {
                    exchange.close();
                    return;
                }
                if (behaviour.httpStatus() / 100 != 2) {
                    byte[] text = "receiver says no".getBytes();
                    exchange.sendResponseHeaders(behaviour.httpStatus(), text.length);
                    exchange.getResponseBody().write(text);
                    exchange.close();
                    return;
                }
                requests.add(ExportMetricsServiceRequest.parseFrom(body));
                byte[] answer = ExportMetricsServiceResponse.getDefaultInstance().toByteArray();
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
                if (answer.length > 0) exchange.getResponseBody().write(answer);
                exchange.close();
            });
            http.start();
            url = "http://127.0.0.1:" + http.getAddress().getPort() + "/v1/metrics";
        }
    }

    /** An OTLP/HTTP receiver. */
    public static OtlpReceiver http(Behaviour behaviour) throws IOException {
        return new OtlpReceiver(false, behaviour);
    }

    /** An OTLP/gRPC receiver. */
    public static OtlpReceiver grpc(Behaviour behaviour) throws IOException {
        return new OtlpReceiver(true, behaviour);
    }

    private boolean pause() {
        if (behaviour.delayMillis() == 0) return true;
        try {
            Thread.sleep(behaviour.delayMillis());
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** What {@code --out otlp=} takes. */
    public String url() {
        return url;
    }

    /** Requests it got, successful or not. */
    public int received() {
        return received.get();
    }

    /** The requests it took and decoded, in order. */
    public List<ExportMetricsServiceRequest> requests() {
        return List.copyOf(requests);
    }

    /** The HTTP headers of every request (HTTP only). */
    public List<Map<String, List<String>>> headers() {
        return List.copyOf(headers);
    }

    /** The last request's metrics by name (one resource, one scope, as Headroom sends). */
    public Map<String, Metric> lastMetrics() {
        Map<String, Metric> out = new LinkedHashMap<>();
        ExportMetricsServiceRequest last = requests.getLast();
        for (ResourceMetrics rm : last.getResourceMetricsList()) {
            for (ScopeMetrics sm : rm.getScopeMetricsList()) {
                for (Metric m : sm.getMetricsList()) out.put(m.getName(), m);
            }
        }
        return out;
    }

    /** The last request's resource attributes, as strings. */
    public Map<String, String> lastResource() {
        Map<String, String> out = new LinkedHashMap<>();
        for (KeyValue kv : requests.getLast().getResourceMetrics(0).getResource().getAttributesList()) {
            out.put(kv.getKey(), kv.getValue().getStringValue());
        }
        return out;
    }

    /** A point's attributes, as strings. */
    public static Map<String, String> attributes(List<KeyValue> kvs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (KeyValue kv : kvs) out.put(kv.getKey(), kv.getValue().getStringValue());
        return out;
    }

    /** The sum over all points of a sum metric (double or int points). */
    public static double total(Metric m) {
        return m.getSum().getDataPointsList().stream()
                .mapToDouble(p -> p.hasAsDouble() ? p.getAsDouble() : p.getAsInt()).sum();
    }

    /** Every point of an exponential histogram, as (count, sum) pairs summed: {count, sum}. */
    public static double[] histogramCountAndSum(Metric m, Map<String, String> withAttributes) {
        double count = 0;
        double sum = 0;
        for (var p : m.getExponentialHistogram().getDataPointsList()) {
            if (!attributes(p.getAttributesList()).entrySet().containsAll(withAttributes.entrySet())) continue;
            count += p.getCount();
            sum += p.getSum();
        }
        return new double[]{count, sum};
    }

    /** Metric names in the last request. */
    public List<String> names() {
        return new ArrayList<>(lastMetrics().keySet());
    }

    @Override
    public void close() {
        if (http != null) http.stop(0);
        if (grpc != null) {
            grpc.shutdownNow();
            try {
                grpc.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        handlers.shutdownNow();
    }
}
