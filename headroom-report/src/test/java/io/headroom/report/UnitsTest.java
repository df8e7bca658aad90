package io.headroom.report;

import io.headroom.core.metric.ValueType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UnitsTest {

    @Test
    void formatsDurationsInTheLargestFittingUnitLikeK6() {
        assertThat(Units.duration(0)).isEqualTo("0s");
        assertThat(Units.duration(0.0005)).isEqualTo("500ns");
        assertThat(Units.duration(0.002)).isEqualTo("2µs");
        assertThat(Units.duration(0.512)).isEqualTo("512µs");
        assertThat(Units.duration(0.0155)).isEqualTo("15.5µs");
        assertThat(Units.duration(1)).isEqualTo("1ms");
        assertThat(Units.duration(1.234)).isEqualTo("1.23ms");
        assertThat(Units.duration(1.235)).isEqualTo("1.24ms");
        assertThat(Units.duration(45.1)).isEqualTo("45.1ms");
        assertThat(Units.duration(2100)).isEqualTo("2.1s");
        assertThat(Units.duration(59_990)).isEqualTo("59.99s");
        assertThat(Units.duration(90_000)).isEqualTo("1m30s");
        assertThat(Units.duration(3_723_000)).isEqualTo("1h2m3s");
    }

    @Test
    void movesToTheNextUnitWhenRoundingReachesIt() {
        assertThat(Units.duration(0.999999)).isEqualTo("1ms");
        assertThat(Units.duration(999.999)).isEqualTo("1s");
        assertThat(Units.duration(59_999)).isEqualTo("1m0s");
    }

    @Test
    void marksImpossibleDurationsInsteadOfHidingThem() {
        assertThat(Units.duration(-1.5)).isEqualTo("-1.5ms");
        assertThat(Units.duration(Double.NaN)).isEqualTo("-");
    }

    @Test
    void formatsBytesInDecimalUnits() {
        assertThat(Units.bytes(0)).isEqualTo("0 B");
        assertThat(Units.bytes(7)).isEqualTo("7 B");
        assertThat(Units.bytes(107)).isEqualTo("107 B");
        assertThat(Units.bytes(1_100)).isEqualTo("1.1 kB");
        assertThat(Units.bytes(118_000)).isEqualTo("118 kB");
        assertThat(Units.bytes(999_960)).isEqualTo("1.0 MB");
        assertThat(Units.bytes(2_500_000_000.0)).isEqualTo("2.5 GB");
    }

    @Test
    void formatsNumbersPercentagesAndRates() {
        assertThat(Units.number(3, 2)).isEqualTo("3");
        assertThat(Units.number(10.0 / 3, 2)).isEqualTo("3.33");
        assertThat(Units.number(1e6, 2)).isEqualTo("1000000");
        assertThat(Units.percent(0.0123)).isEqualTo("1.23%");
        assertThat(Units.percent(1)).isEqualTo("100.00%");
        assertThat(Units.perSecond(30, ValueType.DEFAULT)).isEqualTo("30/s");
        assertThat(Units.perSecond(1 / 60.0, ValueType.DEFAULT)).isEqualTo("0.0167/s");
        assertThat(Units.perSecond(3_933.3, ValueType.DATA)).isEqualTo("3.9 kB/s");
        assertThat(Units.value(1.5, ValueType.TIME)).isEqualTo("1.5ms");
        assertThat(Units.value(1_500, ValueType.DATA)).isEqualTo("1.5 kB");
    }

    @Test
    void formatsProgressClocksInWholeSeconds() {
        assertThat(Units.clock(9)).isEqualTo("9s");
        assertThat(Units.clock(65)).isEqualTo("1m05s");
        assertThat(Units.clock(3_723)).isEqualTo("1h02m03s");
    }
}
