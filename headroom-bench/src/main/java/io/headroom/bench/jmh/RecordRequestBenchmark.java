package io.headroom.bench.jmh;

import io.headroom.core.engine.VuContext;
import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.MetricRegistry;
import io.headroom.core.metric.Metrics;
import io.headroom.core.metric.Tags;
import io.headroom.core.metric.TrendSeries;
import io.headroom.core.metric.ValueType;
import io.headroom.core.time.NanoClock;
import io.headroom.http.HttpHeader;
import io.headroom.http.HttpRequest;
import io.headroom.http.HttpResponse;
import io.headroom.http.HttpSession;
import io.headroom.http.HttpTimings;
import io.headroom.script.Response;
import io.headroom.script.Vu;
import io.headroom.script.VuSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What recording one HTTP request costs Headroom's own code, with the network taken out: a VU's
 * {@code http().get(...)} over a session that hands back one prepared 200 response, so the time and
 * {@code -prof gc}'s {@code gc.alloc.rate.norm} per op are the script layer (URL, request, series lookup,
 * {@link Response}) plus the metric registry (eight trends, three counters, one rate per request), and a
 * check. {@code trendRecordNanos} isolates one trend sample, the unit the request pays eight times. The
 * interval thread closes intervals only in {@code closeInterval}, which measures one close of a registry
 * holding {@code series} request series, each with samples. Run: {@code java -cp headroom-bench.jar
 * org.openjdk.jmh.Main RecordRequestBenchmark -wi 3 -i 5 -f 1 -prof gc}.
 *
 * <p>Measured 2026-11-22, JDK 25, this 2-core VM (the op includes one {@code System.nanoTime()} for the iteration's
 * intended start, as the engine's scheduler reads the clock too): {@code getAndCheck} 319 ns and 88 B (HdrHistogram
 * {@code Recorder}s, a clock read and a new {@code HttpRequest} per request) down to 113 ns and 48 B closed-model,
 * 137 ns open-model (whose first request still reads the clock for the correction); {@code trendRecordNanos} 26.7
 * down to 5.6 ns.
 *
 * <p>{@code traceContext=true} (2026-12-03): 232 B per op against 48 B (the traceparent String, its header, a
 * one-element list and a new {@code HttpRequest}); its time on a loaded machine is measured in CPU time by
 * {@link io.headroom.bench.TraceContextCpuCost}, +42 ns (1.19×).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RecordRequestBenchmark {
    /** Open model: the iteration's first request is timed from the intended start (one more clock read today). */
    @Param({"false", "true"})
    public boolean openModel;

    /** {@code http.traceContext}: every request gets a new traceparent and offers its trace id to the exemplars. */
    @Param({"false", "true"})
    public boolean traceContext;

    private BenchVuContext context;
    private Vu vu;
    private TrendSeries trend;
    private long sample;

    @Setup(Level.Trial)
    public void setUp() {
        URI url = URI.create("http://127.0.0.1:9/products/1");
        HttpResponse ok = new HttpResponse(url, 200, List.of(new HttpHeader("Content-Length", "2")), "{}".getBytes(),
                new HttpTimings(0, 0, 0, 10_000, 300_000, 5_000), null, 60, 80, List.of());
        MetricRegistry metrics = new MetricRegistry(NanoClock.system());
        context = new BenchVuContext(metrics, openModel);
        VuSettings settings = VuSettings.DEFAULTS.withBaseUrl("http://127.0.0.1:9")
                .withHttp(io.headroom.script.HttpDefaults.DEFAULTS.withTraceContext(traceContext));
        vu = new Vu(context, settings, new PreparedSession(ok));
        trend = metrics.trend(BuiltinMetrics.HTTP_REQ_WAITING, ValueType.TIME, Tags.of("name", "bench"));
    }

    /** One iteration of a one-request scenario: begin, GET, check the status. */
    @Benchmark
    public boolean getAndCheck() {
        vu.beginIteration(context.next());
        Response r = vu.http().get("/products/1");
        return vu.check("ok", r.status() == 200);
    }

    /** One time-trend sample: values spread over 0.1–26 ms so the histogram is not one hot counter. */
    @Benchmark
    public void trendRecordNanos() {
        sample = (sample + 104_729) & 0x1FF_FFFF;
        trend.recordNanos(100_000 + sample);
    }

    /**
     * Hands back the same response for every request; the wire is not what this benchmark measures. Not inlined,
     * as a real transport's send is not, so that the request escapes and its allocation counts as in a run.
     */
    private static final class PreparedSession implements HttpSession {
        private final HttpResponse response;

        PreparedSession(HttpResponse response) {
            this.response = response;
        }

        @Override
        @CompilerControl(CompilerControl.Mode.DONT_INLINE)
        public HttpResponse send(HttpRequest request) {
            return response;
        }

        @Override
        public void close() {}
    }

    /** A VU's context with the engine taken out: iterations are intended to start now. */
    static final class BenchVuContext implements VuContext {
        private final Metrics metrics;
        private final boolean openModel;
        private final Tags tags = Tags.of("scenario", "bench");
        private long iteration;
        private long intendedStartNanos;

        BenchVuContext(Metrics metrics, boolean openModel) {
            this.metrics = metrics;
            this.openModel = openModel;
        }

        BenchVuContext next() {
            iteration++;
            intendedStartNanos = System.nanoTime();
            return this;
        }

        @Override public int vuId() { return 1; }
        @Override public int vuIdInScenario() { return 1; }
        @Override public String scenario() { return "bench"; }
        @Override public long iteration() { return iteration; }
        @Override public long iterationInScenario() { return iteration; }
        @Override public long intendedStartNanos() { return intendedStartNanos; }
        @Override public boolean openModel() { return openModel; }
        @Override public NanoClock clock() { return NanoClock.system(); }
        @Override public Metrics metrics() { return metrics; }
        @Override public Tags tags() { return tags; }
        @Override public boolean stopping() { return false; }
        @Override public void sleep(Duration duration) {}
    }
}
