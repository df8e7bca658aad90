package io.headroom.analysis.capacity;

/**
 * The Universal Scalability Law (Gunther): {@code X(N) = λN / (1 + σ(N−1) + κN(N−1))}, with
 * {@code lambda} the throughput of one user without contention (per second), {@code sigma} contention
 * (serial fraction, 0–1) and {@code kappa} coherency (crosstalk, ≥ 0). With {@code κ = 0} it is
 * Amdahl's law. Immutable.
 */
public record UslModel(double lambda, double sigma, double kappa) {
    /** Coherency below this is treated as zero: the curve never turns down in any useful range. */
    public static final double AMDAHL_KAPPA = 1e-6;

    /** Throughput per second at concurrency {@code n}. */
    public double throughput(double n) {
        return lambda * n / (1 + sigma * (n - 1) + kappa * n * (n - 1));
    }

    /** True when coherency is negligible: throughput approaches {@code λ/σ} and never falls. */
    public boolean amdahl() {
        return kappa < AMDAHL_KAPPA;
    }

    /** {@code sqrt((1−σ)/κ)}: the concurrency of highest throughput; infinite under Amdahl. */
    public double peakConcurrency() {
        return amdahl() ? Double.POSITIVE_INFINITY : Math.sqrt((1 - sigma) / kappa);
    }

    /** The highest throughput: at the peak, or Amdahl's asymptote {@code λ/σ} (infinite when σ = 0 too). */
    public double maxThroughput() {
        if (!amdahl()) return throughput(peakConcurrency());
        return sigma <= 0 ? Double.POSITIVE_INFINITY : lambda / sigma;
    }

    /**
     * The knee: where the no-contention line {@code λN} meets the ceiling {@code maxThroughput}
     * ({@code N* = X_max / λ}, the saturation point of operational analysis). Below it, users add
     * throughput almost linearly; above it, mostly queueing.
     */
    public double kneeConcurrency() {
        return maxThroughput() / lambda;
    }
}
