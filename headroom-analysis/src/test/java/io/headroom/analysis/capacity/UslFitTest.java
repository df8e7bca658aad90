package io.headroom.analysis.capacity;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class UslFitTest {
    private static List<LoadPoint> synthetic(UslModel truth, double noise, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<LoadPoint> points = new ArrayList<>();
        for (int n = 1; n <= 48; n += (n < 8 ? 1 : 4)) {
            points.add(new LoadPoint(n, truth.throughput(n) * (1 + noise * (2 * rng.nextDouble() - 1))));
        }
        return points;
    }

    @Test
    void recoversKnownContentionAndCoherencyFromNoisyData() {
        UslModel truth = new UslModel(100, 0.05, 0.002);
        UslFit fit = UslFit.fit(synthetic(truth, 0.02, 3));
        assertThat(fit.model().sigma()).isCloseTo(0.05, within(0.01));
        assertThat(fit.model().kappa()).isCloseTo(0.002, within(0.0004));
        assertThat(fit.model().lambda()).isCloseTo(100, within(5.0));
        assertThat(fit.rSquared()).isGreaterThan(0.97);
        // Peak at sqrt(0.95 / 0.002) = 21.8 users.
        assertThat(fit.model().peakConcurrency()).isCloseTo(21.8, within(2.5));
        assertThat(fit.model().amdahl()).isFalse();
    }

    @Test
    void withoutCoherencyTheFitIsAmdahl() {
        UslFit fit = UslFit.fit(synthetic(new UslModel(50, 0.1, 0), 0.01, 5));
        assertThat(fit.model().amdahl()).isTrue();
        assertThat(fit.model().peakConcurrency()).isInfinite();
        assertThat(fit.model().maxThroughput()).isCloseTo(500, within(40.0)); // λ/σ
    }

    @Test
    void aFixedPoolGivesAKneeAtThePoolSize() {
        // 4 workers of 5 ms each: X = min(N, 4) × 200 req/s (closed users, no think time).
        List<LoadPoint> points = new ArrayList<>();
        for (int n : new int[] {1, 2, 3, 4, 6, 8, 12, 16}) points.add(new LoadPoint(n, Math.min(n, 4) * 200.0));
        UslModel m = UslFit.fit(points).model();
        assertThat(m.maxThroughput()).isBetween(700.0, 950.0);
        assertThat(m.kneeConcurrency()).isBetween(3.0, 5.5);
    }

    @Test
    void needsThreeConcurrencies() {
        assertThatThrownBy(() -> UslFit.fit(List.of(new LoadPoint(1, 10), new LoadPoint(2, 20))))
                .hasMessageContaining("three or more");
    }

    @Test
    void sloSyntaxIsThresholdSyntax() {
        assertThat(Slo.parse("p(95)<500")).isEqualTo(new Slo("p(95)", 500));
        assertThat(Slo.parse(" avg < 20.5 ")).isEqualTo(new Slo("avg", 20.5));
        assertThatThrownBy(() -> Slo.parse("p(90)>3")).hasMessageContaining("p(95)<500");
        assertThat(Slo.parse("P(99) < 2ms")).isEqualTo(new Slo("p(99)", 2));
        for (String outside : new String[] {"p(90)<3", "avg>3", "max<3", "p(95)<-1", "p(95)", "rate<0.1", "p(95)<500s"}) {
            assertThatThrownBy(() -> Slo.parse(outside)).as(outside).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not understood");
        }
    }
}
