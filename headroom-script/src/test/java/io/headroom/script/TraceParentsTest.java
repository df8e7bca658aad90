package io.headroom.script;

import io.headroom.core.metric.SlowestRequests;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TraceParentsTest {
    @Test
    void makesVersionZeroSampledValuesWithFreshIdsThatItRemembers() {
        TraceParents t = new TraceParents();
        Set<String> traceIds = new HashSet<>();
        Set<String> parentIds = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String value = t.next();
            assertThat(value).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
            assertThat(value.substring(3, 35)).isEqualTo(SlowestRequests.traceId(t.traceIdHigh, t.traceIdLow));
            traceIds.add(value.substring(3, 35));
            parentIds.add(value.substring(36, 52));
        }
        assertThat(traceIds).hasSize(10_000);
        assertThat(parentIds).hasSize(10_000);
    }

    @Test
    void twoVusDoNotRepeatEachOther() {
        assertThat(new TraceParents().next().substring(3, 35)).isNotEqualTo(new TraceParents().next().substring(3, 35));
    }

    @Test
    void leadingZeroNibblesAreWritten() {
        // A seed is a seed: whatever the draws, every half is 16 digits; check the encoding on a value with zeros.
        assertThat(SlowestRequests.traceId(0x1L, 0xabcL)).isEqualTo("0000000000000001" + "0000000000000abc");
    }

    @Test
    void readsTheTraceIdOfAWellFormedTraceparentOnly() {
        TraceParents t = new TraceParents();
        assertThat(t.read("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")).isTrue();
        assertThat(SlowestRequests.traceId(t.traceIdHigh, t.traceIdLow)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        // A later version may add fields after a dash.
        assertThat(t.read("01-4bf92f3577b34da6a3ce929d0e0e4737-00f067aa0ba902b7-00-extra")).isTrue();

        t.read("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        for (String bad : new String[] {"", "garbage", "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-x",
                "00-4bf92f3577b34da6a3ce929d0e0e473-600f067aa0ba902b7-01"}) {
            assertThat(t.read(bad)).as(bad).isFalse();
        }
        assertThat(t.read(null)).isFalse();
        assertThat(SlowestRequests.traceId(t.traceIdHigh, t.traceIdLow)).as("unchanged by the bad ones")
                .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }
}
