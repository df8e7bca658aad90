package io.headroom.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TransportShootoutTest {

    @ParameterizedTest
    @ValueSource(strings = {"socket", "netty", "jdk", "bare"})
    void stopsAtTheRequestBudgetAndCountsEveryRequest(String transport) throws Exception {
        try (LoopbackHttpServer server = new LoopbackHttpServer()) {
            ShootoutSettings settings = new ShootoutSettings(transport, URI.create(server.url("/hello")), 4,
                    Duration.ofSeconds(30), 200, 1, Duration.ofSeconds(5), Duration.ZERO);
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            ShootoutResult r = TransportShootout.run(settings, new PrintStream(log, true, StandardCharsets.UTF_8));

            assertThat(r.requests()).isEqualTo(200);
            assertThat(r.errors()).isZero();
            assertThat(r.non2xx()).isZero();
            assertThat(r.latencyMicros().getTotalCount()).isEqualTo(200);
            assertThat(r.elapsedSeconds()).isLessThan(30);
            assertThat(log.toString(StandardCharsets.UTF_8)).contains("probe 200, 13 bytes \"Hello, World!\"");
        }
    }

    @Test
    void stopsAtTheDurationWhenTheBudgetIsLarger() throws Exception {
        try (LoopbackHttpServer server = new LoopbackHttpServer()) {
            ShootoutSettings settings = new ShootoutSettings("socket", URI.create(server.url("/hello")), 2,
                    Duration.ofSeconds(1), 100_000_000, 1, Duration.ofSeconds(5), Duration.ZERO);
            ShootoutResult r = TransportShootout.run(settings, new PrintStream(new ByteArrayOutputStream()));

            assertThat(r.requests()).isPositive().isLessThan(100_000_000);
            assertThat(r.elapsedSeconds()).isGreaterThanOrEqualTo(1.0).isLessThan(20.0);
            // the steady window starts a quarter into the run, so it saw some but not all requests
            assertThat(r.steadyRequests()).isPositive().isLessThan(r.requests());
            assertThat(r.steadyCpuNanos()).isPositive();
        }
    }

    @Test
    void pausesAfterEachRequestWhenThinking() throws Exception {
        try (LoopbackHttpServer server = new LoopbackHttpServer()) {
            ShootoutSettings settings = new ShootoutSettings("socket", URI.create(server.url("/hello")), 2,
                    Duration.ofSeconds(1), 100_000_000, 1, Duration.ofSeconds(5), Duration.ofMillis(200));
            ShootoutResult r = TransportShootout.run(settings, new PrintStream(new ByteArrayOutputStream()));

            // 1 s with 200 ms pauses: at most 6 requests per VU (back-to-back would be thousands)
            assertThat(r.requests()).isBetween(2L, 12L);
            assertThat(r.errors()).isZero();
        }
    }

    @Test
    void printsAResultLineTheScriptCanParse() throws Exception {
        try (LoopbackHttpServer server = new LoopbackHttpServer()) {
            ShootoutSettings settings = new ShootoutSettings("bare", URI.create(server.url("/hello")), 1,
                    Duration.ofSeconds(30), 10, 1, Duration.ofSeconds(5), Duration.ZERO);
            ShootoutResult r = TransportShootout.run(settings, new PrintStream(new ByteArrayOutputStream()));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            TransportShootout.print(r, new PrintStream(out, true, StandardCharsets.UTF_8));

            assertThat(out.toString(StandardCharsets.UTF_8))
                    .containsPattern("(?m)^RESULT transport=bare detail=bare requests=10 seconds=[0-9.]+ rps=[0-9.]+ "
                            + "p50_ms=[0-9.]+ p99_ms=[0-9.]+ errors=0 non2xx=0 jvm_cpu_s=[0-9.]+ "
                            + "steady_req_per_cpu_s=[0-9.]+$");
        }
    }

    @Test
    void refusesATargetThatIsNotLoopback() {
        assertThatThrownBy(() -> TransportShootout.parse(new String[] {"--transport", "socket", "--url",
                "http://example.com/"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loopback");
    }

    @Test
    void refusesAnUnknownTransport() {
        assertThatThrownBy(() -> TransportShootout.parse(new String[] {"--transport", "okhttp", "--url",
                "http://127.0.0.1:1/"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[socket, netty, jdk, bare]");
    }

    @Test
    void readsEveryOption() {
        ShootoutSettings s = TransportShootout.parse(new String[] {"--transport", "netty", "--url",
                "http://127.0.0.1:8080/x", "--vus", "7", "--duration-seconds", "3", "--max-requests", "700",
                "--netty-threads", "2", "--request-timeout-seconds", "9", "--think-millis", "250"});
        assertThat(s).isEqualTo(new ShootoutSettings("netty", URI.create("http://127.0.0.1:8080/x"), 7,
                Duration.ofSeconds(3), 700, 2, Duration.ofSeconds(9), Duration.ofMillis(250)));
    }
}
