package io.headroom.grpc;

/** A .proto file or a server's reflection could not give the descriptors a plan needs; the message is for users. */
public final class GrpcSchemaException extends Exception {
    private static final long serialVersionUID = 1L;

    public GrpcSchemaException(String message) {
        super(message);
    }
}
