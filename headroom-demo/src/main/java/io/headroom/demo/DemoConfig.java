package io.headroom.demo;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to start the demo shop: bind address and port (0 = ephemeral), worker pool size, the lognormal
 * service time of every {@link EndpointFamily}, the seed for the catalogue and every random draw, the
 * faults in force at start, and whether a non-loopback address is allowed (off: the demo has no
 * authentication and its {@code /admin} endpoints change its behaviour). Immutable; the withers return
 * copies. Missing families in {@code serviceTimes} get their defaults; a null host or faults get defaults.
 */
public record DemoConfig(String host, int port, int workerThreads, Map<EndpointFamily, ServiceTime> serviceTimes,
                         long seed, FaultSettings faults, boolean allowNonLoopback) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_WORKER_THREADS = 16;
    public static final long DEFAULT_SEED = 42;

    public DemoConfig {
        host = host == null || host.isBlank() ? DEFAULT_HOST : host;
        if (port < 0 || port > 65_535) throw new IllegalArgumentException("port must be 0..65535, got " + port);
        // Workers are platform threads: a thousand is already far beyond a demo's needs.
        if (workerThreads < 1 || workerThreads > 1_000) {
            throw new IllegalArgumentException("workerThreads must be 1..1000, got " + workerThreads);
        }
        EnumMap<EndpointFamily, ServiceTime> complete = new EnumMap<>(EndpointFamily.class);
        for (EndpointFamily family : EndpointFamily.values()) {
            ServiceTime given = serviceTimes == null ? null : serviceTimes.get(family);
            complete.put(family, given != null ? given : family.defaultServiceTime());
        }
        serviceTimes = Collections.unmodifiableMap(complete);
        faults = faults == null ? FaultSettings.NONE : faults;
    }

    /** Loopback, ephemeral port, 16 workers, default service times, seed 42, no faults. */
    public static DemoConfig defaults() {
        return new DemoConfig(DEFAULT_HOST, 0, DEFAULT_WORKER_THREADS, Map.of(), DEFAULT_SEED, FaultSettings.NONE, false);
    }

    public DemoConfig withHost(String newHost) {
        return new DemoConfig(newHost, port, workerThreads, serviceTimes, seed, faults, allowNonLoopback);
    }

    public DemoConfig withPort(int newPort) {
        return new DemoConfig(host, newPort, workerThreads, serviceTimes, seed, faults, allowNonLoopback);
    }

    public DemoConfig withWorkerThreads(int threads) {
        return new DemoConfig(host, port, threads, serviceTimes, seed, faults, allowNonLoopback);
    }

    public DemoConfig withServiceTime(EndpointFamily family, ServiceTime serviceTime) {
        EnumMap<EndpointFamily, ServiceTime> changed = new EnumMap<>(serviceTimes);
        changed.put(Objects.requireNonNull(family, "family"), Objects.requireNonNull(serviceTime, "serviceTime"));
        return new DemoConfig(host, port, workerThreads, changed, seed, faults, allowNonLoopback);
    }

    /** The same service time for every family ({@link ServiceTime#ZERO} makes a fast target for tests). */
    public DemoConfig withAllServiceTimes(ServiceTime serviceTime) {
        Objects.requireNonNull(serviceTime, "serviceTime");
        EnumMap<EndpointFamily, ServiceTime> changed = new EnumMap<>(EndpointFamily.class);
        for (EndpointFamily family : EndpointFamily.values()) changed.put(family, serviceTime);
        return new DemoConfig(host, port, workerThreads, changed, seed, faults, allowNonLoopback);
    }

    public DemoConfig withSeed(long newSeed) {
        return new DemoConfig(host, port, workerThreads, serviceTimes, newSeed, faults, allowNonLoopback);
    }

    public DemoConfig withFaults(FaultSettings newFaults) {
        return new DemoConfig(host, port, workerThreads, serviceTimes, seed, newFaults, allowNonLoopback);
    }

    public DemoConfig withAllowNonLoopback(boolean allow) {
        return new DemoConfig(host, port, workerThreads, serviceTimes, seed, faults, allow);
    }

    public ServiceTime serviceTime(EndpointFamily family) {
        return serviceTimes.get(family);
    }

    /**
     * The most requests per second the worker pool can complete for {@code family} alone under
     * {@code activeFaults}; see {@link DemoServer} for the formula. {@code +Infinity} when a request holds
     * its worker for no time at all (then the pool is not what limits throughput).
     */
    public double capacityRequestsPerSecond(EndpointFamily family, FaultSettings activeFaults) {
        return capacityRequestsPerSecond(Map.of(family, 1.0), activeFaults);
    }

    /**
     * The pool's capacity in requests per second for a mix of families, {@code mix} giving each family's
     * relative share of requests (weights need not sum to 1):
     * {@code workers × 1000 / Σ(wᵢ·(meanᵢ + extra)) / Σwᵢ × servingFraction}.
     */
    public double capacityRequestsPerSecond(Map<EndpointFamily, Double> mix, FaultSettings activeFaults) {
        Objects.requireNonNull(activeFaults, "activeFaults");
        double totalWeight = 0;
        double weightedMillis = 0;
        for (Map.Entry<EndpointFamily, Double> share : mix.entrySet()) {
            double weight = share.getValue();
            if (!(weight >= 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("mix weight for " + share.getKey().key() + " must be >= 0, got " + weight);
            }
            totalWeight += weight;
            weightedMillis += weight * (serviceTime(share.getKey()).meanMillis() + activeFaults.meanExtraMillis());
        }
        if (totalWeight == 0) throw new IllegalArgumentException("the mix needs at least one positive weight");
        double meanHoldMillis = weightedMillis / totalWeight;
        if (meanHoldMillis == 0) return Double.POSITIVE_INFINITY;
        return workerThreads * 1000.0 / meanHoldMillis * activeFaults.servingFraction();
    }
}
