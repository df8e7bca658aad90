package io.headroom.core.schedule;

import io.headroom.core.plan.ExecutionSegment;
import io.headroom.core.plan.Stage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.headroom.core.schedule.ConstantArrivalScheduleTest.drain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RampingArrivalScheduleTest {
    private static final long SECOND = 1_000_000_000L;

    private static Stage stage(long seconds, long target) {
        return new Stage(Duration.ofSeconds(seconds), target);
    }

    private static RampingArrivalSchedule schedule(long startRate, Stage... stages) {
        return new RampingArrivalSchedule(startRate, SECOND, List.of(stages), ExecutionSegment.FULL);
    }

    @Test
    void linearRampFromZeroFiresTheAreaUnderTheRate() {
        // 0 -> 100/s over 10 s: area 500
        List<Long> times = drain(schedule(0, stage(10, 100)));
        assertThat(times).hasSize(500);
        // event n is due when 5·t² = n, so at sqrt(n/5) seconds
        assertThat(times.getFirst() / 1e9).isCloseTo(Math.sqrt(1 / 5.0), within(1e-6));
        assertThat(times.get(124) / 1e9).isCloseTo(Math.sqrt(125 / 5.0), within(1e-6));
        assertThat(times.getLast()).isEqualTo(10 * SECOND);
        assertThat(times).isSorted();
    }

    @Test
    void rampShapeFollowsTheRate() {
        // up 0->200 over 2 s, hold 200 for 2 s, down to 0 over 2 s: 200 + 400 + 200
        List<Long> times = drain(schedule(0, stage(2, 200), stage(2, 200), stage(2, 0)));
        assertThat(times).hasSize(800);
        long[] perSecond = new long[6];
        for (long t : times) perSecond[(int) Math.min(5, t / SECOND)]++;
        assertThat(perSecond[0]).isBetween(49L, 51L);   // area of 0..1 s: 50
        assertThat(perSecond[1]).isBetween(149L, 151L); // 1..2 s: 150
        assertThat(perSecond[2]).isBetween(199L, 201L);
        assertThat(perSecond[3]).isBetween(199L, 201L);
        assertThat(perSecond[4]).isBetween(149L, 151L);
        assertThat(perSecond[5]).isBetween(49L, 51L);
    }

    @Test
    void countsStayWithinOnePercentOfTheArea() {
        RampingArrivalSchedule s = schedule(17, stage(3, 333), stage(0, 50), stage(7, 50), stage(5, 1));
        double area = (17 + 333) / 2.0 * 3 + 50 * 7 + (50 + 1) / 2.0 * 5;
        assertThat((double) drain(s).size()).isCloseTo(area, within(area * 0.01));
    }

    @Test
    void aStageAtRateZeroProducesNothing() {
        List<Long> times = drain(schedule(10, stage(1, 10), stage(0, 0), stage(5, 0), stage(0, 10), stage(1, 10)));
        assertThat(times).hasSize(20);
        assertThat(times.stream().filter(t -> t > SECOND && t < 6 * SECOND)).isEmpty();
        assertThat(times.get(10)).isGreaterThanOrEqualTo(6 * SECOND);
    }

    @Test
    void zeroLengthStageJumpsTheRate() {
        List<Long> times = drain(schedule(0, stage(0, 100), stage(1, 100)));
        assertThat(times).hasSize(100);
        assertThat(times.getFirst()).isEqualTo(10_000_000L);
    }

    @Test
    void indexToTimeAgreesWithTheSequence() {
        RampingArrivalSchedule s = schedule(5, stage(4, 80), stage(3, 20));
        List<Long> sequence = drain(s);
        List<Long> byIndex = new ArrayList<>();
        for (long i = 0; i < s.totalEvents(); i++) byIndex.add(s.fireTimeNanos(i));
        assertThat(byIndex).isEqualTo(sequence);
    }

    @Test
    void halvesTogetherFireEveryEventOnce() {
        List<Long> whole = drain(schedule(0, stage(3, 150)));
        List<Long> merged = new ArrayList<>();
        for (String seg : new String[] {"0:1/2", "1/2:1"}) {
            merged.addAll(drain(new RampingArrivalSchedule(0, SECOND, List.of(stage(3, 150)), ExecutionSegment.parse(seg))));
        }
        merged.sort(null);
        assertThat(merged).isEqualTo(whole);
    }
}
