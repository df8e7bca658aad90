package io.headroom.http.socket;

import static io.headroom.http.socket.RawServer.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.http.HttpMethod;
import io.headroom.http.HttpRequest;
import io.headroom.http.HttpResponse;
import io.headroom.http.HttpSession;
import io.headroom.http.HttpSessionOptions;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The transport against raw sockets that close, reset, stall or send odd but legal (or illegal) HTTP. */
class MisbehavingServerTest {
    private static final String OK_RESPONSE = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    private final SocketHttpTransport transport = new SocketHttpTransport();
    private RawServer server;
    private HttpSession session = transport.newSession(HttpSessionOptions.DEFAULTS);

    @AfterEach
    void stop() throws Exception {
        session.close();
        transport.close();
        if (server != null) server.close();
    }

    private static HttpSessionOptions withTimeout(Duration timeout) {
        return new HttpSessionOptions(timeout, 10, false, List.of(), true, "headroom-test");
    }

    private static HttpRequest post(String url, String body) {
        return new HttpRequest(HttpMethod.POST, URI.create(url), null, body.getBytes(StandardCharsets.UTF_8), null, null);
    }

    private static String text(HttpResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    /** Answers one request per connection, then closes without saying so (like an idle timeout firing). */
    private RawServer oneRequestPerConnection() throws Exception {
        return new RawServer((socket, index) -> {
            try (socket) {
                if (server.readRequest(socket.getInputStream()) != null) write(socket.getOutputStream(), OK_RESPONSE);
            }
        });
    }

    @Test
    void reconnectsTransparentlyWhenTheServerClosedTheIdleConnection() throws Exception {
        server = oneRequestPerConnection();
        for (int i = 0; i < 5; i++) {
            HttpResponse response = session.send(HttpRequest.get(server.url("/" + i)));
            assertThat(response.error()).as("request " + i).isNull();
            assertThat(response.status()).isEqualTo(200);
            assertThat(text(response)).isEqualTo("ok");
            // The retried request reports one connect, never two, and no time twice.
            assertThat(response.timings().connectingNanos()).isPositive();
        }
        assertThat(server.connections()).isEqualTo(5);
        assertThat(server.requestHeads).hasSize(5);
    }

    @Test
    void probesAnIdleConnectionBeforeSendingAPost() throws Exception {
        server = oneRequestPerConnection();
        try (SocketHttpTransport probing = new SocketHttpTransport(
                SocketTransportOptions.DEFAULTS.withIdleCheckAfter(Duration.ZERO));
             HttpSession s = probing.newSession(HttpSessionOptions.DEFAULTS)) {
            assertThat(s.send(post(server.url("/a"), "first")).status()).isEqualTo(200);
            Thread.sleep(100); // the server's FIN arrives meanwhile
            HttpResponse second = s.send(post(server.url("/b"), "second"));
            assertThat(second.error()).isNull();
            assertThat(second.status()).isEqualTo(200);
            assertThat(second.timings().blockedNanos()).isPositive(); // the probe's time
        }
        assertThat(server.requestHeads).hasSize(2);
    }

    @Test
    void doesNotResendAPostThatMayHaveReachedTheServer() throws Exception {
        // Negative control for the probe: without it, a POST on a dropped connection fails instead of being retried.
        server = oneRequestPerConnection();
        try (SocketHttpTransport noProbe = new SocketHttpTransport(
                SocketTransportOptions.DEFAULTS.withIdleCheckAfter(Duration.ofHours(1)));
             HttpSession s = noProbe.newSession(HttpSessionOptions.DEFAULTS)) {
            assertThat(s.send(post(server.url("/a"), "first")).status()).isEqualTo(200);
            Thread.sleep(100);
            HttpResponse second = s.send(post(server.url("/b"), "second"));
            assertThat(second.failed()).isTrue();
            assertThat(second.error().code()).isIn(1000, 1201, 1220);
            // The next request opens a new connection and succeeds.
            assertThat(s.send(post(server.url("/c"), "third")).status()).isEqualTo(200);
        }
        assertThat(server.connections()).isEqualTo(2);
    }

    @Test
    void resendsAPostWhoseWriteFailedOnAConnectionTheServerReset() throws Exception {
        // The write itself fails, so the server cannot have seen the request: safe to send it again.
        server = new RawServer((socket, index) -> {
            server.readRequest(socket.getInputStream());
            write(socket.getOutputStream(), OK_RESPONSE);
            Thread.sleep(50);
            socket.setSoLinger(true, 0);
            socket.close();
        });
        assertThat(session.send(post(server.url("/a"), "first")).status()).isEqualTo(200);
        Thread.sleep(200);
        HttpResponse second = session.send(post(server.url("/b"), "second"));
        assertThat(second.error()).isNull();
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.timings().connectingNanos()).isPositive();
        assertThat(server.requestHeads).hasSize(2);
    }

    @Test
    void honoursConnectionCloseFromTheServer() throws Exception {
        server = new RawServer((socket, index) -> {
            try (socket) {
                server.readRequest(socket.getInputStream());
                write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok");
                socket.getInputStream().read(); // keep the connection open until the client closes it
            }
        });
        for (int i = 0; i < 3; i++) {
            HttpResponse response = session.send(HttpRequest.get(server.url("/" + i)));
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.timings().connectingNanos()).isPositive();
        }
        assertThat(server.connections()).isEqualTo(3);
    }

    @Test
    void sendsConnectionCloseAndReconnectsWhenTheRequestAsksForIt() throws Exception {
        server = new RawServer((socket, index) -> {
            try (socket) {
                while (server.readRequest(socket.getInputStream()) != null) write(socket.getOutputStream(), OK_RESPONSE);
            }
        });
        HttpRequest closing = new HttpRequest(HttpMethod.GET, URI.create(server.url("/")),
                List.of(new io.headroom.http.HttpHeader("Connection", "close")), null, null, null);
        assertThat(session.send(closing).status()).isEqualTo(200);
        assertThat(session.send(closing).status()).isEqualTo(200);
        assertThat(server.connections()).isEqualTo(2);
        assertThat(server.requestHeads.get(0)).contains("Connection: close\r\n");
    }

    @Test
    void decodesChunkedBodiesWithExtensionsAndTrailersAcrossPacketBoundaries() throws Exception {
        server = new RawServer((socket, index) -> {
            try (socket) {
                OutputStream out = socket.getOutputStream();
                while (server.readRequest(socket.getInputStream()) != null) {
                    write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: X-Checksum\r\n\r\n5;ext=1\r\nhel");
                    Thread.sleep(20);
                    write(out, "lo\r\n");
                    write(out, "9\r\n, chunked\r\n");
                    Thread.sleep(20);
                    write(out, "0\r\nX-Checksum: 42\r\n\r\n");
                }
            }
        });
        for (int i = 0; i < 2; i++) {
            HttpResponse response = session.send(HttpRequest.get(server.url("/chunked")));
            assertThat(response.error()).isNull();
            assertThat(text(response)).isEqualTo("hello, chunked");
            assertThat(response.header("X-Checksum")).isEqualTo("42");
        }
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void prefersChunkedOverContentLengthAndDoesNotReuseSuchAConnection() throws Exception {
        server = new RawServer((socket, index) -> {
            try (socket) {
                while (server.readRequest(socket.getInputStream()) != null) {
                    write(socket.getOutputStream(),
                            "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
                }
            }
        });
        HttpResponse first = session.send(HttpRequest.get(server.url("/both")));
        assertThat(first.error()).isNull();
        assertThat(text(first)).isEqualTo("abc");
        assertThat(session.send(HttpRequest.get(server.url("/both"))).timings().connectingNanos()).isPositive();
        assertThat(server.connections()).isEqualTo(2);
    }

    @Test
    void readsABodyDelimitedByTheConnectionClose() throws Exception {
        server = new RawServer((socket, index) -> {
            try (socket) {
                server.readRequest(socket.getInputStream());
                write(socket.getOutputStream(), "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil ");
                Thread.sleep(20);
                write(socket.getOutputStream(), "the end");
            }
        });
        HttpResponse response = session.send(HttpRequest.get(server.url("/")));
        assertThat(response.error()).isNull();
        assertThat(text(response)).isEqualTo("until the end");
        assertThat(session.send(HttpRequest.get(server.url("/"))).timings().connectingNanos()).isPositive();
        assertThat(server.connections()).isEqualTo(2);
    }

    @Test
    void readsNoBodyForHeadAnd204And304AndSkipsInterimResponses() throws Exception {
        server = new RawServer((socket, index) -> {
            try (socket) {
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                String head;
                while ((head = server.readRequest(in)) != null) {
                    String path = head.substring(head.indexOf(' ') + 1, head.indexOf(' ', head.indexOf(' ') + 1));
                    switch (path) {
                        case "/head" -> write(out, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n");
                        case "/204" -> write(out, "HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n");
                        case "/304" -> write(out, "HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\n\r\n");
                        case "/103" -> write(out, "HTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n" + OK_RESPONSE);
                        default -> write(out, OK_RESPONSE);
                    }
                }
            }
        });
        HttpResponse head = session.send(new HttpRequest(HttpMethod.HEAD, URI.create(server.url("/head")), null, null, null, null));
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(session.send(HttpRequest.get(server.url("/204"))).status()).isEqualTo(204);
        assertThat(session.send(HttpRequest.get(server.url("/304"))).status()).isEqualTo(304);
        HttpResponse early = session.send(HttpRequest.get(server.url("/103")));
        assertThat(early.status()).isEqualTo(200);
        assertThat(early.header("Link")).isNull();
        HttpResponse last = session.send(HttpRequest.get(server.url("/last")));
        assertThat(text(last)).isEqualTo("ok");
        assertThat(server.connections()).isEqualTo(1); // no response swallowed the next one's bytes
    }

    @Test
    void countsTheExactWireBytesOfRequestAndResponse() throws Exception {
        String response = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-Pad: abc\r\n\r\nhello";
        server = new RawServer((socket, index) -> {
            try (socket) {
                while (server.readRequest(socket.getInputStream()) != null) write(socket.getOutputStream(), response);
            }
        });
        HttpResponse result = session.send(post(server.url("/count"), "twelve bytes"));
        assertThat(result.error()).isNull();
        assertThat(result.bytesSent()).isEqualTo(server.requestHeads.get(0).length() + 12);
        assertThat(result.bytesReceived()).isEqualTo(response.length());
    }

    @Test
    void timesOutWhenTheServerNeverAnswers() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        server = new RawServer((socket, index) -> {
            try (socket) {
                server.readRequest(socket.getInputStream());
                done.await(30, TimeUnit.SECONDS);
            }
        });
        try (HttpSession s = transport.newSession(withTimeout(Duration.ofMillis(500)))) {
            long start = System.nanoTime();
            HttpResponse response = s.send(HttpRequest.get(server.url("/stall")));
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(response.error()).isNotNull();
            assertThat(response.error().code()).isEqualTo(1050);
            assertThat(response.error().message()).isEqualTo("request timeout");
            assertThat(elapsedMillis).isBetween(400L, 10_000L);
            assertThat(response.timings().waitingNanos()).isGreaterThanOrEqualTo(300_000_000L);
        } finally {
            done.countDown();
        }
    }

    @Test
    void boundsTheWholeExchangeNotEachRead() throws Exception {
        // One body byte every 100 ms: no single read waits long, the exchange as a whole does.
        server = new RawServer((socket, index) -> {
            try (socket) {
                server.readRequest(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                write(out, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n");
                for (int i = 0; i < 100; i++) {
                    write(out, "x");
                    Thread.sleep(100);
                }
            }
        });
        try (HttpSession s = transport.newSession(withTimeout(Duration.ofMillis(700)))) {
            long start = System.nanoTime();
            HttpResponse response = s.send(HttpRequest.get(server.url("/trickle")));
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(response.error()).isNotNull();
            assertThat(response.error().code()).isEqualTo(1050);
            assertThat(elapsedMillis).isBetween(500L, 6_000L);
            assertThat(response.timings().receivingNanos()).isPositive();
        }
    }

    @Test
    void timesOutALargeUploadToAServerThatStoppedReading() throws Exception {
        // SO_TIMEOUT does not bound writes; the transport's watchdog must end this one at the deadline.
        CountDownLatch done = new CountDownLatch(1);
        server = new RawServer((socket, index) -> {
            try (socket) {
                socket.setReceiveBufferSize(4096);
                done.await(30, TimeUnit.SECONDS);
            }
        });
        byte[] body = new byte[64 * 1024 * 1024];
        try (HttpSession s = transport.newSession(withTimeout(Duration.ofMillis(500)))) {
            long start = System.nanoTime();
            HttpResponse response = s.send(new HttpRequest(HttpMethod.PUT, URI.create(server.url("/upload")), null, body, null,
                    null));
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(response.error()).isNotNull();
            assertThat(response.error().code()).isEqualTo(1050);
            assertThat(elapsedMillis).isBetween(400L, 10_000L);
            assertThat(response.timings().sendingNanos()).isPositive();
        } finally {
            done.countDown();
        }
    }

    @Test
    void reportsConnectionRefusedAs1212() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        HttpResponse response = session.send(HttpRequest.get("http://127.0.0.1:" + port + "/"));
        assertThat(response.error()).isNotNull();
        assertThat(response.error().code()).isEqualTo(1212);
        assertThat(response.error().message()).contains("connection refused");
        assertThat(response.timings().connectingNanos()).isPositive();
    }

    @Test
    void reportsAResetByThePeerAs1220() throws Exception {
        server = new RawServer((socket, index) -> {
            server.readRequest(socket.getInputStream());
            socket.setSoLinger(true, 0); // close with RST instead of FIN
            socket.close();
        });
        HttpResponse response = session.send(HttpRequest.get(server.url("/reset")));
        assertThat(response.error()).isNotNull();
        assertThat(response.error().code()).isEqualTo(1220);
        assertThat(response.error().message()).contains("connection reset by peer");
    }

    @Test
    void reportsAMalformedStatusLineAsAProtocolError() throws Exception {
        server = new RawServer((socket, index) -> {
            try (socket) {
                server.readRequest(socket.getInputStream());
                write(socket.getOutputStream(), "HTTZ/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
                socket.getInputStream().read();
            }
        });
        HttpResponse response = session.send(HttpRequest.get(server.url("/garbage")));
        assertThat(response.error()).isNotNull();
        assertThat(response.error().code()).isEqualTo(1000);
        assertThat(response.error().message()).startsWith("malformed HTTP response").contains("HTTZ/1.1");
        assertThat(response.status()).isZero();
    }

    @Test
    void reportsMalformedHeadersAndChunks() throws Exception {
        server = new RawServer((socket, index) -> {
            try (socket) {
                InputStream in = socket.getInputStream();
                String head;
                while ((head = server.readRequest(in)) != null) {
                    if (head.startsWith("GET /header")) {
                        write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nNo colon here\r\n\r\n");
                    } else if (head.startsWith("GET /length")) {
                        write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nContent-Length: 12abc\r\n\r\n");
                    } else {
                        write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
                    }
                }
            }
        });
        for (String path : List.of("/header", "/length", "/chunk")) {
            HttpResponse response = session.send(HttpRequest.get(server.url(path)));
            assertThat(response.error()).as(path).isNotNull();
            assertThat(response.error().code()).isEqualTo(1000);
            assertThat(response.error().message()).as(path).startsWith("malformed HTTP response");
        }
    }

    @Test
    void reportsABodyCutShortAsUnexpectedEof() throws Exception {
        server = new RawServer((socket, index) -> {
            try (socket) {
                server.readRequest(socket.getInputStream());
                write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort");
            }
        });
        HttpResponse response = session.send(HttpRequest.get(server.url("/cut")));
        assertThat(response.error()).isNotNull();
        assertThat(response.error().code()).isEqualTo(1000);
        assertThat(response.error().message()).isEqualTo("unexpected EOF");
        assertThat(server.connections()).isEqualTo(1); // a fresh connection is never retried
    }

    @Test
    void endsTheExchangePromptlyWhenTheVirtualUserIsInterrupted() throws Exception {
        CountDownLatch requestArrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        server = new RawServer((socket, index) -> {
            try (socket) {
                server.readRequest(socket.getInputStream());
                requestArrived.countDown();
                release.await(30, TimeUnit.SECONDS);
            }
        });
        AtomicReference<HttpResponse> result = new AtomicReference<>();
        AtomicReference<Boolean> flagAfter = new AtomicReference<>();
        Thread vu = Thread.ofVirtual().start(() -> {
            result.set(session.send(HttpRequest.get(server.url("/stall"))));
            flagAfter.set(Thread.currentThread().isInterrupted());
        });
        try {
            assertThat(requestArrived.await(10, TimeUnit.SECONDS)).isTrue();
            long start = System.nanoTime();
            vu.interrupt();
            vu.join(Duration.ofSeconds(10));
            assertThat(vu.isAlive()).isFalse();
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000L);
            assertThat(result.get().error()).isEqualTo(SocketErrors.INTERRUPTED);
            assertThat(flagAfter.get()).isTrue();
        } finally {
            release.countDown();
        }
    }

    @Test
    void reportsAnUnknownHostAs1101() {
        HttpResponse response = session.send(HttpRequest.get("http://no-such-host.invalid/"));
        assertThat(response.error()).isNotNull();
        assertThat(response.error().code()).isEqualTo(1101);
        assertThat(response.error().message()).contains("no-such-host.invalid");
    }
}
