package io.headroom.bench.bare;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.bench.LoopbackHttpServer;
import io.headroom.http.HttpRequest;
import io.headroom.http.HttpResponse;
import io.headroom.http.HttpSession;
import io.headroom.http.HttpSessionOptions;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BareSocketTransportTest {
    @Test
    void readsStatusAndContentLengthBodyOnOneKeptConnection() throws Exception {
        try (LoopbackHttpServer server = new LoopbackHttpServer();
             HttpSession session = new BareSocketTransport().newSession(HttpSessionOptions.DEFAULTS)) {
            for (int i = 0; i < 3; i++) {
                HttpResponse r = session.send(HttpRequest.get(server.url("/hello")));
                assertThat(r.error()).isNull();
                assertThat(r.status()).isEqualTo(200);
                assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("Hello, World!");
            }
            assertThat(server.clientPorts.stream().distinct()).hasSize(1);
        }
    }
}
