package io.headroom.analysis.capacity;

/** One measured load: concurrency (active users or requests in flight) and throughput per second. */
public record LoadPoint(double concurrency, double throughputPerSecond) {}
