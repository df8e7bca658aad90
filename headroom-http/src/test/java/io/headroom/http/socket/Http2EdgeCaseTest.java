package io.headroom.http.socket;

import com.sun.net.httpserver.HttpServer;
import io.headroom.http.HttpErrorCode;
import io.headroom.http.HttpMethod;
import io.headroom.http.HttpRequest;
import io.headroom.http.HttpResponse;
import io.headroom.http.HttpSession;
import io.headroom.http.HttpSessionOptions;
import io.headroom.http.HttpVersion;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** HTTP/2 protocol edge cases against {@link RawH2Server}, and HTTP/2 asked of a server that speaks only HTTP/1.1. */
class Http2EdgeCaseTest {
    private static final HttpSessionOptions H2 = new HttpSessionOptions(Duration.ofSeconds(5), 10, false, List.of(),
            true, "t").withHttpVersion(HttpVersion.HTTP_2);
    private final SocketHttpTransport transport = new SocketHttpTransport();

    @AfterEach
    void close() {
        transport.close();
    }

    @Test
    void rstStreamFailsThatRequestWithItsCodeAndTheConnectionGoesOn() throws Exception {
        try (RawH2Server server = new RawH2Server(0, (c, stream, nth) -> {
            if (nth == 1) c.rst(stream, 8); // CANCEL
            else c.ok(stream);
        }); HttpSession session = transport.newSession(H2)) {
            HttpResponse reset = session.send(HttpRequest.get(server.url("/a")));
            assertThat(reset.error().type()).isEqualTo(HttpErrorCode.HTTP2_STREAM);
            assertThat(reset.error().message()).contains("RST_STREAM").contains("CANCEL");
            HttpResponse next = session.send(HttpRequest.get(server.url("/b")));
            assertThat(next.error()).isNull();
            assertThat(next.status()).isEqualTo(200);
            assertThat(new String(next.body())).isEqualTo("ok");
            assertThat(server.connections.get()).as("a stream reset leaves the connection up").isEqualTo(1);
        }
    }

    @Test
    void aStreamTheServerRefusedUnprocessedIsSentAgainAndOneAlwaysRefusedFailsWith1630() throws Exception {
        // RFC 9113 §8.7: REFUSED_STREAM (0x7) means the server processed nothing; the request is safe to retry.
        try (RawH2Server server = new RawH2Server(0, (c, stream, nth) -> {
            if (nth == 1) c.rst(stream, 7);
            else c.ok(stream);
        }); HttpSession session = transport.newSession(H2)) {
            HttpResponse r = session.send(HttpRequest.get(server.url("/a")));
            assertThat(r.error()).isNull();
            assertThat(r.status()).isEqualTo(200);
            assertThat(server.connections.get()).isEqualTo(1);
        }
        // Control: refused every time, the request gives up after its retries with the server's reason.
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        try (RawH2Server server = new RawH2Server(0, (c, stream, nth) -> {
            asked.incrementAndGet();
            c.rst(stream, 7);
        }); HttpSession session = transport.newSession(H2)) {
            HttpResponse r = session.send(HttpRequest.get(server.url("/b")));
            assertThat(r.failed()).isTrue();
            assertThat(r.error().code()).isEqualTo(1630);
            assertThat(r.error().message()).contains("REFUSED_STREAM");
            assertThat(asked.get()).isEqualTo(1 + Http2Exchanges.MAX_REFUSALS_PER_STREAM);
        }
    }

    @Test
    void goAwayMidRunFailsTheUnansweredRequestAndTheNextOneReopens() throws Exception {
        try (RawH2Server server = new RawH2Server(0, (c, stream, nth) -> {
            if (nth == 2) {
                c.goAway(stream - 2, 0); // the server stops before answering this stream
                c.close();
            } else {
                c.ok(stream);
            }
        }); HttpSession session = transport.newSession(H2)) {
            assertThat(session.send(HttpRequest.get(server.url("/1"))).status()).isEqualTo(200);
            HttpResponse cut = session.send(HttpRequest.get(server.url("/2")));
            assertThat(cut.failed()).isTrue();
            assertThat(cut.error().type()).isEqualTo(HttpErrorCode.HTTP2_GOAWAY);
            assertThat(cut.error().message()).contains("GOAWAY").contains("NO_ERROR");
            HttpResponse after = session.send(HttpRequest.get(server.url("/3")));
            assertThat(after.error()).isNull();
            assertThat(after.status()).isEqualTo(200);
            assertThat(server.connections.get()).as("a new connection after GOAWAY").isEqualTo(2);
        }
    }

    @Test
    void maxConcurrentStreamsOfOneQueuesABatchAndCountsTheWaitAsBlocked() throws Exception {
        RawH2Server.Behaviour slow = (c, stream, nth) -> {
            Thread.sleep(100);
            c.ok(stream);
        };
        try (RawH2Server server = new RawH2Server(1, slow); HttpSession session = transport.newSession(H2)) {
            session.send(HttpRequest.get(server.url("/warm"))); // the connection and the server's SETTINGS first
            List<HttpResponse> batch = session.sendAll(Collections.nCopies(3, HttpRequest.get(server.url("/b"))));
            assertThat(batch).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
            assertThat(server.mostOpen.get()).as("streams open at once").isEqualTo(1);
            assertThat(batch.get(2).timings().blockedNanos()).as("the third waited for two streams")
                    .isGreaterThan(Duration.ofMillis(150).toNanos());
        }
        // Negative control: with room for 10 streams the same batch runs at once.
        try (RawH2Server server = new RawH2Server(10, slow); HttpSession session = transport.newSession(H2)) {
            session.send(HttpRequest.get(server.url("/warm")));
            List<HttpResponse> batch = session.sendAll(Collections.nCopies(3, HttpRequest.get(server.url("/b"))));
            assertThat(batch).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
            assertThat(server.mostOpen.get()).isEqualTo(3);
            assertThat(batch.get(2).timings().blockedNanos()).isLessThan(Duration.ofMillis(90).toNanos());
        }
    }

    @Test
    void aHeaderBlockOverContinuationFramesArrivesWholeAndTheHeaderLimitsHold() throws Exception {
        RawH2Server.Behaviour continued = (c, stream, nth) -> {
            ByteArrayOutputStream block = new ByteArrayOutputStream();
            block.write(0x88);
            for (int i = 0; i < 60; i++) block.write(RawH2Server.literal("x-h-" + i, "v".repeat(100)));
            byte[] all = block.toByteArray();
            int third = all.length / 3;
            c.frame(RawH2Server.HEADERS, 1, stream, java.util.Arrays.copyOfRange(all, 0, third)); // END_STREAM only
            c.frame(RawH2Server.CONTINUATION, 0, stream, java.util.Arrays.copyOfRange(all, third, 2 * third));
            c.frame(RawH2Server.CONTINUATION, 4, stream, java.util.Arrays.copyOfRange(all, 2 * third, all.length));
        };
        try (RawH2Server server = new RawH2Server(0, continued)) {
            try (HttpSession session = transport.newSession(H2)) {
                HttpResponse r = session.send(HttpRequest.get(server.url("/")));
                assertThat(r.error()).isNull();
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.headers()).hasSize(60);
                assertThat(r.header("x-h-59")).isEqualTo("v".repeat(100));
            }
            try (HttpSession session = transport.newSession(H2.withResponseHeaderLimits(64 * 1024, 50))) {
                HttpResponse r = session.send(HttpRequest.get(server.url("/")));
                assertThat(r.error().type()).isEqualTo(HttpErrorCode.RESPONSE_TOO_MANY_HEADERS);
            }
            try (HttpSession session = transport.newSession(H2.withResponseHeaderLimits(2048, 100))) {
                HttpResponse r = session.send(HttpRequest.get(server.url("/")));
                assertThat(r.error().type()).isEqualTo(HttpErrorCode.RESPONSE_HEADER_TOO_LARGE);
            }
        }
    }

    @Test
    void http2AskedOfAnHttp11OnlyServerFailsEachRequestClearlyAndAutoStaysOnHttp11() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "one-one".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            try (HttpSession session = transport.newSession(H2)) {
                for (int i = 0; i < 2; i++) {
                    long start = System.nanoTime();
                    HttpResponse r = session.send(new HttpRequest(HttpMethod.GET, URI.create(url), List.of(), null,
                            Duration.ofSeconds(10), null));
                    assertThat(r.failed()).isTrue();
                    assertThat(r.error().type()).isIn(HttpErrorCode.HTTP2, HttpErrorCode.HTTP2_CONNECTION);
                    assertThat((System.nanoTime() - start) / 1_000_000).as("ms, never a hang").isLessThan(5_000);
                }
            }
            try (HttpSession session = transport.newSession(H2.withHttpVersion(HttpVersion.AUTO))) {
                HttpResponse r = session.send(HttpRequest.get(url));
                assertThat(r.error()).isNull();
                assertThat(r.protocol()).isEqualTo(HttpResponse.HTTP_1_1);
            }
        } finally {
            server.stop(0);
        }
    }
}
