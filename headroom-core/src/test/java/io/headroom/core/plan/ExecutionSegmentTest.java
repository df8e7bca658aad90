package io.headroom.core.plan;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExecutionSegmentTest {

    private static final List<ExecutionSegment> THIRDS = List.of(
            ExecutionSegment.parse("0:1/3"), ExecutionSegment.parse("1/3:2/3"), ExecutionSegment.parse("2/3:1"));

    @Test
    void scaledCountsOfAPartitionAddUpToTheWhole() {
        for (long value : new long[] {0, 1, 2, 3, 7, 10, 100, 1001, 123_456_789_012L}) {
            assertThat(THIRDS.stream().mapToLong(s -> s.scale(value)).sum()).isEqualTo(value);
            assertThat(ExecutionSegment.parse("0:1/2").scale(value) + ExecutionSegment.parse("1/2:1").scale(value)).isEqualTo(value);
        }
        assertThat(THIRDS.get(0).scale(10)).isEqualTo(3);
        assertThat(THIRDS.get(1).scale(10)).isEqualTo(3);
        assertThat(THIRDS.get(2).scale(10)).isEqualTo(4);
    }

    @Test
    void everyEventIndexBelongsToExactlyOneSegmentOfAPartition() {
        List<ExecutionSegment> uneven = List.of(ExecutionSegment.parse("0:0.1"), ExecutionSegment.parse("0.1:35%"),
                ExecutionSegment.parse("35%:1"));
        for (long i = 0; i < 10_000; i++) {
            long index = i;
            assertThat(THIRDS.stream().filter(s -> s.owns(index)).count()).isEqualTo(1);
            assertThat(uneven.stream().filter(s -> s.owns(index)).count()).isEqualTo(1);
        }
    }

    @Test
    void halvesTakeAlternateEventsSoBothAreEvenInTime() {
        ExecutionSegment first = ExecutionSegment.parse("0:1/2");
        for (long i = 0; i < 100; i++) assertThat(first.owns(i)).isEqualTo(i % 2 == 0);
    }

    @Test
    void eventShareOfAThirdStaysClose() {
        long owned = 0;
        for (long i = 0; i < 30_000; i++) if (THIRDS.get(1).owns(i)) owned++;
        assertThat(owned).isBetween(9_950L, 10_050L);
    }

    @Test
    void doublesAreReadAsTheirNearestSimpleFraction() {
        ExecutionSegment third = new ExecutionSegment(0, 1.0 / 3);
        assertThat(third).isEqualTo(ExecutionSegment.parse("0:1/3"));
        assertThat(third.scale(3_000_000_000L)).isEqualTo(1_000_000_000L);
        assertThat(new ExecutionSegment(0, 1).isFull()).isTrue();
        assertThat(ExecutionSegment.parse("1/2").toString()).isEqualTo("0:1/2");
    }

    @Test
    void rejectsEmptyOrOutOfRangeSegmentsWithAClearMessage() {
        assertThatThrownBy(() -> ExecutionSegment.parse("1/2:1/2")).hasMessageContaining("0 <= from < to <= 1");
        assertThatThrownBy(() -> ExecutionSegment.parse("0:3/2")).hasMessageContaining("0 <= from < to <= 1");
        assertThatThrownBy(() -> ExecutionSegment.parse("0:half")).hasMessageContaining("\"half\" is not a fraction");
    }
}
