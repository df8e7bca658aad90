package io.headroom.core.schedule;

import io.headroom.core.plan.ExecutionSegment;
import io.headroom.core.plan.Stage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract every {@link ArrivalSchedule} keeps, checked over each implementation in several shapes (the way
 * HdrHistogram runs one suite over every histogram class): event {@code i} is due when the area under the rate
 * curve reaches {@code i} (k6's constant-arrival-rate: the first at 0, every event due before the end, so
 * {@code ceil} of the integral) or {@code i + 1} (k6's ramping-arrival-rate: {@code floor} of the integral), to
 * the nanosecond; fire times never go back and end within the duration; the exhausted schedule stays
 * exhausted; and segments split the run into disjoint parts whose events are the full run's, at the same times.
 * A new implementation adds its cases to {@link #schedules()}.
 */
class ArrivalScheduleContractTest {
    private static final long SECOND = 1_000_000_000L;

    /**
     * One shape of one implementation: how to build it for a segment, and the expected area under its rate curve
     * (events) from the start up to an offset in nanoseconds, computed here independently of the implementation.
     */
    record Case(String name, Function<ExecutionSegment, ArrivalSchedule> factory, AreaFunction area, DueRule rule) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Which multiple of the area an event waits for, and so how many events a run of area A has. */
    enum DueRule {
        /** Event i when the area reaches i: the first at 0, and ceil(A) events. */
        AREA_REACHES_INDEX(0) {
            long events(double area) {
                return (long) Math.ceil(area - 1e-9);
            }
        },
        /** Event i when the area reaches i + 1: floor(A) events. */
        AREA_REACHES_INDEX_PLUS_ONE(1) {
            long events(double area) {
                return (long) Math.floor(area + 1e-9);
            }
        };

        final int offset;

        DueRule(int offset) {
            this.offset = offset;
        }

        abstract long events(double area);
    }

    @FunctionalInterface
    interface AreaFunction {
        double eventsBefore(long offsetNanos);
    }

    static Stream<Case> schedules() {
        return Stream.of(
                constant("constant 10/s for 10s", 10, SECOND, 10 * SECOND),
                constant("constant 3 per 2s for 5s", 3, 2 * SECOND, 5 * SECOND),
                constant("constant 7/s for 0.3s (fewer than one per unit)", 7, SECOND, 300_000_000L),
                constant("constant 1000/s for 2s", 1000, SECOND, 2 * SECOND),
                ramping("ramping 0 -> 100/s over 10s", 0, SECOND, List.of(stage(10, 100))),
                ramping("ramping 50 -> 0/s over 4s", 50, SECOND, List.of(stage(4, 0))),
                ramping("ramping with a pause and a jump", 0, SECOND,
                        List.of(stage(2, 20), stage(3, 20), stage(0, 0), stage(2, 0), stage(0, 40), stage(3, 10))),
                ramping("ramping 3 per minute", 0, 60 * SECOND, List.of(stage(90, 3), stage(30, 3))),
                ramping("ramping without stages", 10, SECOND, List.of()));
    }

    @ParameterizedTest
    @MethodSource("schedules")
    void countIsTheFloorOfTheRateIntegral(Case c) {
        ArrivalSchedule schedule = c.factory().apply(ExecutionSegment.FULL);
        long expected = c.rule().events(c.area().eventsBefore(schedule.durationNanos()));
        assertThat(schedule.totalEvents()).isEqualTo(expected);
        assertThat(drain(schedule)).hasSize((int) expected);
    }

    @ParameterizedTest
    @MethodSource("schedules")
    void fireTimesNeverGoBackAndEndWithinTheDuration(Case c) {
        ArrivalSchedule schedule = c.factory().apply(ExecutionSegment.FULL);
        long previous = 0;
        for (long[] event : drain(schedule)) {
            assertThat(event[1]).isGreaterThanOrEqualTo(previous).isLessThanOrEqualTo(schedule.durationNanos());
            previous = event[1];
        }
    }

    @ParameterizedTest
    @MethodSource("schedules")
    void eventIsDueWhenTheAreaReachesItsNumber(Case c) {
        ArrivalSchedule schedule = c.factory().apply(ExecutionSegment.FULL);
        long expectedIndex = 0;
        for (long[] event : drain(schedule)) {
            assertThat(event[0]).isEqualTo(expectedIndex);
            long i = event[0];
            long due = event[1];
            // Due within a nanosecond of the instant the area reaches its target (either rounding is allowed).
            double target = i + c.rule().offset;
            assertThat(c.area().eventsBefore(due + 1)).as("area just after event %d", i).isGreaterThanOrEqualTo(target - 1e-6);
            if (due > 0) assertThat(c.area().eventsBefore(due - 1)).as("area just before event %d", i).isLessThanOrEqualTo(target + 1e-6);
            expectedIndex++;
        }
    }

    @ParameterizedTest
    @MethodSource("schedules")
    void staysExhaustedAfterTheLastEvent(Case c) {
        ArrivalSchedule schedule = c.factory().apply(ExecutionSegment.FULL);
        assertThat(schedule.lastIndex()).isEqualTo(-1);
        List<long[]> events = drain(schedule);
        if (!events.isEmpty()) assertThat(events.getLast()[0]).isEqualTo(schedule.totalEvents() - 1);
        long afterEnd = schedule.lastIndex();
        for (int k = 0; k < 3; k++) assertThat(schedule.nextFireTimeNanos()).isEqualTo(ArrivalSchedule.NO_MORE);
        assertThat(schedule.lastIndex()).as("lastIndex once exhausted").isEqualTo(afterEnd);
    }

    @ParameterizedTest
    @MethodSource("schedules")
    void segmentsSplitTheRunIntoDisjointPartsAtTheSameTimes(Case c) {
        List<long[]> whole = drain(c.factory().apply(ExecutionSegment.FULL));
        List<ExecutionSegment> thirds = List.of(ExecutionSegment.of(0, 1, 1, 3), ExecutionSegment.of(1, 3, 2, 3),
                ExecutionSegment.of(2, 3, 1, 1));
        long[] timeByIndex = new long[whole.size()];
        int[] seen = new int[whole.size()];
        for (ExecutionSegment segment : thirds) {
            ArrivalSchedule part = c.factory().apply(segment);
            assertThat(part.totalEvents()).isEqualTo(whole.size());
            for (long[] event : drain(part)) {
                seen[(int) event[0]]++;
                timeByIndex[(int) event[0]] = event[1];
            }
        }
        for (int i = 0; i < whole.size(); i++) {
            assertThat(seen[i]).as("segments returning event %d", i).isEqualTo(1);
            assertThat(timeByIndex[i]).as("time of event %d", i).isEqualTo(whole.get(i)[1]);
        }
    }

    /** Every (index, fire time) pair until {@link ArrivalSchedule#NO_MORE}; bounded so a broken schedule cannot hang. */
    private static List<long[]> drain(ArrivalSchedule schedule) {
        List<long[]> events = new ArrayList<>();
        for (long t; (t = schedule.nextFireTimeNanos()) != ArrivalSchedule.NO_MORE; ) {
            events.add(new long[] {schedule.lastIndex(), t});
            if (events.size() > 1_000_000) throw new AssertionError("more than a million events: not ending");
        }
        return events;
    }

    private static Case constant(String name, long rate, long unitNanos, long durationNanos) {
        return new Case(name, segment -> new ConstantArrivalSchedule(rate, unitNanos, durationNanos, segment),
                t -> (double) rate * Math.min(t, durationNanos) / unitNanos, DueRule.AREA_REACHES_INDEX);
    }

    private static Case ramping(String name, long startRate, long unitNanos, List<Stage> stages) {
        return new Case(name, segment -> new RampingArrivalSchedule(startRate, unitNanos, stages, segment), t -> {
            // Trapezoids under the piecewise-linear rate, in events.
            double area = 0;
            long from = startRate;
            long offset = 0;
            for (Stage stage : stages) {
                long d = stage.duration().toNanos();
                long to = stage.target();
                if (t <= offset) break;
                long inStage = Math.min(t - offset, d);
                double rateAtEnd = d == 0 ? to : from + (double) (to - from) * inStage / d;
                area += (from + rateAtEnd) / 2.0 * inStage / unitNanos;
                offset += d;
                from = to;
            }
            return area;
        }, DueRule.AREA_REACHES_INDEX_PLUS_ONE);
    }

    private static Stage stage(long seconds, long target) {
        return new Stage(Duration.ofSeconds(seconds), target);
    }
}
