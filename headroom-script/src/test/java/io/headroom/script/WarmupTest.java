package io.headroom.script;

import io.headroom.http.HttpRequest;
import io.headroom.http.HttpResponse;
import io.headroom.http.HttpSession;
import io.headroom.http.HttpSessionOptions;
import io.headroom.http.HttpTransport;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class WarmupTest {

    @Test
    void runsEveryIterationAgainstItsOwnResponderAndLeavesTheTransportUsable() throws Exception {
        try (HttpTransport transport = Headroom.defaultTransport(); TestServer target = new TestServer()) {
            Warmup.Outcome outcome = Warmup.run(transport, 600);

            assertThat(outcome.checkedIterations()).isEqualTo(600);
            assertThat(outcome.took()).isLessThan(Warmup.TIME_LIMIT.plus(Duration.ofSeconds(5)));
            assertThat(target.seen).isEmpty(); // the warm-up never talks to anything but its own responder
            try (HttpSession session = transport.newSession(HttpSessionOptions.DEFAULTS)) {
                HttpResponse response = session.send(HttpRequest.get(target.baseUrl() + "/health"));
                assertThat(response.error()).isNull();
                assertThat(response.status()).isEqualTo(200);
            }
        }
    }
}
