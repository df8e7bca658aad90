package io.headroom.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.CounterSeries;
import io.headroom.core.metric.Metrics;
import io.headroom.core.metric.RateSeries;
import io.headroom.core.metric.Tags;
import io.headroom.core.metric.TrendSeries;
import io.headroom.core.metric.ValueType;
import io.headroom.core.time.NanoClock;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * A {@link ClientInterceptor} that records every call made through it under k6's gRPC metric names: a unary
 * call's time in {@code grpc_req_duration}, every call's outcome in {@code grpc_req_failed} (status other than
 * OK), and for streaming calls {@code grpc_streams}, {@code grpc_streams_msgs_sent} and
 * {@code grpc_streams_msgs_received}. Tags: the sampling context's tags (scenario, group), {@code method}
 * ({@code package.Service/Method}), {@code name} (the method unless a call sets {@link #NAME}) and, on the
 * duration and the failure rate, {@code status} (the code's name: {@code OK}, {@code NOT_FOUND}, ...).
 *
 * <p>Works with any stub (blocking, future, async) since it sits on the channel. Thread-safe: callbacks of
 * async stubs arrive on gRPC's threads; series are resolved once per (tags, method, name, status) and cached.
 */
public final class GrpcCallRecorder implements ClientInterceptor {
    /** A call option naming the call in the {@code name} tag, e.g. {@code stub.withOption(NAME, "stock")}. */
    public static final CallOptions.Key<String> NAME = CallOptions.Key.create("headroom.grpc.name");

    private static final Status.Code[] CODES = Status.Code.values();

    private final Metrics metrics;
    private final Supplier<Tags> tags;
    private final NanoClock clock;
    private final java.util.function.LongSupplier queuedNanos;
    private final ConcurrentHashMap<Key, CallSeries> series = new ConcurrentHashMap<>();
    /** The last call's series: a VU calls the same method with the same tags again and again, so most calls end here. */
    private volatile Last last;

    private record Key(Tags tags, String method, String name) {}

    private record Last(Tags tags, String method, String name, CallSeries series) {}

    /**
     * @param metrics where samples go
     * @param tags the tags of samples recorded now (read when a call starts; e.g. the VU's scenario and group)
     * @param clock the run's clock
     */
    public GrpcCallRecorder(Metrics metrics, Supplier<Tags> tags, NanoClock clock) {
        this(metrics, tags, clock, () -> 0);
    }

    /**
     * As {@link #GrpcCallRecorder(Metrics, Supplier, NanoClock)}, with {@code queuedNanos} asked when each call
     * starts: the time the call already waited that its duration includes (an open-model executor's late start of
     * the iteration for its first call, as HTTP's coordinated-omission correction; 0 otherwise).
     */
    public GrpcCallRecorder(Metrics metrics, Supplier<Tags> tags, NanoClock clock, java.util.function.LongSupplier queuedNanos) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.tags = Objects.requireNonNull(tags, "tags");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.queuedNanos = Objects.requireNonNull(queuedNanos, "queuedNanos");
    }

    /** {@code channel} with this recorder in front of it. */
    public Channel wrap(Channel channel) {
        return io.grpc.ClientInterceptors.intercept(channel, this);
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        String full = method.getFullMethodName();
        String option = options.getOption(NAME);
        String name = option == null ? full : option;
        Tags now = tags.get();
        Last l = last;
        CallSeries s;
        if (l != null && l.tags == now && l.method == full && l.name.equals(name)) {
            s = l.series;
        } else {
            s = series.computeIfAbsent(new Key(now, full, name), CallSeries::new);
            last = new Last(now, full, name, s);
        }
        boolean streaming = method.getType() != MethodDescriptor.MethodType.UNARY;
        return new TimedCall<>(next.newCall(method, options), s, streaming, queuedNanos.getAsLong());
    }

    /** The series of one (tags, method, name): counters at once, duration and failure per status on first use. */
    private final class CallSeries {
        final Tags base;
        final AtomicReferenceArray<TrendSeries> durations = new AtomicReferenceArray<>(CODES.length);
        final AtomicReferenceArray<RateSeries> failures = new AtomicReferenceArray<>(CODES.length);
        volatile CounterSeries streams;
        volatile CounterSeries sent;
        volatile CounterSeries received;

        CallSeries(Key key) {
            this.base = key.tags().with("method", key.method()).with("name", key.name());
        }

        TrendSeries duration(Status.Code code) {
            TrendSeries t = durations.get(code.ordinal());
            if (t == null) {
                t = metrics.trend(BuiltinMetrics.GRPC_REQ_DURATION, ValueType.TIME, base.with("status", code.name()));
                durations.set(code.ordinal(), t);
            }
            return t;
        }

        RateSeries failed(Status.Code code) {
            RateSeries r = failures.get(code.ordinal());
            if (r == null) {
                r = metrics.rate(BuiltinMetrics.GRPC_REQ_FAILED, base.with("status", code.name()));
                failures.set(code.ordinal(), r);
            }
            return r;
        }

        void streamOpened() {
            if (streams == null) {
                // The counters the call's callbacks use first, the flag last: a call that sees streams set sees them all.
                sent = metrics.counter(BuiltinMetrics.GRPC_STREAMS_MSGS_SENT, ValueType.DEFAULT, base);
                received = metrics.counter(BuiltinMetrics.GRPC_STREAMS_MSGS_RECEIVED, ValueType.DEFAULT, base);
                streams = metrics.counter(BuiltinMetrics.GRPC_STREAMS, ValueType.DEFAULT, base);
            }
            streams.add(1);
        }
    }

    private final class TimedCall<Q, R> extends ForwardingClientCall.SimpleForwardingClientCall<Q, R> {
        private final CallSeries s;
        private final boolean streaming;
        private final long queued;
        private long startNanos;

        TimedCall(ClientCall<Q, R> delegate, CallSeries s, boolean streaming, long queued) {
            super(delegate);
            this.s = s;
            this.streaming = streaming;
            this.queued = queued;
        }

        @Override
        public void start(Listener<R> listener, Metadata headers) {
            if (streaming) s.streamOpened();
            startNanos = clock.nanoTime();
            super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                @Override
                public void onMessage(R message) {
                    if (streaming) s.received.add(1);
                    super.onMessage(message);
                }

                @Override
                public void onClose(Status status, Metadata trailers) {
                    Status.Code code = status.getCode();
                    if (!streaming) s.duration(code).recordNanos(clock.nanoTime() - startNanos + queued);
                    s.failed(code).add(code != Status.Code.OK);
                    super.onClose(status, trailers);
                }
            }, headers);
        }

        @Override
        public void sendMessage(Q message) {
            if (streaming) s.sent.add(1);
            super.sendMessage(message);
        }
    }
}
