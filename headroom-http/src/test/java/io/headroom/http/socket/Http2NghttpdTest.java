package io.headroom.http.socket;

import io.headroom.http.HttpErrorCode;
import io.headroom.http.HttpHeader;
import io.headroom.http.HttpMethod;
import io.headroom.http.HttpRequest;
import io.headroom.http.HttpResponse;
import io.headroom.http.HttpSession;
import io.headroom.http.HttpSessionOptions;
import io.headroom.http.HttpVersion;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The socket transport's HTTP/2 against nghttpd, an HTTP/2 server no one here wrote: h2c and h2 over TLS. */
class Http2NghttpdTest {
    private static final int BIG = 10_000_000;
    @TempDir
    static Path work;
    private static Nghttpd h2c;
    private static Nghttpd h2;
    private static final SocketHttpTransport transport = new SocketHttpTransport();
    private static final HttpSessionOptions H2 = HttpSessionOptions.DEFAULTS.withHttpVersion(HttpVersion.HTTP_2);

    @BeforeAll
    static void start() throws Exception {
        Path docroot = Files.createDirectories(work.resolve("www"));
        Files.writeString(docroot.resolve("index.html"), "hello over h2");
        byte[] big = new byte[BIG];
        for (int i = 0; i < big.length; i++) big[i] = (byte) ('a' + i % 26);
        Files.write(docroot.resolve("big.bin"), big);
        h2c = Nghttpd.start(docroot, Files.createDirectories(work.resolve("c")), false, "--echo-upload");
        h2 = Nghttpd.start(docroot, Files.createDirectories(work.resolve("t")), true);
    }

    @AfterAll
    static void stop() throws Exception {
        transport.close();
        if (h2c != null) h2c.close();
        if (h2 != null) h2.close();
    }

    @Test
    void h2cWithPriorKnowledgeReusesOneConnectionAndSaysHttp2() {
        try (HttpSession session = transport.newSession(H2)) {
            for (int i = 0; i < 5; i++) {
                HttpResponse r = session.send(HttpRequest.get(h2c.url(false, "/index.html")));
                assertThat(r.error()).isNull();
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.protocol()).isEqualTo(HttpResponse.HTTP_2);
                assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("hello over h2");
                assertThat(r.bytesReceived()).isPositive();
                if (i == 0) assertThat(r.timings().connectingNanos()).isPositive();
                else assertThat(r.timings().connectingNanos()).as("request %d reuses the connection", i).isZero();
                assertThat(r.timings().waitingNanos()).isPositive();
            }
            HttpResponse missing = session.send(HttpRequest.get(h2c.url(false, "/nope")));
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.error()).isNull();
        }
    }

    @Test
    void plainHttpWithoutAskingForHttp2IsHttp11AndNghttpdRefusesIt() {
        try (HttpSession session = transport.newSession(HttpSessionOptions.DEFAULTS)) {
            HttpResponse r = session.send(get(h2c.url(false, "/index.html"), Duration.ofSeconds(5)));
            // nghttpd speaks only HTTP/2: the default (auto) stays HTTP/1.1 on http:// as k6 does, and fails, fast.
            assertThat(r.failed()).isTrue();
            assertThat(r.protocol()).isEmpty();
        }
    }

    @Test
    void httpsNegotiatesH2ByAlpnWhenAuto() {
        HttpSessionOptions insecure = new HttpSessionOptions(Duration.ofSeconds(10), 10, true, List.of(), true, "t");
        try (HttpSession session = transport.newSession(insecure)) {
            HttpResponse r = session.send(HttpRequest.get(h2.url(true, "/index.html")));
            assertThat(r.error()).isNull();
            assertThat(r.protocol()).isEqualTo(HttpResponse.HTTP_2);
            assertThat(r.timings().tlsHandshakingNanos()).isPositive();
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("hello over h2");
        }
        // Negative control: pinned to HTTP/1.1 the same server (h2 only) cannot be reached; it fails, never hangs.
        try (HttpSession session = transport.newSession(insecure.withHttpVersion(HttpVersion.HTTP_1_1))) {
            HttpResponse r = session.send(HttpRequest.get(h2.url(true, "/index.html")));
            assertThat(r.failed()).isTrue();
        }
    }

    @Test
    void aTenMegabyteBodyArrivesWholeUnderFlowControlAndTheBodyLimitHolds() {
        try (HttpSession session = transport.newSession(H2.withResponseBodyLimitBytes(16L << 20))) {
            HttpResponse r = session.send(HttpRequest.get(h2c.url(false, "/big.bin")));
            assertThat(r.error()).isNull();
            assertThat(r.body()).hasSize(BIG);
            assertThat(r.bodyTruncated()).isFalse();
            assertThat(r.body()[BIG - 1]).isEqualTo((byte) ('a' + (BIG - 1) % 26));
        }
        try (HttpSession session = transport.newSession(H2.withResponseBodyLimitBytes(1 << 20))) {
            HttpResponse r = session.send(HttpRequest.get(h2c.url(false, "/big.bin")));
            assertThat(r.error()).isNull();
            assertThat(r.body()).hasSize(1 << 20);
            assertThat(r.bodyTruncated()).isTrue();
            assertThat(r.bytesReceived()).as("the rest was read and counted").isGreaterThan(BIG);
        }
    }

    @Test
    void aTenMegabyteUploadIsSentUnderTheServersFlowControl() {
        byte[] upload = new byte[BIG];
        Arrays.fill(upload, (byte) 'u');
        try (HttpSession session = transport.newSession(H2.withResponseBodyLimitBytes(16L << 20))) {
            HttpResponse r = session.send(new HttpRequest(HttpMethod.POST, URI.create(h2c.url(false, "/index.html")),
                    List.of(), upload, Duration.ofSeconds(30), null));
            assertThat(r.error()).isNull();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).as("nghttpd --echo-upload sends the body back").hasSize(BIG);
            assertThat(r.bytesSent()).isGreaterThan(BIG);
        }
    }

    @Test
    void largeRequestHeadersGoOutInContinuationFrames() {
        String big = "v".repeat(40_000); // past the 16 KiB default frame size: HEADERS + CONTINUATION
        try (HttpSession session = transport.newSession(H2)) {
            HttpResponse r = session.send(new HttpRequest(HttpMethod.GET, URI.create(h2c.url(false, "/index.html")),
                    List.of(new HttpHeader("X-Big", big)), null, Duration.ofSeconds(5), null));
            assertThat(r.error()).isNull();
            assertThat(r.status()).isEqualTo(200);
            // HPACK's Huffman code shrinks it, but the block is still past one 16 KiB frame: CONTINUATION was needed.
            assertThat(r.bytesSent()).isGreaterThan(16_384 + 9);
        }
    }

    @Test
    void aRequestPastItsTimeoutIsARequestTimeout() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress());
             HttpSession session = transport.newSession(H2)) {
            Thread.ofVirtual().start(() -> {
                try (java.net.Socket s = silent.accept()) {
                    Thread.sleep(3_000);
                } catch (Exception ignored) {
                    // the assertion tells
                }
            });
            long start = System.nanoTime();
            HttpResponse r = session.send(get("http://127.0.0.1:" + silent.getLocalPort() + "/", Duration.ofMillis(300)));
            assertThat(r.error().type()).isEqualTo(HttpErrorCode.REQUEST_TIMEOUT);
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
        }
    }

    private static HttpRequest get(String url, Duration timeout) {
        return new HttpRequest(HttpMethod.GET, URI.create(url), List.of(), null, timeout, null);
    }
}
