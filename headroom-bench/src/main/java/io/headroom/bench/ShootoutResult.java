package io.headroom.bench;

import org.HdrHistogram.Histogram;

/**
 * What one shoot-out run measured. {@code latencyMicros} holds every request's service time in microseconds
 * (closed loop: no coordinated-omission correction, same as wrk). {@code errors} are failed exchanges,
 * {@code non2xx} responses with another status; {@code firstError} describes the first failure or null.
 * {@code jvmCpuNanos} is the JVM's own CPU time for the whole process up to the end of the run.
 */
public record ShootoutResult(String transport, String detail, long requests, long errors, long non2xx,
                             long elapsedNanos, Histogram latencyMicros, String firstError, long jvmCpuNanos) {

    public double elapsedSeconds() {
        return elapsedNanos / 1e9;
    }

    public double requestsPerSecond() {
        return elapsedNanos == 0 ? 0 : requests / elapsedSeconds();
    }

    public double latencyMillisAtPercentile(double percentile) {
        return latencyMicros.getTotalCount() == 0 ? 0 : latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }
}
