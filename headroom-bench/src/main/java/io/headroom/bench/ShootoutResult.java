package io.headroom.bench;

import org.HdrHistogram.Histogram;

/**
 * What one shoot-out run measured. {@code latencyMicros} holds every request's service time in microseconds
 * (closed loop: no coordinated-omission correction, same as wrk). {@code errors} are failed exchanges,
 * {@code non2xx} responses with another status; {@code firstError} describes the first failure or null.
 * {@code jvmCpuNanos} is the JVM's own CPU time for the whole process up to the end of the run;
 * {@code steadyRequests} and {@code steadyCpuNanos} count the requests and the process CPU time after the first
 * quarter of the run, when start-up and most JIT compilation are over.
 */
public record ShootoutResult(String transport, String detail, long requests, long errors, long non2xx,
                             long elapsedNanos, Histogram latencyMicros, String firstError, long jvmCpuNanos,
                             long steadyRequests, long steadyCpuNanos) {

    /** Requests per second of JVM CPU time after start-up; 0 when the run ended before its first quarter did. */
    public double steadyRequestsPerCpuSecond() {
        return steadyCpuNanos <= 0 ? 0 : steadyRequests / (steadyCpuNanos / 1e9);
    }

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
