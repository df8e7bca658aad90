package io.headroom.analysis.diagnose;

import io.headroom.profiler.target.TargetSeries;

import java.util.List;

/**
 * A least-squares line through memory samples (seconds, bytes): its slope in bytes per second and how well
 * it fits ({@code rSquared}, 0..1; 1 = every sample on the line). The statistic of the
 * {@link Rule#TARGET_MEMORY_GROWTH} rule ("possible leak").
 * Immutable.
 */
record MemoryGrowth(double slopeBytesPerSecond, double rSquared, int points, double spanSeconds, double meanBytes) {
    /** The fit through {@code points}; null with fewer than three points or no spread in time. */
    static MemoryGrowth fit(List<TargetSeries.Point> points) {
        int n = points.size();
        if (n < 3) return null;
        double mx = 0, my = 0;
        for (TargetSeries.Point p : points) {
            mx += p.seconds();
            my += p.value();
        }
        mx /= n;
        my /= n;
        double sxx = 0, sxy = 0, syy = 0;
        for (TargetSeries.Point p : points) {
            double dx = p.seconds() - mx, dy = p.value() - my;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        if (sxx == 0) return null;
        double slope = sxy / sxx;
        // No variation at all is a perfectly flat line: nothing grows, and a fit of 1 would only mislead.
        double r2 = syy == 0 ? 0 : (sxy * sxy) / (sxx * syy);
        double span = points.get(n - 1).seconds() - points.get(0).seconds();
        return new MemoryGrowth(slope, r2, n, span, my);
    }

    double megabytesPerHour() {
        return slopeBytesPerSecond * 3600 / (1024 * 1024);
    }

    /** Bytes the line adds over the samples' span. */
    double growthBytes() {
        return slopeBytesPerSecond * spanSeconds;
    }

    /**
     * Whether this looks like a leak: a steady climb (R² at least 0.8) that adds at least a tenth of the mean
     * level over the span: warm-up noise and a flat live set stay below one or the other.
     */
    boolean looksLikeLeak() {
        return slopeBytesPerSecond > 0 && rSquared >= 0.8 && growthBytes() >= 0.1 * meanBytes;
    }
}
