package io.headroom.grpc;

import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.BlockingClientCall;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One method of a schema as a callable gRPC method over {@link DynamicMessage}s: unary, server-streaming,
 * client-streaming or bidirectional, each on the caller's (virtual) thread with grpc-java's blocking calls.
 * Immutable and thread-safe; a call is the caller's own.
 */
public final class DynamicCall {
    private final Descriptors.MethodDescriptor descriptor;
    private final MethodDescriptor<DynamicMessage, DynamicMessage> method;

    public DynamicCall(Descriptors.MethodDescriptor descriptor) {
        this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
        MethodType type = descriptor.isClientStreaming()
                ? (descriptor.isServerStreaming() ? MethodType.BIDI_STREAMING : MethodType.CLIENT_STREAMING)
                : (descriptor.isServerStreaming() ? MethodType.SERVER_STREAMING : MethodType.UNARY);
        this.method = MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder()
                .setType(type)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(descriptor.getService().getFullName(), descriptor.getName()))
                .setRequestMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(descriptor.getInputType())))
                .setResponseMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(descriptor.getOutputType())))
                .build();
    }

    public Descriptors.MethodDescriptor descriptor() {
        return descriptor;
    }

    public MethodType type() {
        return method.getType();
    }

    /** {@code package.Service/Method}. */
    public String fullMethodName() {
        return method.getFullMethodName();
    }

    /** The outcome of one call: its status and the responses kept (at most {@link GrpcLimits#MAX_KEPT_RESPONSES}). */
    public record Result(Status status, List<DynamicMessage> responses, int received) {
        public boolean ok() {
            return status.isOk();
        }
    }

    /**
     * Makes one call and waits for its end. A unary or server-streaming call sends the first request only; a
     * client-streaming or bidirectional call sends every request, half-closes and reads every response.
     *
     * @param headers metadata sent with the call; null for none
     * @throws InterruptedException when the caller's thread is interrupted (the call is cancelled)
     */
    public Result call(Channel channel, CallOptions options, Metadata headers, List<DynamicMessage> requests) throws InterruptedException {
        return call(channel, options, headers, requests, GrpcLimits.MAX_KEPT_RESPONSES);
    }

    /** As {@link #call(Channel, CallOptions, Metadata, List)}, keeping at most {@code keep} responses (the rest counted). */
    public Result call(Channel channel, CallOptions options, Metadata headers, List<DynamicMessage> requests, int keep)
            throws InterruptedException {
        Channel ch = headers == null ? channel : ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
        List<DynamicMessage> kept = new ArrayList<>(1);
        int received = 0;
        try {
            if (method.getType() == MethodType.UNARY) {
                kept.add(ClientCalls.blockingUnaryCall(ch, method, options, requests.get(0)));
                return new Result(Status.OK, kept, 1);
            }
            BlockingClientCall<DynamicMessage, DynamicMessage> call = switch (method.getType()) {
                case SERVER_STREAMING -> ClientCalls.blockingV2ServerStreamingCall(ch, method, options, requests.get(0));
                case CLIENT_STREAMING -> ClientCalls.blockingClientStreamingCall(ch, method, options);
                default -> ClientCalls.blockingBidiStreamingCall(ch, method, options);
            };
            try {
                if (method.getType() != MethodType.SERVER_STREAMING) {
                    for (DynamicMessage m : requests) {
                        if (!call.write(m)) break;
                    }
                    call.halfClose();
                }
                DynamicMessage m;
                while ((m = call.read()) != null) {
                    received++;
                    if (kept.size() < keep) kept.add(m);
                }
                return new Result(Status.OK, kept, received);
            } catch (InterruptedException e) {
                call.cancel("interrupted", e);
                throw e;
            }
        } catch (StatusRuntimeException e) {
            return new Result(e.getStatus(), kept, received);
        } catch (StatusException e) {
            return new Result(e.getStatus(), kept, received);
        }
    }
}
