package io.headroom.core.metric;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A metric's name, kind and value type. The built-in metrics ({@link BuiltinMetrics}) have fixed definitions,
 * as in k6; custom ones are defined by their first use. Immutable.
 */
public record MetricDefinition(String name, MetricKind kind, ValueType valueType, boolean builtin) {
    /** k6's rule for metric names. */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]{0,127}");
    private static final Map<String, MetricDefinition> BUILTINS = builtinDefinitions();

    public MetricDefinition {
        requireValidName(name);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(valueType, "valueType");
    }

    /** The definition of a built-in metric, or empty for any other name. */
    public static Optional<MetricDefinition> builtin(String name) {
        return Optional.ofNullable(BUILTINS.get(name));
    }

    /** Every built-in metric, in a stable order. */
    public static Collection<MetricDefinition> builtins() {
        return BUILTINS.values();
    }

    /** True for names matching {@code [a-zA-Z_][a-zA-Z0-9_]*}, at most 128 characters (k6's rule). */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** Throws {@link IllegalArgumentException} with a message for users when {@code name} is not a valid metric name. */
    public static void requireValidName(String name) {
        if (!isValidName(name)) {
            throw new IllegalArgumentException("invalid metric name \"" + name
                    + "\": use letters, digits and '_', not starting with a digit, at most 128 characters");
        }
    }

    private static Map<String, MetricDefinition> builtinDefinitions() {
        Map<String, MetricDefinition> m = new LinkedHashMap<>();
        put(m, BuiltinMetrics.VUS, MetricKind.GAUGE, ValueType.DEFAULT);
        put(m, BuiltinMetrics.VUS_MAX, MetricKind.GAUGE, ValueType.DEFAULT);
        put(m, BuiltinMetrics.ITERATIONS, MetricKind.COUNTER, ValueType.DEFAULT);
        put(m, BuiltinMetrics.ITERATION_DURATION, MetricKind.TREND, ValueType.TIME);
        put(m, BuiltinMetrics.ITERATION_SERVICE_DURATION, MetricKind.TREND, ValueType.TIME);
        put(m, BuiltinMetrics.DROPPED_ITERATIONS, MetricKind.COUNTER, ValueType.DEFAULT);
        put(m, BuiltinMetrics.CHECKS, MetricKind.RATE, ValueType.DEFAULT);
        put(m, BuiltinMetrics.GROUP_DURATION, MetricKind.TREND, ValueType.TIME);
        put(m, BuiltinMetrics.DATA_SENT, MetricKind.COUNTER, ValueType.DATA);
        put(m, BuiltinMetrics.DATA_RECEIVED, MetricKind.COUNTER, ValueType.DATA);
        put(m, BuiltinMetrics.HTTP_REQS, MetricKind.COUNTER, ValueType.DEFAULT);
        put(m, BuiltinMetrics.HTTP_REQ_FAILED, MetricKind.RATE, ValueType.DEFAULT);
        put(m, BuiltinMetrics.HTTP_REQ_DURATION, MetricKind.TREND, ValueType.TIME);
        put(m, BuiltinMetrics.HTTP_REQ_SERVICE_DURATION, MetricKind.TREND, ValueType.TIME);
        put(m, BuiltinMetrics.HTTP_REQ_BLOCKED, MetricKind.TREND, ValueType.TIME);
        put(m, BuiltinMetrics.HTTP_REQ_CONNECTING, MetricKind.TREND, ValueType.TIME);
        put(m, BuiltinMetrics.HTTP_REQ_TLS_HANDSHAKING, MetricKind.TREND, ValueType.TIME);
        put(m, BuiltinMetrics.HTTP_REQ_SENDING, MetricKind.TREND, ValueType.TIME);
        put(m, BuiltinMetrics.HTTP_REQ_WAITING, MetricKind.TREND, ValueType.TIME);
        put(m, BuiltinMetrics.HTTP_REQ_RECEIVING, MetricKind.TREND, ValueType.TIME);
        put(m, BuiltinMetrics.HTTP2_CONNECTIONS, MetricKind.COUNTER, ValueType.DEFAULT);
        put(m, BuiltinMetrics.WS_CONNECTING, MetricKind.TREND, ValueType.TIME);
        put(m, BuiltinMetrics.WS_SESSION_DURATION, MetricKind.TREND, ValueType.TIME);
        put(m, BuiltinMetrics.WS_SESSIONS, MetricKind.COUNTER, ValueType.DEFAULT);
        put(m, BuiltinMetrics.WS_MSGS_SENT, MetricKind.COUNTER, ValueType.DEFAULT);
        put(m, BuiltinMetrics.WS_MSGS_RECEIVED, MetricKind.COUNTER, ValueType.DEFAULT);
        put(m, BuiltinMetrics.WS_PING, MetricKind.TREND, ValueType.TIME);
        put(m, BuiltinMetrics.WS_MSG_RTT, MetricKind.TREND, ValueType.TIME);
        put(m, BuiltinMetrics.WS_ERRORS, MetricKind.COUNTER, ValueType.DEFAULT);
        put(m, BuiltinMetrics.GRPC_REQ_DURATION, MetricKind.TREND, ValueType.TIME);
        put(m, BuiltinMetrics.GRPC_REQ_FAILED, MetricKind.RATE, ValueType.DEFAULT);
        put(m, BuiltinMetrics.GRPC_STREAMS, MetricKind.COUNTER, ValueType.DEFAULT);
        put(m, BuiltinMetrics.GRPC_STREAMS_MSGS_SENT, MetricKind.COUNTER, ValueType.DEFAULT);
        put(m, BuiltinMetrics.GRPC_STREAMS_MSGS_RECEIVED, MetricKind.COUNTER, ValueType.DEFAULT);
        put(m, BuiltinMetrics.SCHEDULE_LAG, MetricKind.TREND, ValueType.TIME);
        put(m, BuiltinMetrics.ITERATION_ERRORS, MetricKind.COUNTER, ValueType.DEFAULT);
        put(m, BuiltinMetrics.INTERRUPTED_ITERATIONS, MetricKind.COUNTER, ValueType.DEFAULT);
        put(m, BuiltinMetrics.VU_INIT_ERRORS, MetricKind.COUNTER, ValueType.DEFAULT);
        return java.util.Collections.unmodifiableMap(m);
    }

    private static void put(Map<String, MetricDefinition> m, String name, MetricKind kind, ValueType valueType) {
        m.put(name, new MetricDefinition(name, kind, valueType, true));
    }

    /**
     * Throws when this metric cannot be recorded as a {@code kind} of {@code valueType} values: a metric keeps the
     * kind and value type of its definition (or its first use), as in k6. The message names both.
     */
    void requireUsableAs(MetricKind kind, ValueType valueType) {
        if (this.kind != kind) {
            throw new IllegalArgumentException("metric \"" + name + "\" is a " + lower(this.kind)
                    + (builtin ? " (built-in)" : "") + "; it cannot be used as a " + lower(kind));
        }
        if (this.valueType != valueType) {
            throw new IllegalArgumentException("metric \"" + name + "\" holds " + lower(this.valueType)
                    + " values; it cannot be used with " + lower(valueType) + " values");
        }
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(java.util.Locale.ROOT);
    }
}
