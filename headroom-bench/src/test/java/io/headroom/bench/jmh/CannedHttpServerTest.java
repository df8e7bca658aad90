package io.headroom.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.http.HttpRequest;
import io.headroom.http.HttpResponse;
import io.headroom.http.HttpSession;
import io.headroom.http.HttpSessionOptions;
import io.headroom.http.socket.SocketHttpTransport;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CannedHttpServerTest {
    @Test
    void answersEveryRequestOnAKeptConnectionWithTheCannedResponse() throws Exception {
        try (CannedHttpServer server = new CannedHttpServer(); SocketHttpTransport transport = new SocketHttpTransport();
             HttpSession session = transport.newSession(HttpSessionOptions.DEFAULTS)) {
            for (int i = 0; i < 3; i++) {
                HttpResponse r = session.send(HttpRequest.get(server.url().toString()));
                assertThat(r.error()).isNull();
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.header("Server")).isEqualTo("canned");
                assertThat(new String(r.body(), StandardCharsets.US_ASCII)).isEqualTo("Hello, World!");
            }
        }
    }
}
