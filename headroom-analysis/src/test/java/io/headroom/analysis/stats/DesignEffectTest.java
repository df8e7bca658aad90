package io.headroom.analysis.stats;

import io.headroom.analysis.SyntheticRun;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class DesignEffectTest {
    /** 30 seconds of 100 values with sd 1 around a per-second level of sd {@code clusterSd}. */
    private static double designEffect(double clusterSd, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] counts = new double[30], means = new double[30];
        double sum = 0, sumSq = 0;
        for (int s = 0; s < 30; s++) {
            double level = 50 + clusterSd * SyntheticRun.gaussian(rng);
            double secondSum = 0;
            for (int i = 0; i < 100; i++) {
                double v = level + SyntheticRun.gaussian(rng);
                secondSum += v;
                sum += v;
                sumSq += v * v;
            }
            counts[s] = 100;
            means[s] = secondSum / 100;
        }
        double mean = sum / 3000;
        return DesignEffect.of(counts, means, sumSq / 3000 - mean * mean);
    }

    @Test
    void independentValuesHaveADesignEffectNearOne() {
        assertThat(designEffect(0, 1)).isBetween(1.0, 2.0);
    }

    @Test
    void valuesClusteredBySecondHaveALargeDesignEffect() {
        // Intra-cluster correlation ρ = 0.25/(1+0.25) = 0.2 → deff = 1 + (100−1)·0.2 ≈ 21.
        assertThat(designEffect(0.5, 2)).isBetween(10.0, 40.0);
    }

    @Test
    void aDesignEffectWidensTheBootstrapIntervalBySquareRoot() {
        Histogram a = SyntheticRun.lognormalMillis(1, 8000, 20, 0.5);
        Histogram b = SyntheticRun.lognormalMillis(2, 8000, 20, 0.5);
        HistogramBootstrap bootstrap = HistogramBootstrap.defaults();
        Interval independent = bootstrap.percentileDifference(a, 1, b, 1, 95, 0.95);
        Interval clustered = bootstrap.percentileDifference(a, 4, b, 4, 95, 0.95);
        double ratio = (clustered.high() - clustered.low()) / (independent.high() - independent.low());
        assertThat(ratio).isBetween(1.6, 2.5);
    }
}
