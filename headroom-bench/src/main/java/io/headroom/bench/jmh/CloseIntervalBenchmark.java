package io.headroom.bench.jmh;

import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.CounterSeries;
import io.headroom.core.metric.MetricRegistry;
import io.headroom.core.metric.RateSeries;
import io.headroom.core.metric.Tags;
import io.headroom.core.metric.TrendSeries;
import io.headroom.core.metric.ValueType;
import io.headroom.core.metric.SeriesStats;
import io.headroom.core.time.NanoClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
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
 * What the engine's interval tick costs the metric registry: close the interval of {@code series} request series
 * (each with the eight HTTP trends, three counters and a rate, and {@code samplesPerInterval} requests recorded in
 * the interval, spread over 0.1–26 ms on the timed phases, 0 on blocked/connecting/TLS as on a keep-alive
 * connection), then read what the progress line reads (requests per second and p95 of the last interval, failures
 * so far). The samples are recorded before each op, outside the timing. Run: {@code java -cp headroom-bench.jar
 * org.openjdk.jmh.Main CloseIntervalBenchmark -wi 3 -i 5 -f 1}.
 *
 * <p>Measured 2026-11-22, JDK 25, this 2-core VM: 31.6 ms per close with HdrHistogram {@code Recorder}s (reading a
 * {@code ConcurrentHistogram} takes a lock per bucket, and adding it into a packed cumulative histogram goes value by
 * value), 1.3 ms with drained bucket counts and plain cumulative histograms.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CloseIntervalBenchmark {
    private static final String[] TIMED = {BuiltinMetrics.HTTP_REQ_DURATION, BuiltinMetrics.HTTP_REQ_SERVICE_DURATION,
            BuiltinMetrics.HTTP_REQ_SENDING, BuiltinMetrics.HTTP_REQ_WAITING, BuiltinMetrics.HTTP_REQ_RECEIVING};
    private static final String[] ZERO = {BuiltinMetrics.HTTP_REQ_BLOCKED, BuiltinMetrics.HTTP_REQ_CONNECTING,
            BuiltinMetrics.HTTP_REQ_TLS_HANDSHAKING};

    @Param({"10"})
    public int series;

    @Param({"1000"})
    public int samplesPerInterval;

    private MetricRegistry registry;
    private final List<TrendSeries> timed = new ArrayList<>();
    private final List<TrendSeries> zero = new ArrayList<>();
    private final List<CounterSeries> counters = new ArrayList<>();
    private final List<RateSeries> rates = new ArrayList<>();
    private final Tags selector = Tags.of("scenario", "bench");
    private long sample;

    @Setup(Level.Trial)
    public void setUp() {
        registry = new MetricRegistry(NanoClock.system());
        for (int i = 0; i < series; i++) {
            Tags tags = Tags.of("scenario", "bench", "name", "/products/" + i, "method", "GET", "status", "200");
            for (String metric : TIMED) timed.add(registry.trend(metric, ValueType.TIME, tags));
            for (String metric : ZERO) zero.add(registry.trend(metric, ValueType.TIME, tags));
            counters.add(registry.counter(BuiltinMetrics.HTTP_REQS, ValueType.DEFAULT, tags));
            counters.add(registry.counter(BuiltinMetrics.DATA_SENT, ValueType.DATA, tags));
            counters.add(registry.counter(BuiltinMetrics.DATA_RECEIVED, ValueType.DATA, tags));
            rates.add(registry.rate(BuiltinMetrics.HTTP_REQ_FAILED, tags));
        }
        registry.markRunStart();
    }

    @Setup(Level.Invocation)
    public void recordOneInterval() {
        for (int n = 0; n < samplesPerInterval; n++) {
            sample = (sample + 104_729) & 0x1FF_FFFF;
            for (TrendSeries t : timed) t.recordNanos(100_000 + sample);
            for (TrendSeries t : zero) t.recordNanos(0);
            for (CounterSeries c : counters) c.add(1);
            for (RateSeries r : rates) r.add(false);
        }
    }

    @Benchmark
    public double closeIntervalAndReadProgress() {
        registry.closeInterval();
        double rps = registry.aggregateLastInterval(BuiltinMetrics.HTTP_REQS, selector)
                .map(st -> ((SeriesStats.CounterStats) st).ratePerSecond()).orElse(0.0);
        Optional<SeriesStats> p95 = registry.aggregateLastInterval(BuiltinMetrics.HTTP_REQ_DURATION, selector);
        long failed = registry.aggregate(BuiltinMetrics.HTTP_REQ_FAILED, selector)
                .map(st -> ((SeriesStats.RateStats) st).passes()).orElse(0L);
        return rps + failed + ((SeriesStats.TrendStats) p95.orElseThrow()).percentile(95);
    }
}
