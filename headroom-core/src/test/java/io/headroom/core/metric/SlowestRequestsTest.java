package io.headroom.core.metric;

import io.headroom.core.time.ManualClock;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class SlowestRequestsTest {
    private final ManualClock clock = new ManualClock();
    private final MetricRegistry registry = new MetricRegistry(clock);
    private final Tags slow = Tags.of("name", "/slow", "method", "GET");

    @Test
    void keepsTheFiveSlowestOfAShuffledRunWithTheirTraceIds() {
        List<Long> millis = new ArrayList<>(LongStream.rangeClosed(1, 1_000).boxed().toList());
        Collections.shuffle(millis, new Random(7));
        SlowestRequests s = registry.slowestRequests(slow);
        for (long m : millis) s.offer(m * 1_000_000, 0, m);

        List<Exemplar> kept = registry.exemplars();
        assertThat(kept).extracting(Exemplar::durationMillis).containsExactly(1000.0, 999.0, 998.0, 997.0, 996.0);
        assertThat(kept).extracting(Exemplar::traceId).containsExactly("000000000000000000000000000003e8",
                "000000000000000000000000000003e7", "000000000000000000000000000003e6", "000000000000000000000000000003e5",
                "000000000000000000000000000003e4");
        // Negative control: the sixth slowest is not among them.
        assertThat(kept).extracting(Exemplar::durationMillis).doesNotContain(995.0);
        assertThat(kept).allSatisfy(e -> assertThat(e.endpoint()).isEqualTo(slow));
    }

    @Test
    void keepsTheTrueTopFiveWhenManyThreadsOfferAtOnce() throws Exception {
        SlowestRequests s = registry.slowestRequests(slow);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int id = t;
            threads.add(Thread.ofPlatform().start(() -> {
                // Each thread offers its own interleaved values, rising, so slots are replaced over and over.
                for (long i = 0; i < 20_000; i++) {
                    long v = i * 8 + id + 1;
                    s.offer(v, 1, v);
                }
            }));
        }
        for (Thread t : threads) t.join();

        long top = 20_000L * 8;
        assertThat(registry.exemplars()).extracting(e -> Long.parseLong(e.traceId().substring(16), 16))
                .containsExactly(top, top - 1, top - 2, top - 3, top - 4);
    }

    @Test
    void startOffsetsCountFromTheRunStartAndTheRequestsStart() {
        registry.markRunStart();
        clock.advanceMillis(2_000);
        registry.slowestRequests(slow).offer(500_000_000L, 0xabcL, 1);

        Exemplar e = registry.exemplars().getFirst();
        assertThat(e.startOffsetMillis()).isEqualTo(1_500);
        assertThat(e.durationMillis()).isEqualTo(500.0);
        assertThat(e.traceId()).isEqualTo("0000000000000abc0000000000000001");
    }

    @Test
    void nothingIsKeptWithoutAnOffer() {
        registry.slowestRequests(slow);
        SlowestRequests.DISCARDING.offer(Long.MAX_VALUE - 1, 1, 1);

        assertThat(registry.exemplars()).isEmpty();
        assertThat(registry.exemplarEndpointsCapped()).isFalse();
    }

    @Test
    void endpointsPastTheLimitKeepNothingAndSaySo() {
        for (int i = 0; i < MetricRegistry.MAX_EXEMPLAR_ENDPOINTS; i++) {
            registry.slowestRequests(Tags.of("name", "/p" + i, "method", "GET")).offer(1_000_000, 0, i + 1);
        }
        assertThat(registry.exemplarEndpointsCapped()).as("at the limit, not past it").isFalse();

        SlowestRequests past = registry.slowestRequests(Tags.of("name", "/one-too-many", "method", "GET"));
        past.offer(9_000_000_000L, 0, 99_999);

        assertThat(past).isSameAs(SlowestRequests.DISCARDING);
        assertThat(registry.exemplarEndpointsCapped()).isTrue();
        assertThat(registry.exemplars()).hasSize(MetricRegistry.MAX_EXEMPLAR_ENDPOINTS)
                .noneMatch(e -> e.endpoint().get("name").equals("/one-too-many"));
        // An endpoint already kept still records.
        registry.slowestRequests(Tags.of("name", "/p0", "method", "GET")).offer(5_000_000, 0, 77);
        assertThat(registry.exemplars()).anyMatch(e -> e.traceId().endsWith("4d"));
    }

    @Test
    void validTraceIdsAreThirtyTwoLowercaseHexDigitsNotAllZero() {
        assertThat(Exemplar.validTraceId("4bf92f3577b34da6a3ce929d0e0e4736")).isTrue();
        assertThat(Exemplar.validTraceId("00000000000000000000000000000000")).isFalse();
        assertThat(Exemplar.validTraceId("4BF92F3577B34DA6A3CE929D0E0E4736")).isFalse();
        assertThat(Exemplar.validTraceId("4bf92f3577b34da6a3ce929d0e0e473")).isFalse();
        assertThat(Exemplar.validTraceId(null)).isFalse();
    }
}
