package io.headroom.script.plan;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ByteSizesTest {
    @Test
    void readsBytesAndPowersOf1024InAnyCase() {
        assertThat(ByteSizes.parse("65536")).isEqualTo(65536);
        assertThat(ByteSizes.parse("0")).isZero();
        assertThat(ByteSizes.parse("512B")).isEqualTo(512);
        assertThat(ByteSizes.parse("512KB")).isEqualTo(512 * 1024);
        assertThat(ByteSizes.parse("64kib")).isEqualTo(64 * 1024);
        assertThat(ByteSizes.parse("10 MB")).isEqualTo(10L * 1024 * 1024);
        assertThat(ByteSizes.parse("1m")).isEqualTo(1024 * 1024);
        assertThat(ByteSizes.parse("2GiB")).isEqualTo(2L << 30);
        assertThat(ByteSizes.parse("1_000")).isEqualTo(1000);
    }

    @Test
    void rejectsWhatIsNoSize() {
        for (String bad : new String[] {"", "MB", "1.5MB", "-1", "10XB", "10 M B", "99999999999999999999"}) {
            assertThatThrownBy(() -> ByteSizes.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + bad + "'");
        }
        assertThatThrownBy(() -> ByteSizes.parse("9999999999GB")).hasMessage("size '9999999999GB' is too large");
    }
}
