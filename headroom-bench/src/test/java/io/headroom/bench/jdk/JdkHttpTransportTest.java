package io.headroom.bench.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.bench.LoopbackHttpServer;
import io.headroom.http.HttpErrorCode;
import io.headroom.http.HttpRequest;
import io.headroom.http.HttpResponse;
import io.headroom.http.HttpSession;
import io.headroom.http.HttpSessionOptions;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JdkHttpTransportTest {
    @Test
    void returnsStatusHeadersAndBodyOfAGet() throws Exception {
        try (LoopbackHttpServer server = new LoopbackHttpServer(); JdkHttpTransport transport = new JdkHttpTransport();
             HttpSession session = transport.newSession(HttpSessionOptions.DEFAULTS)) {
            HttpResponse r = session.send(HttpRequest.get(server.url("/hello")));
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("X-Answer")).isEqualTo("42");
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("Hello, World!");
        }
    }

    @Test
    void reportsARefusedConnectionAsData() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (JdkHttpTransport transport = new JdkHttpTransport();
             HttpSession session = transport.newSession(HttpSessionOptions.DEFAULTS)) {
            HttpResponse r = session.send(HttpRequest.get("http://127.0.0.1:" + closedPort + "/"));
            assertThat(r.error().type()).isEqualTo(HttpErrorCode.TCP_DIAL_REFUSED);
        }
    }
}
