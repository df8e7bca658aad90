package io.headroom.script;

import io.headroom.core.engine.VuContext;
import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.CounterSeries;
import io.headroom.core.metric.GaugeSeries;
import io.headroom.core.metric.RateSeries;
import io.headroom.core.metric.Tags;
import io.headroom.core.metric.TrendSeries;
import io.headroom.core.metric.ValueType;
import io.headroom.grpc.GrpcCallRecorder;
import io.headroom.grpc.GrpcChannels;
import io.headroom.http.HttpSession;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One virtual user as a scenario sees it: its HTTP client, checks, think time, data rows, groups,
 * variables and custom metrics. One instance per VU, used only from that VU's thread; not thread-safe,
 * by design. Metric series are resolved on first use and cached in this VU, so repeated calls do not
 * allocate tags.
 */
public final class Vu {
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    
    private final VuState state;
    private final Http http;
    private Ws ws;
    private final Map<String, Object> vars = new HashMap<>();
    private final Map<String, DataRow> iterationRows = new HashMap<>();
    private final Map<String, DataRow> claimedRows = new HashMap<>();
    /** By group, then by check name: two lookups that allocate nothing, once a check has been seen. */
    private final Map<String, Map<String, RateSeries>> checkSeries = new HashMap<>();
    private final Map<MetricKey, Object> customSeries = new HashMap<>();
    /** group_duration by group path: one lookup that allocates nothing, once a group has run. */
    private final Map<String, TrendSeries> groupDurations = new HashMap<>();

    /** The gRPC recorder and this VU's own channels by spec; created on first use (most plans make no gRPC call). */
    private GrpcCallRecorder grpcRecorder;
    private Map<GrpcChannels.ChannelSpec, io.grpc.ManagedChannel> grpcChannels;
    /** The same channels with the recorder in front, so a call wraps nothing. */
    private Map<GrpcChannels.ChannelSpec, io.grpc.Channel> grpcTimedChannels;

    /** The longest a VU waits for a new gRPC channel to connect before its first call (which then waits on its own). */
    private static final Duration GRPC_CONNECT_WAIT = Duration.ofSeconds(10);

    private record MetricKey(char kind, String name, String group) {}

    /** A VU over the engine's context; {@code session} is this VU's own and is closed by the caller. */
    public Vu(VuContext context, VuSettings settings, HttpSession session) {
        this.state = new VuState(Objects.requireNonNull(context, "context"), Objects.requireNonNull(settings, "settings"),
                Objects.requireNonNull(session, "session"));
        this.http = new Http(state);
    }

    /**
     * Starts a new iteration: forgets the last iteration's data rows and group, and marks the next request
     * as the iteration's first (timed from the intended start under an open-model executor).
     */
    public void beginIteration(VuContext current) {
        state.context = current;
        iterationRows.clear();
        if (!state.group.isEmpty()) {
            state.group = "";
            state.groupTags = current.tags();
        }
        state.firstRequestPending = true;
    }

    /** This VU's HTTP client (cookies and keep-alive connections are this VU's own). */
    public Http http() {
        return http;
    }

    /**
     * This VU's WebSocket client: {@code vu.ws().connect("ws://host/path", session -> ...)}. Created on first use, over
     * the process's shared WebSocket event loop.
     */
    public Ws ws() {
        Ws w = ws;
        if (w == null) ws = w = new Ws(state, io.headroom.ws.WsClient.shared());
        return w;
    }

    /**
     * {@code channel} with this VU's gRPC metrics in front: every call made through the returned channel, with the
     * user's own generated stubs ({@code InventoryGrpc.newBlockingStub(vu.grpc(channel))}), is recorded in
     * {@code grpc_req_duration}, {@code grpc_req_failed} and, for streams, {@code grpc_streams},
     * {@code grpc_streams_msgs_sent} and {@code grpc_streams_msgs_received}, tagged with this VU's scenario and group,
     * {@code method}, {@code name} ({@link GrpcCallRecorder#NAME} as a call option names a call) and {@code status}.
     * The channel stays the caller's (shared or not, closed by the caller). Cheap: wrap once and keep the result.
     */
    public io.grpc.Channel grpc(io.grpc.Channel channel) {
        return grpcRecorder().wrap(Objects.requireNonNull(channel, "channel"));
    }

    /**
     * This VU's own timed channel for {@code spec} (a plan's {@code grpc} step), opened and connected on first use (up
     * to 10 s, not timed as a call) and closed when the VU ends: one connection per VU and target, as HTTP keeps one
     * per VU and host.
     */
    public io.grpc.Channel grpcChannel(GrpcChannels.ChannelSpec spec) {
        if (grpcChannels == null) {
            grpcChannels = new HashMap<>();
            grpcTimedChannels = new HashMap<>();
        }
        io.grpc.Channel timed = grpcTimedChannels.get(spec);
        if (timed == null) {
            io.grpc.ManagedChannel channel = GrpcChannels.open(spec);
            grpcChannels.put(spec, channel);
            // Connected before the first call, which is then timed without the connection (as k6's client.connect).
            try {
                GrpcChannels.awaitReady(channel, GRPC_CONNECT_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IterationInterruptedException();
            }
            timed = grpcRecorder().wrap(channel);
            grpcTimedChannels.put(spec, timed);
        }
        return timed;
    }

    private GrpcCallRecorder grpcRecorder() {
        if (grpcRecorder == null) {
            // The iteration's first call of an open-model executor is timed from the intended start, as HTTP's first request.
            grpcRecorder = new GrpcCallRecorder(state.context.metrics(), () -> state.groupTags, state.context.clock(),
                    state::takeFirstRequestQueueNanos);
        }
        return grpcRecorder;
    }

    /** Closes what this VU opened beside its HTTP session (its gRPC channels); called once when the VU ends. */
    void closeResources() {
        if (grpcChannels == null) return;
        for (io.grpc.ManagedChannel c : grpcChannels.values()) GrpcChannels.close(c);
        grpcChannels.clear();
        grpcTimedChannels.clear();
    }

    /**
     * Evaluates a check and records it in the rate metric {@code checks{check:name,group:...}}. A condition
     * that throws counts as failed: checks never end the iteration.
     */
    public <T> boolean check(T value, String name, Predicate<? super T> condition) {
        boolean passed;
        try {
            passed = condition.test(value);
        } catch (RuntimeException e) {
            passed = false;
        }
        return check(name, passed);
    }

    /** Records an already-evaluated check. */
    public boolean check(String name, boolean passed) {
        Map<String, RateSeries> byName = checkSeries.get(state.group);
        if (byName == null) {
            byName = new HashMap<>();
            checkSeries.put(state.group, byName);
        }
        RateSeries series = byName.get(name);
        if (series == null) {
            series = state.context.metrics().rate(BuiltinMetrics.CHECKS, state.groupTags.with("check", name));
            byName.put(name, series);
        }
        series.add(passed);
        return passed;
    }

    /**
     * Pauses for {@code duration}; returns early when the run is stopped hard.
     *
     * @throws IterationInterruptedException when the VU's thread is interrupted (the interrupt flag is kept)
     */
    public void think(Duration duration) {
        if (duration.isNegative() || duration.isZero()) return;
        try {
            state.context.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IterationInterruptedException();
        }
    }

    /** Pauses for a uniformly random time between {@code min} and {@code max}, both inclusive. */
    public void think(Duration min, Duration max) {
        long low = min.toNanos();
        long high = max.toNanos();
        if (high < low) throw new IllegalArgumentException("think: max " + max + " is below min " + min);
        think(Duration.ofNanos(low == high ? low : ThreadLocalRandom.current().nextLong(low, high + 1)));
    }

    /**
     * The row of data source {@code source} for this iteration: the same row for every call within one
     * iteration, the next one (by the source's strategy) in the next iteration; under {@code unique}, the
     * row this VU claimed, for its whole life.
     *
     * @throws IllegalArgumentException when there is no such source
     * @throws IllegalStateException when a {@code unique} source has no row left for this VU
     */
    public DataRow data(String source) {
        DataRow row = iterationRows.get(source);
        if (row != null) return row;
        DataSource ds = state.settings.data().get(source);
        if (ds == null) {
            throw new IllegalArgumentException("no data source '" + source + "'; the sources are "
                    + (state.settings.data().isEmpty() ? "none" : String.join(", ", new java.util.TreeSet<>(state.settings.data().keySet()))));
        }
        if (ds.strategy() == DataStrategy.UNIQUE) {
            row = claimedRows.get(source);
            if (row == null) {
                row = ds.claimUnique();
                claimedRows.put(source, row);
            }
        } else {
            row = ds.nextShared();
        }
        iterationRows.put(source, row);
        return row;
    }

    /**
     * A body whose samples carry the tag {@code group:::outer::name} (k6's nesting); the group ends when the body
     * returns or throws. Its time goes into the trend {@code group_duration{group:::outer::name}}, as in k6.
     */
    public void group(String name, Block body) throws Exception {
        String outer = enterGroup(name);
        long startNanos = state.context.clock().nanoTime();
        try {
            body.run();
        } finally {
            leaveGroup(outer, startNanos);
        }
    }

    /** Like {@link #group(String, Block)}, returning the body's value. */
    public <T> T group(String name, Callable<T> body) throws Exception {
        String outer = enterGroup(name);
        long startNanos = state.context.clock().nanoTime();
        try {
            return body.call();
        } finally {
            leaveGroup(outer, startNanos);
        }
    }

    private String enterGroup(String name) {
        if (name == null || name.isEmpty() || name.contains("::")) {
            throw new IllegalArgumentException("a group name must be non-empty and must not contain '::': " + name);
        }
        String outer = state.group;
        state.group = outer + "::" + name;
        state.groupTags = state.context.tags().with("group", state.group);
        return outer;
    }

    private void leaveGroup(String outer, long startNanos) {
        // k6 pushes group_duration with the group's own tags, before they are restored to the outer group's
        TrendSeries duration = groupDurations.get(state.group);
        if (duration == null) {
            duration = state.context.metrics().trend(BuiltinMetrics.GROUP_DURATION, ValueType.TIME, state.groupTags);
            groupDurations.put(state.group, duration);
        }
        duration.recordNanos(state.context.clock().nanoTime() - startNanos);
        state.group = outer;
        state.groupTags = outer.isEmpty() ? state.context.tags() : state.context.tags().with("group", outer);
    }

    /** The current group path ({@code ::checkout::pay}), empty outside any group. */
    public String group() {
        return state.group;
    }

    /** This VU's own variables; they live as long as the VU, across iterations. */
    public Map<String, Object> vars() {
        return vars;
    }

    /** 1-based id of this VU, unique across the run (k6's {@code __VU}). */
    public int id() {
        return state.context.vuId();
    }

    /** 0-based number of this VU's current iteration (k6's {@code __ITER}). */
    public long iteration() {
        return state.context.iteration();
    }

    public String scenario() {
        return state.context.scenario();
    }

    /** True once the scenario is winding down: an iteration should finish soon. */
    public boolean stopping() {
        return state.context.stopping();
    }

    /** The engine's view of this VU. */
    public VuContext context() {
        return state.context;
    }

    /** The tags of samples recorded now: the scenario's tags, plus {@code group} inside a group. */
    public Tags tags() {
        return state.groupTags;
    }

    /** A custom counter, e.g. {@code vu.counter("orders_placed").add(1)}; tagged with scenario and group. */
    public CounterSeries counter(String name) {
        return (CounterSeries) custom('c', name);
    }

    /** A custom rate: the fraction of {@code add(true)} among all samples. */
    public RateSeries rate(String name) {
        return (RateSeries) custom('r', name);
    }

    /** A custom trend of plain numbers. */
    public TrendSeries trend(String name) {
        return (TrendSeries) custom('n', name);
    }

    /** A custom trend; with {@code time} its values are milliseconds and print as durations. */
    public TrendSeries trend(String name, boolean time) {
        return (TrendSeries) custom(time ? 't' : 'n', name);
    }

    /** A custom gauge: the last value set. */
    public GaugeSeries gauge(String name) {
        return (GaugeSeries) custom('g', name);
    }

    private Object custom(char kind, String name) {
        MetricKey key = new MetricKey(kind, name, state.group);
        Object series = customSeries.get(key);
        if (series == null) {
            if (name == null || !METRIC_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("metric names are letters, digits and '_', not starting with a digit: " + name);
            }
            series = switch (kind) {
                case 'c' -> state.context.metrics().counter(name, ValueType.DEFAULT, state.groupTags);
                case 'r' -> state.context.metrics().rate(name, state.groupTags);
                case 'n' -> state.context.metrics().trend(name, ValueType.DEFAULT, state.groupTags);
                case 't' -> state.context.metrics().trend(name, ValueType.TIME, state.groupTags);
                default -> state.context.metrics().gauge(name, ValueType.DEFAULT, state.groupTags);
            };
            customSeries.put(key, series);
        }
        return series;
    }

    /** A block of scenario code that may throw, for {@link #group(String, Block)}. */
    @FunctionalInterface
    public interface Block {
        void run() throws Exception;
    }
}
