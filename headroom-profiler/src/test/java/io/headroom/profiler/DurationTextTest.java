package io.headroom.profiler;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationTextTest {

    @Test
    void readsK6StyleDurations() {
        assertThat(DurationText.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DurationText.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationText.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(DurationText.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(DurationText.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationText.parse(" 45 ")).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void explainsWhatItExpects() {
        for (String bad : new String[] {"", "s", "30 s", "1.5s", "-3s", "10x", "99999999999999999999s"}) {
            assertThatThrownBy(() -> DurationText.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("write it like 30s");
        }
    }

    @Test
    void formatsWhatItReads() {
        assertThat(DurationText.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(DurationText.format(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThat(DurationText.format(Duration.ofHours(2))).isEqualTo("2h");
        assertThat(DurationText.parse(DurationText.format(Duration.ofMillis(3_723_004)))).isEqualTo(Duration.ofMillis(3_723_004));
    }
}
