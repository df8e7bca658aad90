package io.headroom.http.socket;

import static io.headroom.http.socket.RawServer.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.http.HttpErrorCode;
import io.headroom.http.HttpMethod;
import io.headroom.http.HttpRequest;
import io.headroom.http.HttpResponse;
import io.headroom.http.HttpSession;
import io.headroom.http.HttpSessionOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile servers on loopback against the response limits: bodies past the body limit are kept only up to it
 * (Content-Length, chunked, close-delimited, gzip), endless bodies cost no memory, and header sections past their
 * byte or field limit fail with their own codes; each with a control that stays under the limit and succeeds.
 */
class ResponseLimitsTest {
    private static final int KIB = 1024;
    private static final int MIB = 1024 * 1024;

    private final SocketHttpTransport transport = new SocketHttpTransport();
    private RawServer server;

    @AfterEach
    void stop() throws Exception {
        transport.close();
        if (server != null) server.close();
    }

    private static HttpSessionOptions limits(long bodyLimitBytes) {
        return new HttpSessionOptions(Duration.ofSeconds(30), 10, false, List.of(), true, "headroom-test")
                .withResponseBodyLimitBytes(bodyLimitBytes);
    }

    /** Byte i of every test body: a pattern, so a kept prefix can be compared exactly. */
    private static byte bodyByte(long i) {
        return (byte) ('a' + i % 26);
    }

    private static byte[] pattern(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) b[i] = bodyByte(i);
        return b;
    }

    /** Answers every request on a connection with {@code response}, so reuse shows in the connection count. */
    private RawServer keepAlive(byte[] response) throws IOException {
        return new RawServer((socket, index) -> {
            try (socket) {
                while (server.readRequest(socket.getInputStream()) != null) {
                    socket.getOutputStream().write(response);
                    socket.getOutputStream().flush();
                }
            }
        });
    }

    private static byte[] fixedResponse(int bodyLength) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("HTTP/1.1 200 OK\r\nContent-Length: " + bodyLength + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(pattern(bodyLength));
        return out.toByteArray();
    }

    /** A chunked response of {@code bodyLength} bytes in chunks of {@code chunkBytes}. */
    private static byte[] chunkedResponse(int bodyLength, int chunkBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        byte[] body = pattern(bodyLength);
        for (int at = 0; at < bodyLength; at += chunkBytes) {
            int n = Math.min(chunkBytes, bodyLength - at);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, at, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.writeBytes("0\r\nX-Trailer: t\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    @Test
    void keepsTheFirstBytesOfAContentLengthBodyPastTheLimitAndReusesTheConnection() throws Exception {
        byte[] response = fixedResponse(3 * MIB);
        server = keepAlive(response);
        try (HttpSession s = transport.newSession(limits(64 * KIB))) {
            for (int i = 0; i < 2; i++) {
                HttpResponse r = s.send(HttpRequest.get(server.url("/big")));
                assertThat(r.error()).isNull();
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.bodyTruncated()).isTrue();
                assertThat(r.body()).isEqualTo(pattern(64 * KIB));
                assertThat(r.bytesReceived()).isEqualTo(response.length); // every byte read and counted
            }
        }
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void keepsTheFirstBytesOfAChunkedBodyPastTheLimitAndReusesTheConnection() throws Exception {
        // 7,000-byte chunks: the limit falls inside one, which is then half kept, half dropped.
        byte[] response = chunkedResponse(2 * MIB, 7000);
        server = keepAlive(response);
        try (HttpSession s = transport.newSession(limits(100_000))) {
            for (int i = 0; i < 2; i++) {
                HttpResponse r = s.send(HttpRequest.get(server.url("/chunked")));
                assertThat(r.error()).isNull();
                assertThat(r.bodyTruncated()).isTrue();
                assertThat(r.body()).isEqualTo(pattern(100_000));
                assertThat(r.header("X-Trailer")).isEqualTo("t"); // the framing held to the end
                assertThat(r.bytesReceived()).isEqualTo(response.length);
            }
        }
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void keepsTheFirstBytesOfABodyEndedByTheClose() throws Exception {
        byte[] body = pattern(MIB);
        server = new RawServer((socket, index) -> {
            try (socket) {
                server.readRequest(socket.getInputStream());
                write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\n\r\n");
                socket.getOutputStream().write(body);
            }
        });
        try (HttpSession s = transport.newSession(limits(10_000))) {
            HttpResponse r = s.send(HttpRequest.get(server.url("/close")));
            assertThat(r.error()).isNull();
            assertThat(r.bodyTruncated()).isTrue();
            assertThat(r.body()).isEqualTo(pattern(10_000));
            assertThat(r.bytesReceived()).isEqualTo("HTTP/1.1 200 OK\r\n\r\n".length() + MIB);
        }
    }

    @Test
    void keepsLargeBodiesUnderTheLimitWhole() throws Exception {
        // Negative control: 3 MiB under the default 10 MiB, and bodies of exactly the limit, are not cut.
        server = keepAlive(fixedResponse(3 * MIB));
        try (HttpSession s = transport.newSession(HttpSessionOptions.DEFAULTS)) {
            HttpResponse r = s.send(HttpRequest.get(server.url("/big")));
            assertThat(r.bodyTruncated()).isFalse();
            assertThat(r.body()).isEqualTo(pattern(3 * MIB));
        }
        server.close();
        server = keepAlive(chunkedResponse(100_000, 7000));
        try (HttpSession s = transport.newSession(limits(100_000))) {
            HttpResponse r = s.send(HttpRequest.get(server.url("/exact")));
            assertThat(r.error()).isNull();
            assertThat(r.bodyTruncated()).isFalse();
            assertThat(r.body()).isEqualTo(pattern(100_000));
        }
        server.close();
        server = keepAlive(fixedResponse(100_000));
        try (HttpSession s = transport.newSession(limits(100_000))) {
            HttpResponse r = s.send(HttpRequest.get(server.url("/exact")));
            assertThat(r.bodyTruncated()).isFalse();
            assertThat(r.body()).hasSize(100_000);
        }
    }

    @Test
    void discardsBodiesWithALimitOfZeroUnlessTheRequestKeepsItsOwn() throws Exception {
        byte[] response = fixedResponse(200_000);
        server = keepAlive(response);
        try (HttpSession s = transport.newSession(limits(0))) {
            HttpResponse discarded = s.send(HttpRequest.get(server.url("/a")));
            assertThat(discarded.error()).isNull();
            assertThat(discarded.body()).isEmpty();
            assertThat(discarded.bodyTruncated()).isTrue();
            assertThat(discarded.bytesReceived()).isEqualTo(response.length);
            HttpResponse kept = s.send(new HttpRequest(HttpMethod.GET, URI.create(server.url("/b")), null, null, null,
                    null, 1_000_000L));
            assertThat(kept.bodyTruncated()).isFalse();
            assertThat(kept.body()).isEqualTo(pattern(200_000));
        }
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void streamsAnEndlessChunkedBodyUntilTheTimeoutWithoutGrowingMemory() throws Exception {
        int limit = 64 * KIB;
        byte[] chunk = ("4000\r\n" + new String(pattern(0x4000), StandardCharsets.ISO_8859_1) + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        server = new RawServer((socket, index) -> {
            try (socket) {
                server.readRequest(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
                long until = System.nanoTime() + Duration.ofSeconds(30).toNanos(); // bounded even if the client hangs
                while (System.nanoTime() - until < 0) out.write(chunk); // ends when the client closes
            }
        });
        HttpSessionOptions options = new HttpSessionOptions(Duration.ofSeconds(2), 10, false, List.of(), true, null)
                .withResponseBodyLimitBytes(limit);
        try (HttpSession s = transport.newSession(options)) {
            HttpResponse r = s.send(HttpRequest.get(server.url("/endless")));
            assertThat(r.error()).isNotNull();
            assertThat(r.error().type()).isEqualTo(HttpErrorCode.REQUEST_TIMEOUT);
            // It streamed far past the limit, yet what the session holds for the body never grew past it.
            assertThat(r.bytesReceived()).isGreaterThan(4L * limit);
            assertThat(((SocketHttpSession) s).bodyScratchBytes()).isLessThanOrEqualTo(limit);
        }
    }

    @Test
    void boundsTheDecodedBodyOfACompressionBombAndDecodesACutGzipPrefix() throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            byte[] zeros = new byte[MIB];
            for (int i = 0; i < 64; i++) z.write(zeros); // 64 MiB inflated, a few KiB on the wire
        }
        byte[] compressed = gz.toByteArray();
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        response.writeBytes(("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: " + compressed.length
                + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        response.writeBytes(compressed);
        server = keepAlive(response.toByteArray());
        try (HttpSession s = transport.newSession(limits(MIB))) {
            HttpResponse r = s.send(HttpRequest.get(server.url("/bomb")));
            assertThat(r.error()).isNull();
            assertThat(r.bodyTruncated()).isTrue();
            assertThat(r.body()).hasSize(MIB);
        }
        // A limit below the compressed size: the kept gzip prefix decodes as far as it goes, no error.
        int cut = compressed.length / 2;
        try (HttpSession s = transport.newSession(limits(cut))) {
            HttpResponse r = s.send(HttpRequest.get(server.url("/bomb")));
            assertThat(r.error()).isNull();
            assertThat(r.bodyTruncated()).isTrue();
            assertThat(r.body().length).isBetween(1, cut);
            assertThat(r.body()).containsOnly(0);
        }
    }

    private RawServer headerServer(String head) throws IOException {
        return new RawServer((socket, index) -> {
            try (socket) {
                while (server.readRequest(socket.getInputStream()) != null) write(socket.getOutputStream(), head);
            }
        });
    }

    private static String headWithFields(int fields, int valueBytes) {
        StringBuilder s = new StringBuilder("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n");
        for (int i = 1; i < fields; i++) s.append("X-F").append(i).append(": ").append("v".repeat(valueBytes)).append("\r\n");
        return s.append("\r\nok").toString();
    }

    @Test
    void failsAResponseWithMoreHeaderFieldsThanTheLimit() throws Exception {
        server = headerServer(headWithFields(101, 8));
        try (HttpSession s = transport.newSession(HttpSessionOptions.DEFAULTS)) {
            HttpResponse r = s.send(HttpRequest.get(server.url("/many")));
            assertThat(r.error()).isNotNull();
            assertThat(r.error().type()).isEqualTo(HttpErrorCode.RESPONSE_TOO_MANY_HEADERS);
            assertThat(r.error().code()).isEqualTo(1802);
            assertThat(r.error().message()).isEqualTo("response header section has more than 100 fields");
        }
    }

    @Test
    void acceptsAsManyHeaderFieldsAsTheLimit() throws Exception {
        server = headerServer(headWithFields(100, 8));
        try (HttpSession s = transport.newSession(HttpSessionOptions.DEFAULTS)) {
            HttpResponse r = s.send(HttpRequest.get(server.url("/many")));
            assertThat(r.error()).isNull();
            assertThat(r.headers()).hasSize(100);
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("ok");
        }
    }

    @Test
    void failsAHeaderSectionLargerThanTheLimit() throws Exception {
        server = headerServer(headWithFields(8, 10 * KIB)); // 7 fields of 10 KiB: about 70 KiB
        try (HttpSession s = transport.newSession(HttpSessionOptions.DEFAULTS)) {
            HttpResponse r = s.send(HttpRequest.get(server.url("/large")));
            assertThat(r.error()).isNotNull();
            assertThat(r.error().type()).isEqualTo(HttpErrorCode.RESPONSE_HEADER_TOO_LARGE);
            assertThat(r.error().code()).isEqualTo(1801);
            assertThat(r.error().message()).isEqualTo("response header section larger than 65536 bytes");
        }
    }

    @Test
    void acceptsALargeHeaderSectionUnderTheLimitAndARaisedLimit() throws Exception {
        server = headerServer(headWithFields(7, 10 * KIB)); // about 60 KiB
        try (HttpSession s = transport.newSession(HttpSessionOptions.DEFAULTS)) {
            HttpResponse r = s.send(HttpRequest.get(server.url("/large")));
            assertThat(r.error()).isNull();
            assertThat(r.header("X-F6")).hasSize(10 * KIB);
        }
        server.close();
        server = headerServer(headWithFields(30, 10 * KIB)); // about 300 KiB, one line past the read buffer's 64 KiB
        try (HttpSession s = transport.newSession(HttpSessionOptions.DEFAULTS.withResponseHeaderLimits(MIB, 100))) {
            HttpResponse r = s.send(HttpRequest.get(server.url("/large")));
            assertThat(r.error()).isNull();
            assertThat(r.headers()).hasSize(30);
        }
    }

    /** Sends a status line, then {@code line} over and over (or bytes without a line end), for up to 30 s. */
    private RawServer endlessHead(byte[] repeated) throws IOException {
        return new RawServer((socket, index) -> {
            try (socket) {
                server.readRequest(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                write(out, "HTTP/1.1 200 OK\r\n");
                long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (System.nanoTime() - until < 0) out.write(repeated); // ends when the client closes
            }
        });
    }

    @Test
    void failsAnEndlessHeaderSectionOnTheFieldCountThenOnItsSize() throws Exception {
        byte[] fields = "X-Endless: and on and on\r\n".repeat(100).getBytes(StandardCharsets.ISO_8859_1);
        server = endlessHead(fields);
        try (HttpSession s = transport.newSession(HttpSessionOptions.DEFAULTS)) {
            HttpResponse r = s.send(HttpRequest.get(server.url("/endless")));
            assertThat(r.error()).isNotNull();
            assertThat(r.error().code()).isEqualTo(1802);
        }
        try (HttpSession s = transport.newSession(HttpSessionOptions.DEFAULTS.withResponseHeaderLimits(64 * KIB, 1_000_000))) {
            HttpResponse r = s.send(HttpRequest.get(server.url("/endless")));
            assertThat(r.error()).isNotNull();
            assertThat(r.error().code()).isEqualTo(1801);
        }
    }

    @Test
    void failsAnEndlessHeaderLineOnTheSectionSize() throws Exception {
        byte[] noLineEnd = new byte[8 * KIB];
        Arrays.fill(noLineEnd, (byte) 'x');
        server = endlessHead(noLineEnd);
        try (HttpSession s = transport.newSession(HttpSessionOptions.DEFAULTS)) {
            HttpResponse r = s.send(HttpRequest.get(server.url("/endless")));
            assertThat(r.error()).isNotNull();
            assertThat(r.error().code()).isEqualTo(1801);
            assertThat(r.bytesReceived()).isLessThan(10L * MIB); // it stopped at the limit, not at the timeout
        }
    }

    @Test
    void boundsTheTrailerSectionLikeTheHeaderSection() throws Exception {
        StringBuilder trailers = new StringBuilder("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n");
        for (int i = 0; i < 101; i++) trailers.append("X-T").append(i).append(": t\r\n");
        server = headerServer(trailers.append("\r\n").toString());
        try (HttpSession s = transport.newSession(HttpSessionOptions.DEFAULTS)) {
            HttpResponse r = s.send(HttpRequest.get(server.url("/trailers")));
            assertThat(r.error()).isNotNull();
            assertThat(r.error().code()).isEqualTo(1802);
            assertThat(r.error().message()).contains("trailer");
        }
    }
}
