package io.headroom.bench.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.bench.LoopbackHttpServer;
import io.headroom.http.HttpErrorCode;
import io.headroom.http.HttpHeader;
import io.headroom.http.HttpMethod;
import io.headroom.http.HttpRequest;
import io.headroom.http.HttpResponse;
import io.headroom.http.HttpSession;
import io.headroom.http.HttpSessionOptions;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NettyHttpTransportTest {
    private static LoopbackHttpServer server;
    private static NettyHttpTransport transport;

    @BeforeAll
    static void start() throws Exception {
        server = new LoopbackHttpServer();
        transport = new NettyHttpTransport();
    }

    @AfterAll
    static void stop() {
        transport.close();
        server.close();
    }

    @Test
    void returnsStatusHeadersAndBodyOfAGet() {
        try (HttpSession session = transport.newSession(HttpSessionOptions.DEFAULTS)) {
            HttpResponse r = session.send(HttpRequest.get(server.url("/hello")));
            assertThat(r.error()).isNull();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("x-answer")).isEqualTo("42");
            assertThat(r.header("Content-Length")).isEqualTo("13");
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("Hello, World!");
            assertThat(r.bytesSent()).isPositive();
            assertThat(r.bytesReceived()).isGreaterThan(13);
            assertThat(r.timings().durationNanos()).isPositive();
        }
    }

    @Test
    void reusesOneConnectionForSequentialRequests() {
        server.clientPorts.clear();
        try (HttpSession session = transport.newSession(HttpSessionOptions.DEFAULTS)) {
            for (int i = 0; i < 5; i++) {
                assertThat(session.send(HttpRequest.get(server.url("/hello"))).status()).isEqualTo(200);
            }
        }
        assertThat(server.clientPorts).hasSize(5);
        assertThat(server.clientPorts.stream().distinct()).hasSize(1);
    }

    @Test
    void opensANewConnectionAfterTheServerAsksToClose() {
        server.clientPorts.clear();
        try (HttpSession session = transport.newSession(HttpSessionOptions.DEFAULTS)) {
            assertThat(session.send(HttpRequest.get(server.url("/close"))).status()).isEqualTo(200);
            HttpResponse next = session.send(HttpRequest.get(server.url("/hello")));
            assertThat(next.error()).isNull();
            assertThat(next.status()).isEqualTo(200);
        }
        assertThat(server.clientPorts.stream().distinct()).hasSize(2);
    }

    @Test
    void sendsARequestBodyWithItsContentLength() {
        server.requestContentLengths.clear();
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        try (HttpSession session = transport.newSession(HttpSessionOptions.DEFAULTS)) {
            HttpResponse r = session.send(new HttpRequest(HttpMethod.POST, URI.create(server.url("/echo")),
                    List.of(new HttpHeader("Content-Type", "application/json")), body, null, null));
            assertThat(r.status()).isEqualTo(201);
            assertThat(r.body()).isEqualTo(body);
        }
        assertThat(server.requestContentLengths).containsExactly(String.valueOf(body.length));
    }

    @Test
    void readsAChunkedBodyAndKeepsTheConnection() {
        server.clientPorts.clear();
        try (HttpSession session = transport.newSession(HttpSessionOptions.DEFAULTS)) {
            HttpResponse r = session.send(HttpRequest.get(server.url("/chunked")));
            assertThat(r.header("Transfer-Encoding")).isEqualTo("chunked");
            assertThat(new String(r.body(), StandardCharsets.US_ASCII)).isEqualTo("first-second");
            assertThat(session.send(HttpRequest.get(server.url("/hello"))).status()).isEqualTo(200);
        }
        assertThat(server.clientPorts.stream().distinct()).hasSize(1);
    }

    @Test
    void reportsARefusedConnectionAsData() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (HttpSession session = transport.newSession(HttpSessionOptions.DEFAULTS)) {
            HttpResponse r = session.send(HttpRequest.get("http://127.0.0.1:" + closedPort + "/"));
            assertThat(r.failed()).isTrue();
            assertThat(r.error().type()).isEqualTo(HttpErrorCode.TCP_DIAL_REFUSED);
            assertThat(r.status()).isZero();
        }
    }

    @Test
    void reportsATimeoutAsDataWhenTheServerStalls() {
        try (HttpSession session = transport.newSession(HttpSessionOptions.DEFAULTS)) {
            HttpResponse r = session.send(new HttpRequest(HttpMethod.GET, URI.create(server.url("/stall")), List.of(), null,
                    Duration.ofMillis(300), null));
            assertThat(r.failed()).isTrue();
            assertThat(r.error().type()).isEqualTo(HttpErrorCode.REQUEST_TIMEOUT);
            // the session recovers on a new connection
            assertThat(session.send(HttpRequest.get(server.url("/hello"))).status()).isEqualTo(200);
        }
    }

    @Test
    void refusesHttpsBecauseTheCandidateHasNoTls() {
        try (HttpSession session = transport.newSession(HttpSessionOptions.DEFAULTS)) {
            HttpResponse r = session.send(HttpRequest.get("https://127.0.0.1:1/"));
            assertThat(r.error().type()).isEqualTo(HttpErrorCode.INVALID_URL);
        }
    }
}
