package io.headroom.core.metric;

/** Names of the built-in metrics, as in k6, so plans and dashboards carry over. */
public final class BuiltinMetrics {
    private BuiltinMetrics() {}

    public static final String VUS = "vus";
    public static final String VUS_MAX = "vus_max";
    public static final String ITERATIONS = "iterations";
    public static final String ITERATION_DURATION = "iteration_duration";
    /** Iteration time from the actual start, beside {@link #ITERATION_DURATION} which open-model executors measure from the intended start. */
    public static final String ITERATION_SERVICE_DURATION = "iteration_service_duration";
    public static final String DROPPED_ITERATIONS = "dropped_iterations";
    public static final String CHECKS = "checks";
    /** The time each group's body took (trend, tag {@code group}: the group's own path, as in k6). */
    public static final String GROUP_DURATION = "group_duration";
    public static final String DATA_SENT = "data_sent";
    public static final String DATA_RECEIVED = "data_received";
    public static final String HTTP_REQS = "http_reqs";
    public static final String HTTP_REQ_FAILED = "http_req_failed";
    public static final String HTTP_REQ_DURATION = "http_req_duration";
    /** Request time from the actual send, beside {@link #HTTP_REQ_DURATION} which open-model executors measure from the intended start. */
    public static final String HTTP_REQ_SERVICE_DURATION = "http_req_service_duration";
    public static final String HTTP_REQ_BLOCKED = "http_req_blocked";
    public static final String HTTP_REQ_CONNECTING = "http_req_connecting";
    public static final String HTTP_REQ_TLS_HANDSHAKING = "http_req_tls_handshaking";
    public static final String HTTP_REQ_SENDING = "http_req_sending";
    public static final String HTTP_REQ_WAITING = "http_req_waiting";
    public static final String HTTP_REQ_RECEIVING = "http_req_receiving";
    /** WebSocket (k6's names): connect plus upgrade time of each session (trend). */
    public static final String WS_CONNECTING = "ws_connecting";
    /** WebSocket: from the connect to the session's end (trend). */
    public static final String WS_SESSION_DURATION = "ws_session_duration";
    /** WebSocket: sessions started (counter). */
    public static final String WS_SESSIONS = "ws_sessions";
    /** WebSocket: messages sent (counter). */
    public static final String WS_MSGS_SENT = "ws_msgs_sent";
    /** WebSocket: messages received (counter). */
    public static final String WS_MSGS_RECEIVED = "ws_msgs_received";
    /** WebSocket: ping to pong time (trend). */
    public static final String WS_PING = "ws_ping";
    /** WebSocket, beyond k6: from a sent message to its reply, correlated by a JSON field or by order (trend). */
    public static final String WS_MSG_RTT = "ws_msg_rtt";
    /** WebSocket, beyond k6: sessions that failed (counter, tag {@code error_code} 1900–1999, {@code close_code} for 1910). */
    public static final String WS_ERRORS = "ws_errors";
    /**
     * HTTP/2 connections opened (counter, on the series of the request whose stream waited for the connection;
     * HTTP/2 only): {@code http_reqs{proto:HTTP/2.0}} over it is the streams each connection carried.
     */
    public static final String HTTP2_CONNECTIONS = "headroom_http2_connections";
    /** gRPC unary call time, from the call's start to its status (trend; tags method, name, status: the code's name). */
    public static final String GRPC_REQ_DURATION = "grpc_req_duration";
    /** gRPC calls, unary and streaming, that ended with a status other than OK (rate; tags method, name, status). */
    public static final String GRPC_REQ_FAILED = "grpc_req_failed";
    /** gRPC streams opened: server-, client- and bidirectional-streaming calls (counter; tags method, name). */
    public static final String GRPC_STREAMS = "grpc_streams";
    /** Messages sent on gRPC streams (counter; tags method, name). */
    public static final String GRPC_STREAMS_MSGS_SENT = "grpc_streams_msgs_sent";
    /** Messages received on gRPC streams (counter; tags method, name). */
    public static final String GRPC_STREAMS_MSGS_RECEIVED = "grpc_streams_msgs_received";
    /**
     * Scheduling lag of open-model executors: actual minus intended iteration start, tagged {@link #LAG_CAUSE_TAG}
     * (each iteration under one cause; the untagged aggregate is every iteration's lag).
     */
    public static final String SCHEDULE_LAG = "headroom_schedule_lag";
    /** The tag of {@link #SCHEDULE_LAG} that says whose delay a late start was. */
    public static final String LAG_CAUSE_TAG = "cause";
    /** A VU was free and the generator itself started the iteration late (JIT, GC, safepoint, CPU taken). */
    public static final String LAG_CAUSE_GENERATOR = "generator";
    /** Every VU was busy with earlier iterations (waiting on the target): the iteration waited for a new VU. */
    public static final String LAG_CAUSE_TARGET = "target";
    /** Iterations that ended with an exception (counter, tag {@code error}: the exception's simple class name). */
    public static final String ITERATION_ERRORS = "headroom_iteration_errors";
    /** Iterations cut short by the engine (counter, tag {@code cause}: graceful_stop, ramp_down or hard_stop). */
    public static final String INTERRUPTED_ITERATIONS = "headroom_interrupted_iterations";
    /** VUs whose behaviour could not be created (counter, tag {@code error}: the exception's simple class name). */
    public static final String VU_INIT_ERRORS = "headroom_vu_init_errors";
}
