package io.headroom.distributed;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A coordinator on loopback refuses an agent of another version or plan, with both sides named; a matching one joins. */
class RegistrationTest {
    private static Coordinator coordinator(int agents) throws Exception {
        return Coordinator.start(new InetSocketAddress("127.0.0.1", 0),
                new Coordinator.Config(agents, "1.4.0", "aaaa1111", Messages.RunOptions.NONE, Duration.ofSeconds(5)));
    }

    private static String at(Coordinator c) {
        return "127.0.0.1:" + c.address().getPort();
    }

    @Test
    void anAgentOfAnotherVersionIsRefusedNamingBoth() throws Exception {
        try (Coordinator c = coordinator(1)) {
            assertThatThrownBy(() -> Agent.register(at(c), new Agent.Identity("1.5.0", "aaaa1111", null, "host-a", 11), 95))
                    .isInstanceOf(RegistrationRefusedException.class)
                    .hasMessageContaining("runs headroom 1.5.0 but the coordinator runs 1.4.0");
        }
    }

    @Test
    void anAgentWithAnotherPlanIsRefusedNamingBothHashes() throws Exception {
        try (Coordinator c = coordinator(1)) {
            assertThatThrownBy(() -> Agent.register(at(c), new Agent.Identity("1.4.0", "bbbb2222", null, "host-a", 11), 95))
                    .isInstanceOf(RegistrationRefusedException.class)
                    .hasMessageContaining("hash bbbb2222").hasMessageContaining("hash aaaa1111")
                    .hasMessageContaining("same plan file");
        }
    }

    @Test
    void matchingAgentsJoinWithTheirSegmentsAndAnExtraOneOrATakenIndexIsRefused() throws Exception {
        try (Coordinator c = coordinator(2);
             Agent first = Agent.register(at(c), new Agent.Identity("1.4.0", "aaaa1111", 1, "host-a", 11), 95);
             Agent second = Agent.register(at(c), new Agent.Identity("1.4.0", "aaaa1111", null, "host-b", 12), 95)) {
            assertThat(first.registration().index()).isEqualTo(1);
            assertThat(first.registration().segment()).isEqualTo("1/2:1");
            assertThat(second.registration().index()).isZero();
            assertThat(second.registration().segment()).isEqualTo("0:1/2");
            assertThatThrownBy(() -> Agent.register(at(c), new Agent.Identity("1.4.0", "aaaa1111", null, "host-c", 13), 95))
                    .hasMessageContaining("one too many");
            assertThatThrownBy(() -> Agent.register(at(c), new Agent.Identity("1.4.0", "aaaa1111", 1, "host-c", 13), 95))
                    .hasMessageContaining("which agent 1 (host-a, pid 11) holds");
        }
    }

    @Test
    void theNtpEstimateKeepsTheShortestRoundTrip() {
        // remote clock 1000 ns ahead; the slow sample's asymmetry would put it off by 400
        ClockOffset o = ClockOffset.of(java.util.List.of(new ClockOffset.Sample(0, 1_900, 1_000),
                new ClockOffset.Sample(2_000, 3_050, 2_100)));
        assertThat(o.rttNanos()).isEqualTo(100);
        assertThat(o.offsetNanos()).isEqualTo(1_000);
    }
}
