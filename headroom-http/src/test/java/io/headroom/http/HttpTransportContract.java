package io.headroom.http;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The contract every {@link HttpTransport} keeps, against real loopback servers: a session reuses its keep-alive
 * connection, counts wire bytes, and returns refused connections, timeouts and malformed responses as failures
 * with k6's codes, never as exceptions. A transport's test extends this class and supplies
 * {@link #newTransport()}; it ships in headroom-http's test jar so headroom-bench's transports run it too (Netty and
 * the JDK's client; not the bench's {@code BareSocketTransport}, the shoot-out's floor, which by design classifies no
 * error and has no timeout).
 */
public abstract class HttpTransportContract {
    private HttpServer server;
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private HttpTransport transport;

    /** A new transport under test; closed after each test. */
    protected abstract HttpTransport newTransport();

    /**
     * False for a transport that cannot see the bytes on the wire (the JDK's {@code HttpClient} hides its
     * connection): its byte counts are not checked, and the report shows that test skipped, not passed.
     */
    protected boolean seesWireBytes() {
        return true;
    }

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hello", exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            byte[] body = "hello".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/stall", exchange -> {
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        transport = newTransport();
    }

    @AfterEach
    void stopServer() {
        transport.close();
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static HttpRequest get(String url, Duration timeout) {
        return new HttpRequest(HttpMethod.GET, URI.create(url), List.of(), null, timeout, null);
    }

    @Test
    void reusesTheKeepAliveConnectionOfASession() {
        try (HttpSession session = transport.newSession(HttpSessionOptions.DEFAULTS)) {
            for (int i = 0; i < 5; i++) {
                HttpResponse r = session.send(HttpRequest.get(url("/hello")));
                assertThat(r.error()).isNull();
                assertThat(r.status()).isEqualTo(200);
                assertThat(new String(r.body(), StandardCharsets.US_ASCII)).isEqualTo("hello");
            }
        }
        assertThat(clientPorts).as("client ports seen by the server").hasSize(1);
    }

    @Test
    void countsHeaderAndBodyBytesOnTheWire() {
        assumeTrue(seesWireBytes(), "this transport cannot see the bytes on the wire");
        try (HttpSession session = transport.newSession(HttpSessionOptions.DEFAULTS)) {
            HttpResponse r = session.send(HttpRequest.get(url("/hello")));
            assertThat(r.error()).isNull();
            // The request line alone is "GET /hello HTTP/1.1\r\n"; the response has a status line, headers and 5 body bytes.
            assertThat(r.bytesSent()).isGreaterThanOrEqualTo("GET /hello HTTP/1.1\r\n\r\n".length());
            assertThat(r.bytesReceived()).isGreaterThan("HTTP/1.1 200 OK\r\n\r\n".length() + 5L);
        }
    }

    @Test
    void aRefusedConnectionIsAFailureWithItsCode() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        try (HttpSession session = transport.newSession(HttpSessionOptions.DEFAULTS)) {
            HttpResponse r = session.send(HttpRequest.get("http://127.0.0.1:" + closedPort + "/"));
            assertThat(r.failed()).isTrue();
            assertThat(r.status()).isZero();
            assertThat(r.error().type()).isEqualTo(HttpErrorCode.TCP_DIAL_REFUSED);
        }
    }

    @Test
    void anExchangeOutlivingItsTimeoutIsARequestTimeout() {
        try (HttpSession session = transport.newSession(HttpSessionOptions.DEFAULTS)) {
            long start = System.nanoTime();
            HttpResponse r = session.send(get(url("/stall"), Duration.ofMillis(200)));
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(r.failed()).isTrue();
            assertThat(r.error().type()).isEqualTo(HttpErrorCode.REQUEST_TIMEOUT);
            assertThat(tookMillis).as("ms until the timeout was reported").isLessThan(1_500);
        }
    }

    @Test
    void aMalformedResponseIsAGenericFailure() throws Exception {
        try (ServerSocket raw = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = raw.accept()) {
                    s.getInputStream().read(new byte[4096]);
                    s.getOutputStream().write("NOT HTTP AT ALL\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    Thread.sleep(200);
                } catch (IOException | InterruptedException ignored) {
                    // the test's assertion tells
                }
            });
            try (HttpSession session = transport.newSession(HttpSessionOptions.DEFAULTS)) {
                HttpResponse r = session.send(get("http://127.0.0.1:" + raw.getLocalPort() + "/", Duration.ofSeconds(5)));
                assertThat(r.failed()).isTrue();
                assertThat(r.status()).isZero();
                assertThat(r.error().type()).isEqualTo(HttpErrorCode.GENERIC);
            }
        }
    }
}
