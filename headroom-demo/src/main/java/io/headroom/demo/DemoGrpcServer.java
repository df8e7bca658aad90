package io.headroom.demo;

import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import io.grpc.InsecureServerCredentials;
import io.grpc.MethodDescriptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.protobuf.ProtoFileDescriptorSupplier;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The demo shop's gRPC inventory service on a 127.0.0.1 port (plaintext, h2c), implemented over
 * {@link DynamicMessage} with the schema of {@code examples/inventory.proto} ({@link InventorySchema}), so the
 * demo needs no code generator. Server reflection is on unless asked otherwise. Stock is a pure function of the
 * product id (quantity {@code id × 37 mod 100}), so answers can be checked. Thread-safe; {@link #close()} stops it.
 *
 * <ul>
 *   <li>{@code GetStock(StockRequest) → Stock}: ids 1..200; NOT_FOUND otherwise.
 *   <li>{@code WatchStock(WatchRequest) → stream Stock}: {@code updates} messages (1..100, default 3), one every
 *       {@code interval_ms} (0..1000, default 10), the quantity one lower each time; INVALID_ARGUMENT out of range.
 *   <li>{@code ReserveStock(stream StockRequest) → Reservation}: counts the ids sent (unknown ids: NOT_FOUND).
 *   <li>{@code CheckStock(stream StockRequest) → stream Stock}: one Stock per request, in order.
 * </ul>
 */
public final class DemoGrpcServer implements AutoCloseable {
    private final Server server;
    private final java.util.concurrent.atomic.LongAdder calls;

    private DemoGrpcServer(Server server, java.util.concurrent.atomic.LongAdder calls) {
        this.server = server;
        this.calls = calls;
    }

    /** Inventory calls started so far (reflection not counted): what a test asks to know no load was sent. */
    public long calls() {
        return calls.sum();
    }

    /**
     * Serves on 127.0.0.1:{@code port} (0: a free port), with server reflection when {@code reflection}.
     *
     * @throws IOException when the port cannot be bound
     */
    public static DemoGrpcServer start(int port, boolean reflection) throws IOException {
        Catalogue catalogue = new Catalogue(DemoConfig.defaults().seed());
        // Bound to loopback only: the demo has no authentication.
        ServerBuilder<?> b = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port), InsecureServerCredentials.create());
        b.executor(Executors.newVirtualThreadPerTaskExecutor());
        java.util.concurrent.atomic.LongAdder calls = new java.util.concurrent.atomic.LongAdder();
        b.addService(io.grpc.ServerInterceptors.intercept(inventory(catalogue), new io.grpc.ServerInterceptor() {
            @Override
            public <Q, R> io.grpc.ServerCall.Listener<Q> interceptCall(io.grpc.ServerCall<Q, R> call, io.grpc.Metadata headers,
                                                                       io.grpc.ServerCallHandler<Q, R> next) {
                calls.increment();
                return next.startCall(call, headers);
            }
        }));
        if (reflection) b.addService(ProtoReflectionServiceV1.newInstance());
        Server server = b.build().start();
        return new DemoGrpcServer(server, calls);
    }

    /** The bound port. */
    public int port() {
        return server.getPort();
    }

    /** {@code 127.0.0.1:PORT}, a gRPC target. */
    public String target() {
        return "127.0.0.1:" + port();
    }

    @Override
    public void close() {
        server.shutdown();
        try {
            if (!server.awaitTermination(2, TimeUnit.SECONDS)) server.shutdownNow();
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** The one-line description for {@code serve-demo}. */
    public static String describe() {
        return "inventory.Inventory: GetStock (unary), WatchStock (server streaming), ReserveStock (client streaming),"
                + " CheckStock (bidirectional); examples/inventory.proto";
    }

    private static MethodDescriptor<DynamicMessage, DynamicMessage> method(String name, MethodDescriptor.MethodType type) {
        Descriptors.MethodDescriptor m = InventorySchema.SERVICE.findMethodByName(name);
        return MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder().setType(type)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(InventorySchema.SERVICE.getFullName(), name))
                .setRequestMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(m.getInputType())))
                .setResponseMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(m.getOutputType())))
                .build();
    }

    private static ServerServiceDefinition inventory(Catalogue catalogue) {
        MethodDescriptor<DynamicMessage, DynamicMessage> get = method("GetStock", MethodDescriptor.MethodType.UNARY);
        MethodDescriptor<DynamicMessage, DynamicMessage> watch = method("WatchStock", MethodDescriptor.MethodType.SERVER_STREAMING);
        MethodDescriptor<DynamicMessage, DynamicMessage> reserve = method("ReserveStock", MethodDescriptor.MethodType.CLIENT_STREAMING);
        MethodDescriptor<DynamicMessage, DynamicMessage> check = method("CheckStock", MethodDescriptor.MethodType.BIDI_STREAMING);
        ServiceDescriptor service = ServiceDescriptor.newBuilder(InventorySchema.SERVICE.getFullName())
                .setSchemaDescriptor(new ServiceSchema())
                .addMethod(get).addMethod(watch).addMethod(reserve).addMethod(check).build();
        return ServerServiceDefinition.builder(service)
                .addMethod(get, ServerCalls.asyncUnaryCall((req, out) -> {
                    int id = intField(req, "product_id");
                    if (catalogue.byId(id) == null) {
                        out.onError(Status.NOT_FOUND.withDescription("no product " + id).asRuntimeException());
                        return;
                    }
                    out.onNext(stock(catalogue, id, 0));
                    out.onCompleted();
                }))
                .addMethod(watch, ServerCalls.asyncServerStreamingCall((req, out) -> watch(catalogue, req, out)))
                .addMethod(reserve, ServerCalls.asyncClientStreamingCall(out -> new StreamObserver<>() {
                    final List<Integer> ids = new ArrayList<>();
                    boolean failed;

                    public void onNext(DynamicMessage req) {
                        int id = intField(req, "product_id");
                        if (catalogue.byId(id) == null && !failed) {
                            failed = true;
                            out.onError(Status.NOT_FOUND.withDescription("no product " + id).asRuntimeException());
                        }
                        ids.add(id);
                    }

                    public void onError(Throwable t) {}

                    public void onCompleted() {
                        if (failed) return;
                        Descriptors.Descriptor r = InventorySchema.RESERVATION;
                        DynamicMessage.Builder b = DynamicMessage.newBuilder(r).setField(r.findFieldByName("reserved"), ids.size());
                        for (int id : ids) b.addRepeatedField(r.findFieldByName("product_ids"), id);
                        out.onNext(b.build());
                        out.onCompleted();
                    }
                }))
                .addMethod(check, ServerCalls.asyncBidiStreamingCall(out -> new StreamObserver<>() {
                    public void onNext(DynamicMessage req) {
                        int id = intField(req, "product_id");
                        if (catalogue.byId(id) == null) {
                            out.onError(Status.NOT_FOUND.withDescription("no product " + id).asRuntimeException());
                        } else {
                            out.onNext(stock(catalogue, id, 0));
                        }
                    }

                    public void onError(Throwable t) {}

                    public void onCompleted() {
                        out.onCompleted();
                    }
                }))
                .build();
    }

    private static void watch(Catalogue catalogue, DynamicMessage req, StreamObserver<DynamicMessage> out) {
        int id = intField(req, "product_id");
        int updates = intField(req, "updates");
        int interval = intField(req, "interval_ms");
        if (updates == 0) updates = 3;
        if (!req.hasField(InventorySchema.WATCH_REQUEST.findFieldByName("interval_ms"))) interval = 10;
        if (updates < 1 || updates > 100 || interval < 0 || interval > 1000) {
            out.onError(Status.INVALID_ARGUMENT.withDescription("updates must be 1..100 and interval_ms 0..1000").asRuntimeException());
            return;
        }
        if (catalogue.byId(id) == null) {
            out.onError(Status.NOT_FOUND.withDescription("no product " + id).asRuntimeException());
            return;
        }
        try {
            for (int i = 0; i < updates; i++) {
                if (i > 0 && interval > 0) Thread.sleep(interval);
                out.onNext(stock(catalogue, id, i));
            }
            out.onCompleted();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.onError(Status.CANCELLED.asRuntimeException());
        } catch (RuntimeException e) {
            // the client went away (cancelled): nothing to answer
        }
    }

    private static int intField(DynamicMessage m, String name) {
        return (Integer) m.getField(m.getDescriptorForType().findFieldByName(name));
    }

    private static DynamicMessage stock(Catalogue catalogue, int id, int step) {
        Descriptors.Descriptor s = InventorySchema.STOCK;
        int quantity = Math.max(0, (id * 37) % 100 - step);
        return DynamicMessage.newBuilder(s)
                .setField(s.findFieldByName("product_id"), id)
                .setField(s.findFieldByName("name"), catalogue.byId(id).name())
                .setField(s.findFieldByName("quantity"), quantity)
                .setField(s.findFieldByName("in_stock"), quantity > 0)
                .build();
    }

    private static final class ServiceSchema implements ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
        @Override
        public Descriptors.FileDescriptor getFileDescriptor() {
            return InventorySchema.FILE;
        }

        @Override
        public Descriptors.ServiceDescriptor getServiceDescriptor() {
            return InventorySchema.SERVICE;
        }
    }
}
