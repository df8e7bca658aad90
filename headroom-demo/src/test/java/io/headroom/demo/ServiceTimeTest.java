package io.headroom.demo;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ServiceTimeTest {
    @Test
    void drawsFollowTheLognormalMedianAndMean() {
        ServiceTime time = ServiceTime.lognormalMillis(10);
        CounterRandom random = new CounterRandom(42);
        long[] drawsNanos = new long[20_001];
        for (int i = 0; i < drawsNanos.length; i++) drawsNanos[i] = time.sampleNanos(random.standardNormal(i));
        Arrays.sort(drawsNanos);

        double medianMillis = drawsNanos[drawsNanos.length / 2] / 1e6;
        double meanMillis = Arrays.stream(drawsNanos).average().orElseThrow() / 1e6;

        assertThat(medianMillis).isCloseTo(10.0, within(0.5));
        assertThat(time.meanMillis()).isCloseTo(11.331, within(0.001));
        assertThat(meanMillis).isCloseTo(time.meanMillis(), within(0.4));
        // p99 of a lognormal is median x exp(2.326 sigma) = 31.9 ms for sigma 0.5
        assertThat(drawsNanos[(int) (drawsNanos.length * 0.99)] / 1e6).isCloseTo(31.9, within(2.0));
    }

    @Test
    void drawsDependOnlyOnSeedAndSequence() {
        CounterRandom a = new CounterRandom(7);
        CounterRandom b = new CounterRandom(7);
        assertThat(a.standardNormal(12345)).isEqualTo(b.standardNormal(12345));
        assertThat(a.uniform(3, CounterRandom.STREAM_ERROR)).isEqualTo(b.uniform(3, CounterRandom.STREAM_ERROR));
        assertThat(a.uniform(3, CounterRandom.STREAM_ERROR)).isNotEqualTo(a.uniform(3, CounterRandom.STREAM_SPIKE));
        assertThat(new CounterRandom(8).standardNormal(12345)).isNotEqualTo(a.standardNormal(12345));
    }

    @Test
    void fixedAndZeroTimesDoNotVary() {
        assertThat(ServiceTime.fixedMillis(5).sampleNanos(3.0)).isEqualTo(5_000_000L);
        assertThat(ServiceTime.ZERO.sampleNanos(-2.0)).isZero();
        assertThat(ServiceTime.fixedMillis(5).meanMillis()).isEqualTo(5.0);
    }

    @Test
    void rejectsNegativeOrNonFiniteParameters() {
        assertThatThrownBy(() -> new ServiceTime(-1, 0.5)).hasMessageContaining("median");
        assertThatThrownBy(() -> new ServiceTime(Double.POSITIVE_INFINITY, 0.5)).hasMessageContaining("median");
        assertThatThrownBy(() -> new ServiceTime(5, 4)).hasMessageContaining("sigma");
    }
}
