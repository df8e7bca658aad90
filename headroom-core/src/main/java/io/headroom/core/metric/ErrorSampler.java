package io.headroom.core.metric;

import io.headroom.core.time.NanoClock;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The first message of each error code and how often the code occurred, for {@link MetricRegistry#errorSample}.
 * Bounded: at most {@link MetricRegistry#MAX_ERROR_CODES} codes, messages cut at
 * {@link MetricRegistry#MAX_ERROR_MESSAGE_CHARS}. Recording is thread-safe and lock-free; after a code's first
 * occurrence it is a map lookup and a {@link LongAdder} add, with no allocation.
 */
final class ErrorSampler {
    /** The first message per error code; bounded by {@link MetricRegistry#MAX_ERROR_CODES}, so odd codes cannot grow it forever. */
    private final ConcurrentHashMap<String, ErrorCell> cells = new ConcurrentHashMap<>();
    private final NanoClock clock;
    /** The run start for first-seen offsets, read by VU threads without taking the registry's lock. */
    private volatile long epochNanos;

    ErrorSampler(NanoClock clock, long epochNanos) {
        this.clock = clock;
        this.epochNanos = epochNanos;
    }

    /** First-seen offsets count from {@code epochNanos} (a {@link NanoClock} reading) from now on. */
    void restart(long epochNanos) {
        this.epochNanos = epochNanos;
    }

    /** Counts one occurrence of {@code errorCode} (null: ignored), keeping {@code message} if it is the code's first. */
    void record(String errorCode, String message) {
        if (errorCode == null) return;
        ErrorCell cell = cells.get(errorCode);
        if (cell == null) {
            if (cells.size() >= MetricRegistry.MAX_ERROR_CODES) return;
            long offsetMillis = Math.max(0, (clock.nanoTime() - epochNanos) / 1_000_000);
            cell = cells.computeIfAbsent(errorCode, code -> new ErrorCell(truncate(message), offsetMillis));
        }
        cell.count.increment();
    }

    /** The samples so far, ordered by code; empty when nothing failed. */
    List<ErrorSample> samples() {
        List<ErrorSample> out = new ArrayList<>(cells.size());
        cells.forEach((code, cell) -> out.add(new ErrorSample(code, cell.message(), cell.count().sum(), cell.firstSeenOffsetMillis())));
        out.sort(Comparator.comparing(ErrorSample::code));
        return out;
    }

    private static String truncate(String message) {
        if (message == null) return "";
        int max = MetricRegistry.MAX_ERROR_MESSAGE_CHARS;
        return message.length() <= max ? message : message.substring(0, max) + "…";
    }

    /** The first message of one error code and its count so far. */
    private record ErrorCell(String message, long firstSeenOffsetMillis, LongAdder count) {
        ErrorCell(String message, long firstSeenOffsetMillis) {
            this(message, firstSeenOffsetMillis, new LongAdder());
        }
    }
}
