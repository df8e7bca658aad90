package io.headroom.analysis.stats;

/**
 * Kish's design effect for values sampled in clusters (here: requests grouped by the second they ended
 * in): the variance of the per-cluster means, weighted by cluster size, over the variance of single
 * values. 1 for independent values; above 1 when values of one second resemble each other (a stall, a
 * GC pause, a noisy neighbour), meaning a run holds fewer independent values than requests. Stateless.
 */
public final class DesignEffect {
    private DesignEffect() {}

    /**
     * The design effect from per-cluster counts and means and the variance of single values; 1 when
     * there are fewer than three clusters or no variance, and never below 1.
     */
    public static double of(double[] counts, double[] means, double valueVariance) {
        int k = counts.length;
        if (k < 3 || !(valueVariance > 0)) return 1;
        double n = 0, total = 0;
        for (int i = 0; i < k; i++) {
            n += counts[i];
            total += counts[i] * means[i];
        }
        if (n <= k) return 1;
        double grand = total / n;
        double between = 0;
        for (int i = 0; i < k; i++) between += counts[i] * (means[i] - grand) * (means[i] - grand);
        // Under independence E[Σ cᵢ(mᵢ − M)²] = (k − 1)·σ², so this ratio is 1.
        return Math.max(1, between / (k - 1) / valueVariance);
    }
}
