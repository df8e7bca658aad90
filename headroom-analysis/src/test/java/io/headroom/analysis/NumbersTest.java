package io.headroom.analysis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NumbersTest {
    @Test
    void bytesReadLikeTheConsoleSummary() {
        // The same cases as the report's UnitsTest: the target's findings and its report section agree.
        assertThat(Numbers.bytes(0)).isEqualTo("0 B");
        assertThat(Numbers.bytes(7)).isEqualTo("7 B");
        assertThat(Numbers.bytes(107)).isEqualTo("107 B");
        assertThat(Numbers.bytes(1_100)).isEqualTo("1.1 kB");
        assertThat(Numbers.bytes(118_000)).isEqualTo("118 kB");
        assertThat(Numbers.bytes(999_960)).isEqualTo("1.0 MB");
        assertThat(Numbers.bytes(2_500_000_000.0)).isEqualTo("2.5 GB");
    }

    @Test
    void unitsRenderAsTheEvidenceAlwaysDid() {
        assertThat(Unit.MILLISECONDS.format(250)).isEqualTo("250 ms");
        assertThat(Unit.FRACTION.format(0.012)).isEqualTo("1.2 %");
        assertThat(Unit.RATIO.format(7.25)).isEqualTo("7.25×");
        assertThat(Unit.COUNT.format(1200)).isEqualTo("1200");
        assertThat(Unit.REQUESTS_PER_SECOND.format(310)).isEqualTo("310 req/s");
        assertThat(Unit.VUS.format(40)).isEqualTo("40 VUs");
        assertThat(Unit.SECONDS.format(12)).isEqualTo("12 s");
        assertThat(Unit.FRACTION.jsonName()).isEqualTo("fraction");
        assertThat(Unit.COUNT.jsonName()).isEmpty();
    }
}
