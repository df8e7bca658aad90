/**
 * Metrics as in k6 — counters, rates, gauges and trends, each split into series by tags — recorded by virtual
 * users and read once per interval by the engine.
 *
 * <h2>Allocation</h2>
 * A series is created once, on first use of its (name, tags) pair, and callers on the hot path keep the
 * handle. Recording into a handle allocates nothing: counters are {@link java.util.concurrent.atomic.DoubleAdder}s,
 * rates two {@link java.util.concurrent.atomic.LongAdder}s, gauges atomic longs, trends counts of values × 1000
 * (microseconds for time trends) in HdrHistogram's bucket layout at 3 significant digits, one atomic add per value
 * ({@code AtomicBucketCounts}; HdrHistogram's own multi-writer {@code Recorder} costs six atomics per value, and a
 * request records eight trends). The counts are kept in 8 KB chunks created on first use, and closing an interval
 * drains them into a recycled interval histogram and adds that into a cumulative one, so the memory of a series
 * follows the spread of its values, never their number; results hold packed copies. Interval points,
 * snapshots and results are allocated once per interval or once per run. Error samples
 * ({@link io.headroom.core.metric.Metrics#errorSample}) allocate only on the first occurrence of a code (at most
 * {@link io.headroom.core.metric.MetricRegistry#MAX_ERROR_CODES} codes); later ones are a map lookup and a
 * {@link java.util.concurrent.atomic.LongAdder} add. The slowest requests per endpoint
 * ({@link io.headroom.core.metric.SlowestRequests}, for trace exemplars) allocate only when a request enters an
 * endpoint's top five; every other request reads one volatile field.
 *
 * <h2>Threading</h2>
 * Recording is thread-safe and lock-free (trend recording is wait-free) and takes no lock shared between
 * VUs; a value recorded while an interval closes lands in that interval or the next, never in neither or
 * both. {@link io.headroom.core.metric.MetricRegistry#closeInterval()} and every reading method synchronize on
 * the registry, which VUs never touch; reads see the cumulative state as of the last closed interval, so a
 * threshold evaluated at any moment sees one consistent cut of the run.
 */
package io.headroom.core.metric;
