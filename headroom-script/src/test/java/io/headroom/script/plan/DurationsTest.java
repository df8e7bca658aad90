package io.headroom.script.plan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
            "500ms, 500000000",
            "10s, 10000000000",
            "5m, 300000000000",
            "1h30m, 5400000000000",
            "1m30s, 90000000000",
            "1.5s, 1500000000",
            "250us, 250000",
            "100ns, 100",
            "1d, 86400000000000",
            "0, 0",
            "2h0m5s, 7205000000000",
    })
    void parsesK6Durations(String text, long nanos) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ten", "30", "10 s", "s", "10x", "-5s", "", "1h30", "1..2s"})
    void rejectsWhatIsNotADuration(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("expected a duration such as 500ms, 10s, 5m or 1h30m, found \"" + text + "\"");
    }

    @Test
    void formatsTheWayK6WritesThem() {
        assertThat(Durations.format(Duration.ofMillis(500))).isEqualTo("500ms");
        assertThat(Durations.format(Duration.ofSeconds(10))).isEqualTo("10s");
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    }

    @Test
    void formatAndParseRoundTrip() {
        for (Duration d : new Duration[] {Duration.ofMillis(250), Duration.ofSeconds(3661), Duration.ofMillis(61_500)}) {
            assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
        }
    }
}
