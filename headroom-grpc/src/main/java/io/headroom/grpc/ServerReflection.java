package io.headroom.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.StreamObserver;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Asks a server for the descriptors of one service over gRPC server reflection ({@code grpc.reflection.v1}),
 * as k6's {@code reflect: true} does: the file defining the service, then every import the server did not send
 * yet. Bounded by {@link GrpcLimits#MAX_REFLECTED_FILES} files and by the deadline. Stateless and thread-safe.
 */
public final class ServerReflection {
    private ServerReflection() {}

    /**
     * The schema holding {@code service} (fully qualified) as {@code target} (for messages) serves it over {@code channel}.
     *
     * @throws GrpcSchemaException when the server cannot be reached, has no reflection, or does not know the service
     */
    public static GrpcSchema fetch(Channel channel, String target, String service, Duration deadline)
            throws GrpcSchemaException, InterruptedException {
        LinkedBlockingQueue<Object> answers = new LinkedBlockingQueue<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
                .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                .serverReflectionInfo(new StreamObserver<>() {
                    public void onNext(ServerReflectionResponse r) { answers.add(r); }
                    public void onError(Throwable t) { answers.add(t); }
                    public void onCompleted() { answers.add(Status.OK); }
                });
        long end = System.nanoTime() + deadline.toNanos();
        Map<String, FileDescriptorProto> files = new LinkedHashMap<>();
        try {
            requests.onNext(ServerReflectionRequest.newBuilder().setFileContainingSymbol(service).build());
            add(files, answer(answers, end, target, service), target, service);
            Deque<String> missing = new ArrayDeque<>();
            while (true) {
                missing.clear();
                for (FileDescriptorProto f : files.values()) {
                    for (String dep : f.getDependencyList()) {
                        if (!files.containsKey(dep) && !dep.startsWith("google/protobuf/")) missing.add(dep);
                    }
                }
                if (missing.isEmpty()) break;
                String dep = missing.peek();
                requests.onNext(ServerReflectionRequest.newBuilder().setFileByFilename(dep).build());
                add(files, answer(answers, end, target, service), target, service);
                if (!files.containsKey(dep)) {
                    throw new GrpcSchemaException("the server at " + target + " did not send \"" + dep + "\", which '" + service
                            + "' needs");
                }
            }
        } finally {
            try {
                requests.onCompleted();
            } catch (RuntimeException ignored) {
                // the call has ended already
            }
        }
        try {
            GrpcSchema schema = new GrpcSchema(FileDescriptors.build(files));
            if (schema.service(service).isEmpty()) {
                throw new GrpcSchemaException("the server at " + target + " has no service '" + service + "'");
            }
            return schema;
        } catch (GrpcSchemaException e) {
            throw new GrpcSchemaException("the server at " + target + " sent descriptors that do not link: " + e.getMessage());
        }
    }

    private static ServerReflectionResponse answer(LinkedBlockingQueue<Object> answers, long end, String target, String service)
            throws GrpcSchemaException, InterruptedException {
        Object a = answers.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (a == null) throw new GrpcSchemaException("the server at " + target + " did not answer server reflection in time");
        if (a instanceof ServerReflectionResponse r) {
            if (r.hasErrorResponse()) {
                Status.Code code = Status.fromCodeValue(r.getErrorResponse().getErrorCode()).getCode();
                if (code == Status.Code.NOT_FOUND) {
                    throw new GrpcSchemaException("the server at " + target + " has no service '" + service + "' (server reflection: "
                            + r.getErrorResponse().getErrorMessage() + ")");
                }
                throw new GrpcSchemaException("server reflection at " + target + " failed: " + code + " "
                        + r.getErrorResponse().getErrorMessage());
            }
            return r;
        }
        if (a instanceof StatusRuntimeException e) {
            Status s = e.getStatus();
            if (s.getCode() == Status.Code.UNIMPLEMENTED) {
                throw new GrpcSchemaException("the server at " + target + " does not offer server reflection (UNIMPLEMENTED);"
                        + " give the service's .proto files with 'proto' instead of 'reflect: true'");
            }
            throw new GrpcSchemaException("server reflection at " + target + " failed: " + s.getCode()
                    + (s.getDescription() == null ? "" : " " + s.getDescription()));
        }
        if (a instanceof Throwable t) throw new GrpcSchemaException("server reflection at " + target + " failed: " + t);
        throw new GrpcSchemaException("the server at " + target + " ended server reflection without an answer");
    }

    private static void add(Map<String, FileDescriptorProto> files, ServerReflectionResponse r, String target, String service)
            throws GrpcSchemaException {
        if (!r.hasFileDescriptorResponse()) {
            throw new GrpcSchemaException("the server at " + target + " answered server reflection for '" + service
                    + "' without descriptors");
        }
        for (ByteString bytes : r.getFileDescriptorResponse().getFileDescriptorProtoList()) {
            try {
                FileDescriptorProto f = FileDescriptorProto.parseFrom(bytes);
                files.putIfAbsent(f.getName(), f);
            } catch (InvalidProtocolBufferException e) {
                throw new GrpcSchemaException("the server at " + target + " sent a descriptor that does not parse: " + e.getMessage());
            }
            if (files.size() > GrpcLimits.MAX_REFLECTED_FILES) {
                throw new GrpcSchemaException("the server at " + target + " sent more than " + GrpcLimits.MAX_REFLECTED_FILES
                        + " descriptor files for '" + service + "'");
            }
        }
    }
}
