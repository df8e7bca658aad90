package io.headroom.analysis.capacity;

/**
 * Inputs of a capacity analysis beyond the run: the SLO (nullable), monthly growth (0.15 = 15 %), months
 * to project, the peak factor over average traffic, the target utilisation of each instance (0.7), and
 * today's traffic per second (null: the run's mean throughput). Immutable.
 */
public record CapacityOptions(Slo slo, double growthPerMonth, int months, double peakFactor, double targetUtilization,
                              Double currentPerSecond) {
    public CapacityOptions {
        if (!(growthPerMonth >= -0.99)) throw new IllegalArgumentException("growth must be > −99 % a month");
        if (months < 0 || months > 120) throw new IllegalArgumentException("months must be 0..120, got " + months);
        if (!(peakFactor >= 1)) throw new IllegalArgumentException("peak factor must be at least 1, got " + peakFactor);
        if (!(targetUtilization > 0 && targetUtilization <= 1)) {
            throw new IllegalArgumentException("target utilisation must be in (0 %, 100 %], got " + targetUtilization);
        }
        if (currentPerSecond != null && !(currentPerSecond > 0)) throw new IllegalArgumentException("current traffic must be > 0");
    }

    /** No SLO, no growth, 12 months, peak factor 1, 70 % target utilisation, current = the run's mean throughput. */
    public static CapacityOptions defaults() {
        return new CapacityOptions(null, 0, 12, 1, 0.7, null);
    }
}
