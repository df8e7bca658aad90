package io.headroom.analysis.compare;

import io.headroom.analysis.stats.HistogramBootstrap;

/**
 * How two runs are compared. {@code maxRegressionFraction}: the allowed worsening (0.10 = 10 %) before a
 * significant change counts as a regression; {@code noiseFraction}: relative changes whose whole
 * confidence interval lies within ±this are called noise, never significant (as criterion.rs's noise
 * threshold); {@code confidenceLevel}: of every interval and test (0.95); {@code bootstrap}: percentile
 * resampling settings. Immutable.
 */
public record ComparisonOptions(double maxRegressionFraction, double noiseFraction, double confidenceLevel,
                                HistogramBootstrap bootstrap) {
    /** Below this absolute error-rate increase (0.1 percentage point) an error-rate change is never a regression. */
    public static final double MIN_ERROR_RATE_REGRESSION = 0.001;

    public ComparisonOptions {
        if (!(maxRegressionFraction >= 0)) throw new IllegalArgumentException("maxRegressionFraction must be >= 0");
        if (!(noiseFraction >= 0)) throw new IllegalArgumentException("noiseFraction must be >= 0");
        if (!(confidenceLevel > 0.5 && confidenceLevel < 1)) throw new IllegalArgumentException("confidenceLevel must be in (0.5, 1)");
    }

    /** 10 % margin, 2 % noise, 95 % confidence, 1000 bootstrap resamples. */
    public static ComparisonOptions defaults() {
        return new ComparisonOptions(0.10, 0.02, 0.95, HistogramBootstrap.defaults());
    }

    public ComparisonOptions withMaxRegression(double fraction) {
        return new ComparisonOptions(fraction, noiseFraction, confidenceLevel, bootstrap);
    }
}
