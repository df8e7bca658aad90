package io.headroom.maven;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GeneratorHeapTest {
    private static final long GIB = 1024L * 1024 * 1024;

    @Test
    void defaultIsAQuarterOfTheMachineAtMostOneGibibyte() {
        assertThat(GeneratorHeap.option(null, 2 * GIB)).isEqualTo("-Xmx512m");
        assertThat(GeneratorHeap.option("", 24 * GIB)).isEqualTo("-Xmx1g");
        assertThat(GeneratorHeap.option(" ", 0)).isEqualTo("-Xmx1g");
    }

    @Test
    void aConfiguredHeapOverridesTheDefault() {
        assertThat(GeneratorHeap.option("2G", 2 * GIB)).isEqualTo("-Xmx2g");
        assertThat(GeneratorHeap.option("300m", 24 * GIB)).isEqualTo("-Xmx300m");
    }

    @Test
    void aHeapThatIsNotAJvmSizeIsRefused() {
        assertThatThrownBy(() -> GeneratorHeap.option("lots", GIB)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("heap 'lots' is not a JVM heap size (say 512m or 2g)");
        assertThatThrownBy(() -> GeneratorHeap.option("-Xmx2g", GIB)).isInstanceOf(IllegalArgumentException.class);
    }
}
