package io.headroom.report;

import io.headroom.core.engine.RunListener;
import io.headroom.core.metric.IntervalSnapshot;
import io.headroom.core.metric.ValueType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Redaction#live} passes the interval snapshots the Prometheus endpoint reads through the same redaction. */
class LiveSnapshotRedactionTest {
    @Test
    void snapshotTagsAreRedactedAndTheWishIsForwarded() {
        List<IntervalSnapshot> seen = new CopyOnWriteArrayList<>();
        RunListener live = Redaction.live(new RunListener() {
            @Override
            public boolean wantsIntervalSnapshots() {
                return true;
            }

            @Override
            public void onIntervalSnapshot(IntervalSnapshot snapshot) {
                seen.add(snapshot);
            }
        }, Set.of(), Set.of("hunter2-token"));
        assertThat(live.wantsIntervalSnapshots()).isTrue();
        assertThat(Redaction.live(RunListener.NONE, Set.of(), Set.of()).wantsIntervalSnapshots()).isFalse();

        live.onIntervalSnapshot(new IntervalSnapshot(1_000, List.of(
                new IntervalSnapshot.CounterSnapshot("http_reqs", ValueType.DEFAULT, Map.of("name", "GET /u?k=hunter2-token"), 3),
                new IntervalSnapshot.CounterSnapshot("http_reqs", ValueType.DEFAULT, Map.of("name", "clean"), 2))));
        assertThat(seen).singleElement().satisfies(s -> {
            assertThat(s.series()).hasSize(2);
            assertThat(s.series().toString()).doesNotContain("hunter2-token").contains("clean");
            assertThat(((IntervalSnapshot.CounterSnapshot) s.series().getFirst()).sum()).isEqualTo(3);
        });
    }
}
