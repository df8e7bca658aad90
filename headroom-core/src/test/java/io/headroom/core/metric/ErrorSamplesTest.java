package io.headroom.core.metric;

import io.headroom.core.time.ManualClock;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorSamplesTest {
    private final ManualClock clock = new ManualClock();
    private final MetricRegistry registry = new MetricRegistry(clock);

    @Test
    void keepsTheFirstMessageAndCountsEveryOccurrenceFromManyThreads() throws Exception {
        registry.markRunStart();
        clock.advanceMillis(1500);
        registry.errorSample("1212", "dial tcp 127.0.0.1:1: connect: connection refused");
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 50; t++) {
            int id = t;
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 1_000; i++) {
                    registry.errorSample("1212", "later message " + id);
                    registry.errorSample("1500", "HTTP 500 Internal Server Error");
                }
            }));
        }
        for (Thread t : threads) t.join();

        assertThat(registry.errorSamples()).containsExactly(
                new ErrorSample("1212", "dial tcp 127.0.0.1:1: connect: connection refused", 50_001, 1500),
                new ErrorSample("1500", "HTTP 500 Internal Server Error", 50_000, 1500));
    }

    @Test
    void samplesAtMostAHundredCodesAndCutsLongMessages() {
        for (int code = 0; code < 250; code++) registry.errorSample(Integer.toString(code), "x".repeat(2_000));

        List<ErrorSample> samples = registry.errorSamples();
        assertThat(samples).hasSize(MetricRegistry.MAX_ERROR_CODES);
        assertThat(samples.getFirst().message()).hasSize(MetricRegistry.MAX_ERROR_MESSAGE_CHARS + 1).endsWith("…");
    }

    @Test
    void aRunWithoutFailuresHasNoSamples() {
        registry.counter(BuiltinMetrics.HTTP_REQS, ValueType.DEFAULT, Tags.empty()).add(1);

        assertThat(registry.errorSamples()).isEmpty();
    }
}
