package io.headroom.grpc;

/** The bounds of everything in headroom-grpc that grows with input; each is a row in docs/limits.md. */
public final class GrpcLimits {
    private GrpcLimits() {}

    /** The default largest message a call receives or sends (gRPC's own default). */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
    /** The largest {@code maxMessageSize} a step may set. */
    public static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
    /** .proto files one schema may load, its imports included. */
    public static final int MAX_PROTO_FILES = 64;
    /** Bytes of one .proto file. */
    public static final long MAX_PROTO_FILE_BYTES = 1024 * 1024;
    /** Bytes of all .proto files of one schema together. */
    public static final long MAX_PROTO_TOTAL_BYTES = 8 * 1024 * 1024;
    /** Bytes of a step's {@code caCert} PEM file. */
    public static final long MAX_CA_CERT_BYTES = 1024 * 1024;
    /** File descriptors one server reflection lookup may return, dependencies included. */
    public static final int MAX_REFLECTED_FILES = 256;
    /** Response messages of one streaming call kept for its checks (more are counted and dropped). */
    public static final int MAX_KEPT_RESPONSES = 1000;
    /** Request messages one client- or bidirectional-streaming step may send per call. */
    public static final int MAX_REQUEST_MESSAGES = 1000;
}
