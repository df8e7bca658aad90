package io.headroom.core.schedule;

import io.headroom.core.plan.ExecutionSegment;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConstantArrivalScheduleTest {
    private static final long SECOND = 1_000_000_000L;

    static List<Long> drain(ArrivalSchedule schedule) {
        List<Long> times = new ArrayList<>();
        for (long t; (t = schedule.nextFireTimeNanos()) != ArrivalSchedule.NO_MORE; ) times.add(t);
        return times;
    }

    @Test
    void firesRateTimesDurationEventsEvenlyFromZero() {
        List<Long> times = drain(new ConstantArrivalSchedule(200, SECOND, 2 * SECOND, ExecutionSegment.FULL));
        assertThat(times).hasSize(400);
        assertThat(times.getFirst()).isZero();
        assertThat(times.get(1)).isEqualTo(5_000_000L);
        assertThat(times.getLast()).isEqualTo(1_995_000_000L).isLessThan(2 * SECOND);
    }

    @Test
    void countsStayWithinOnePercentForAwkwardRates() {
        long[][] cases = {{7, SECOND, 13 * SECOND}, {1, 60 * SECOND, 600 * SECOND}, {333, SECOND, 3 * SECOND},
                {50_000, SECOND, 10 * SECOND}, {3, 7 * SECOND, 100 * SECOND}};
        for (long[] c : cases) {
            ConstantArrivalSchedule s = new ConstantArrivalSchedule(c[0], c[1], c[2], ExecutionSegment.FULL);
            double expected = (double) c[0] * c[2] / c[1];
            long n = drain(s).size();
            assertThat((double) n).isCloseTo(expected, org.assertj.core.data.Offset.offset(Math.max(1, expected * 0.01)));
            assertThat(n).isEqualTo(s.totalEvents());
        }
    }

    @Test
    void rateZeroFiresNothing() {
        assertThat(drain(new ConstantArrivalSchedule(0, SECOND, 10 * SECOND, ExecutionSegment.FULL))).isEmpty();
    }

    @Test
    void timesAreExactForRatesThatDoNotDivideTheTimeUnit() {
        ConstantArrivalSchedule s = new ConstantArrivalSchedule(3, SECOND, SECOND, ExecutionSegment.FULL);
        assertThat(drain(s)).containsExactly(0L, 333_333_333L, 666_666_666L);
        ConstantArrivalSchedule huge = new ConstantArrivalSchedule(1_000_000, 3600 * SECOND, 7200 * SECOND, ExecutionSegment.FULL);
        assertThat(huge.fireTimeNanos(1_999_999)).isEqualTo(7_199_996_400_000L); // no 64-bit overflow
    }

    @Test
    void segmentsTogetherFireEveryEventOnce() {
        ConstantArrivalSchedule whole = new ConstantArrivalSchedule(100, SECOND, 3 * SECOND, ExecutionSegment.FULL);
        List<Long> all = drain(whole);
        List<Long> merged = new ArrayList<>();
        List<Long> indexes = new ArrayList<>();
        for (String seg : new String[] {"0:1/3", "1/3:2/3", "2/3:1"}) {
            ConstantArrivalSchedule part = new ConstantArrivalSchedule(100, SECOND, 3 * SECOND, ExecutionSegment.parse(seg));
            for (long t; (t = part.nextFireTimeNanos()) != ArrivalSchedule.NO_MORE; ) {
                merged.add(t);
                indexes.add(part.lastIndex());
            }
        }
        merged.sort(null);
        indexes.sort(null);
        assertThat(merged).isEqualTo(all);
        assertThat(indexes).doesNotHaveDuplicates().hasSize(300);
    }
}
