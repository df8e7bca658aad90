package io.headroom.demo;

/**
 * A lognormal service-time distribution in milliseconds: a draw is {@code medianMillis * exp(sigma * Z)}
 * with {@code Z} standard normal, so half the requests take less than {@code medianMillis} and the mean is
 * {@code medianMillis * exp(sigma² / 2)}. {@code sigma = 0} gives a fixed time; a zero median gives no
 * service time at all. Immutable.
 */
public record ServiceTime(double medianMillis, double sigma) {
    /** No service time: the endpoint answers as fast as the server can. */
    public static final ServiceTime ZERO = new ServiceTime(0, 0);

    /** The spread every default uses: p99 ≈ 3.2 × median, mean ≈ 1.13 × median. */
    public static final double DEFAULT_SIGMA = 0.5;

    public ServiceTime {
        if (!Double.isFinite(medianMillis) || medianMillis < 0) {
            throw new IllegalArgumentException("service time median must be a finite number of milliseconds >= 0, got "
                    + medianMillis);
        }
        // sigma above 3 puts the mean at 90x the median: no longer a "knowable" service.
        if (!Double.isFinite(sigma) || sigma < 0 || sigma > 3) {
            throw new IllegalArgumentException("service time sigma must be between 0 and 3, got " + sigma);
        }
    }

    /** A fixed service time, the same for every request. */
    public static ServiceTime fixedMillis(double millis) {
        return new ServiceTime(millis, 0);
    }

    /** A lognormal service time with the default spread {@value #DEFAULT_SIGMA}. */
    public static ServiceTime lognormalMillis(double medianMillis) {
        return new ServiceTime(medianMillis, DEFAULT_SIGMA);
    }

    /** The mean of the distribution in milliseconds: {@code medianMillis * exp(sigma² / 2)}. */
    public double meanMillis() {
        return medianMillis * Math.exp(sigma * sigma / 2);
    }

    /** The draw for one standard-normal value {@code z}, in nanoseconds. */
    public long sampleNanos(double z) {
        if (medianMillis == 0) return 0;
        return Math.round(medianMillis * 1e6 * Math.exp(sigma * z));
    }
}
