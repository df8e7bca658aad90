package io.headroom.demo;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The live counters behind {@link DemoStats}: {@code LongAdder}s so that counting does not serialise the
 * workers, atomics for the in-flight and queue gauges and their maxima. Thread-safe; a snapshot taken while
 * requests run is not one consistent instant, which no test needs.
 */
final class StatsRecorder {
    private final EnumMap<Route, LongAdder> requests = new EnumMap<>(Route.class);
    private final ConcurrentHashMap<Integer, LongAdder> responses = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger maxQueued = new AtomicInteger();
    private final LongAdder injectedErrors = new LongAdder();
    private final LongAdder injectedSpikes = new LongAdder();
    private final LongAdder stalledRequests = new LongAdder();

    StatsRecorder() {
        // Filled once here and only read afterwards, so the EnumMap needs no synchronisation.
        for (Route route : Route.values()) requests.put(route, new LongAdder());
    }

    void arrived(Route route) {
        if (!route.admin()) requests.get(route).increment();
    }

    void responded(Route route, int status) {
        if (!route.admin()) responses.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    void enteredQueue() {
        maxQueued.accumulateAndGet(queued.incrementAndGet(), Math::max);
    }

    /** The request got a worker: it leaves the queue and is in flight. */
    void startedService() {
        queued.decrementAndGet();
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    }

    /** The request gave up waiting for a worker (the server is closing). */
    void leftQueue() {
        queued.decrementAndGet();
    }

    void finishedService() {
        inFlight.decrementAndGet();
    }

    void injectedError() {
        injectedErrors.increment();
    }

    void injectedSpike() {
        injectedSpikes.increment();
    }

    void stalled() {
        stalledRequests.increment();
    }

    /** Zeroes the counters; the maxima restart from the current gauges. */
    void reset() {
        requests.values().forEach(LongAdder::reset);
        responses.clear();
        maxInFlight.set(inFlight.get());
        maxQueued.set(queued.get());
        injectedErrors.reset();
        injectedSpikes.reset();
        stalledRequests.reset();
    }

    DemoStats snapshot() {
        Map<String, Long> byRoute = new LinkedHashMap<>();
        requests.forEach((route, count) -> {
            if (!route.admin()) byRoute.put(route.key(), count.sum());
        });
        Map<Integer, Long> byStatus = new HashMap<>();
        responses.forEach((status, count) -> byStatus.put(status, count.sum()));
        return new DemoStats(byRoute, byStatus, inFlight.get(), maxInFlight.get(), queued.get(), maxQueued.get(),
                injectedErrors.sum(), injectedSpikes.sum(), stalledRequests.sum());
    }
}
