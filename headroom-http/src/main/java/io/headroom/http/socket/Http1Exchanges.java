package io.headroom.http.socket;

import static io.headroom.http.socket.HopRules.contains;
import static io.headroom.http.socket.HopRules.failure;
import static io.headroom.http.socket.HopRules.pathOf;
import static io.headroom.http.socket.HopRules.storeCookies;

import io.headroom.http.CookieJar;
import io.headroom.http.HttpError;
import io.headroom.http.HttpHeader;
import io.headroom.http.HttpMethod;
import io.headroom.http.HttpResponse;
import io.headroom.http.HttpSemantics;
import io.headroom.http.HttpSessionOptions;
import io.headroom.http.HttpTimings;
import io.headroom.http.HttpVersion;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The HTTP/1.1 hops of one {@link SocketHttpSession}: its keep-alive connections (at most one per origin, the least
 * recently used beyond {@link SocketHttpSession#MAX_ORIGINS} closed), the request encoder and response decoder it
 * reuses, and one exchange on the wire with the stale-connection retry. A connection whose ALPN picks h2 becomes an
 * HTTP/2 connection through {@link Http2Hops}. Redirects and version rules stay with the session. Used by the
 * session's thread only.
 */
final class Http1Exchanges {
    private final SocketHttpTransport transport;
    private final HttpSessionOptions options;
    private final CookieJar cookieJar;
    private final Http2Exchanges http2;
    private final Http2Hops hops;
    private final ExchangeTimer timer;
    private final ArrayList<Http1Connection> connections = new ArrayList<>(2);
    private Http1RequestEncoder encoder;
    private Http1ResponseDecoder decoder;

    Http1Exchanges(SocketHttpTransport transport, HttpSessionOptions options, CookieJar cookieJar, Http2Exchanges http2,
                   Http2Hops hops, ExchangeTimer timer) {
        this.transport = transport;
        this.options = options;
        this.cookieJar = cookieJar;
        this.http2 = http2;
        this.hops = hops;
        this.timer = timer;
    }

    /** Allocates the encoder and decoder on the session's first request (an idle VU holds neither). */
    void startUsing() {
        if (encoder == null) {
            encoder = new Http1RequestEncoder(transport.options.writeBufferBytes());
            decoder = new Http1ResponseDecoder(transport.options.readBufferBytes());
        }
    }

    /** One request/response on the wire, retried once on a fresh connection when a reused one turns out stale. */
    HttpResponse exchange(HttpMethod method, URI url, Target target, List<HttpHeader> headers, byte[] body,
                          long deadlineNanos, int keepBodyBytes, HttpVersion version, DeadlineWatchdog.Guard guard) {
        boolean closeAfter;
        try {
            closeAfter = encodeHead(method, url, target, headers, body);
        } catch (ExchangeFailure invalidRequest) {
            return failure(url, invalidRequest.error, HttpTimings.NONE, 0, 0);
        }
        boolean bodyInHead = encoder.appendIfFits(body);
        boolean idempotent = HttpSemantics.isIdempotent(method);
        // The hop starts once the request is encoded: blocked time is then only time spent getting a connection.
        timer.startHop(System.nanoTime());
        long bytesSent = 0;
        long bytesReceived = 0;
        for (int attempt = 0; ; attempt++) {
            Http1Connection connection = find(target);
            boolean reused = connection != null;
            if (reused && System.nanoTime() - connection.idleSinceNanos >= transport.idleCheckAfterNanos
                    && !connection.stillOpenAfterIdle(decoder.buffer())) {
                drop(connection);
                connection = null;
                reused = false;
            }
            decoder.clear();
            if (connection == null) {
                try {
                    connection = Http1Connection.open(target, transport.options.connectTo(), deadlineNanos,
                            transport.dialTimeoutNanos,
                            target.https() ? transport.tlsFactory(options.insecureSkipTlsVerify()) : null,
                            !options.insecureSkipTlsVerify(),
                            timer, Http2Hops.alpn(version));
                } catch (ExchangeFailure e) {
                    return failure(url, e.error, timer.timings(System.nanoTime()), bytesSent, bytesReceived);
                }
                if ("h2".equals(connection.applicationProtocol)) {
                    Http2Connection h2;
                    try {
                        h2 = hops.start(connection, target);
                    } catch (ExchangeFailure e) {
                        return failure(url, e.error, timer.timings(System.nanoTime()), bytesSent, bytesReceived);
                    }
                    http2.adopt(h2);
                    return hops.exchange(h2, true, method, url, target, headers, body, deadlineNanos, keepBodyBytes,
                            guard, timer);
                }
                if (version == HttpVersion.HTTP_2) {
                    connection.close();
                    return failure(url, Http2Hops.noH2ByAlpn(target, connection.applicationProtocol),
                            timer.timings(System.nanoTime()), bytesSent, bytesReceived);
                }
                remember(connection);
            }
            long writtenBefore = connection.bytesWritten();
            long readBefore = connection.bytesRead();
            SocketErrors.Phase phase = SocketErrors.Phase.WRITE;
            try {
                if (deadlineNanos != Http1Connection.NO_DEADLINE && System.nanoTime() - deadlineNanos >= 0) {
                    throw new ExchangeFailure(SocketErrors.REQUEST_TIMEOUT, false);
                }
                timer.sendStart = System.nanoTime();
                guard.arm(connection, deadlineNanos);
                write(connection, body, bodyInHead);
                timer.sendEnd = System.nanoTime();
                phase = SocketErrors.Phase.READ;
                decoder.decode(connection, method, deadlineNanos, timer, keepBodyBytes,
                        options.responseHeaderLimitBytes(), options.responseHeaderCountLimit());
                guard.disarm();
                long endNanos = System.nanoTime();
                bytesSent += connection.bytesWritten() - writtenBefore;
                bytesReceived += connection.bytesRead() - readBefore;
                connection.exchanges++;
                if (decoder.keepAlive && !closeAfter && !decoder.hasLeftover()) {
                    connection.idleSinceNanos = endNanos;
                } else {
                    drop(connection);
                }
                decoder.clear();
                List<HttpHeader> responseHeaders = List.copyOf(decoder.headers);
                decoder.headers.clear();
                if (cookieJar != null) storeCookies(cookieJar, target, url, responseHeaders);
                return new HttpResponse(url, decoder.status, responseHeaders, decoder.body, timer.timings(endNanos),
                        null, bytesSent, bytesReceived, List.of(), decoder.bodyTruncated);
            } catch (RuntimeException | Error e) {
                guard.disarm();
                throw e;
            } catch (IOException e) {
                guard.disarm();
                long failedNanos = System.nanoTime();
                bytesSent += connection.bytesWritten() - writtenBefore;
                bytesReceived += connection.bytesRead() - readBefore;
                boolean nothingReceived = decoder.responseBytes() == 0;
                drop(connection);
                decoder.clear();
                decoder.headers.clear();
                if (Thread.currentThread().isInterrupted()) {
                    return failure(url, SocketErrors.INTERRUPTED, timer.timings(failedNanos), bytesSent, bytesReceived);
                }
                // RFC 9112 §9.3.1: a request lost on a connection the server closed while idle may be retried
                // on a new connection; only if idempotent once the request was fully written.
                boolean deadlinePassed = deadlineNanos != Http1Connection.NO_DEADLINE && failedNanos - deadlineNanos >= 0;
                boolean retry = reused && attempt == 0 && nothingReceived && !deadlinePassed
                        && SocketErrors.isConnectionLoss(e) && (phase == SocketErrors.Phase.WRITE || idempotent);
                if (retry) {
                    timer.restartAttempt();
                    continue;
                }
                // Past the deadline, whatever broke (often the watchdog closing the socket) is a timeout.
                HttpError error = deadlinePassed
                        ? SocketErrors.REQUEST_TIMEOUT
                        : SocketErrors.classify(e, phase, target.authority(), false);
                return failure(url, error, timer.timings(failedNanos), bytesSent, bytesReceived);
            }
        }
    }

    /**
     * Encodes the request head for one hop; returns whether the request asked to close the connection afterwards.
     * Order: Host, User-Agent, default headers not overridden by the request, request headers, credentials from
     * the URL, Content-Length, Cookie. The session frames the body itself, so user Content-Length and
     * Transfer-Encoding headers are dropped.
     */
    private boolean encodeHead(HttpMethod method, URI url, Target target, List<HttpHeader> headers, byte[] body)
            throws ExchangeFailure {
        Http1RequestEncoder e = encoder;
        e.reset();
        e.requestLine(method, url);
        List<HttpHeader> defaults = options.defaultHeaders();
        boolean hostGiven = contains(headers, "Host") || contains(defaults, "Host");
        boolean userAgentGiven = contains(headers, "User-Agent") || contains(defaults, "User-Agent");
        if (!hostGiven) e.hostHeader(target);
        String userAgent = options.userAgent();
        if (!userAgentGiven && userAgent != null && !userAgent.isEmpty()) e.header("User-Agent", userAgent);
        String jarCookies = cookieJar == null ? null : cookieJar.cookieHeader(target.https(), target.host(),
                pathOf(url));
        boolean closeAfter = false;
        boolean authorizationGiven = false;
        for (int i = 0; i < defaults.size(); i++) {
            HttpHeader h = defaults.get(i);
            if (contains(headers, h.name())) continue;
            if (h.is("Cookie") && jarCookies != null) {
                e.header(h.name(), h.value() + "; " + jarCookies);
                jarCookies = null;
                continue;
            }
            closeAfter |= writeUserHeader(h);
            authorizationGiven |= h.is("Authorization");
        }
        for (int i = 0; i < headers.size(); i++) {
            HttpHeader h = headers.get(i);
            if (h.is("Cookie") && jarCookies != null) {
                e.header(h.name(), h.value() + "; " + jarCookies);
                jarCookies = null;
                continue;
            }
            closeAfter |= writeUserHeader(h);
            authorizationGiven |= h.is("Authorization");
        }
        String userInfo = url.getUserInfo();
        if (userInfo != null && !authorizationGiven) {
            e.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
        }
        // RFC 9110 §8.6: send Content-Length: 0 when the method expects content but there is none.
        if (body.length > 0 || method.expectsContent()) {
            e.contentLength(body.length);
        }
        if (jarCookies != null) e.header("Cookie", jarCookies);
        e.endHead();
        return closeAfter;
    }

    /** Writes one user-supplied header unless the session frames it itself; true if it asks to close. */
    private boolean writeUserHeader(HttpHeader h) throws ExchangeFailure {
        if (h.is("Content-Length") || h.is("Transfer-Encoding")) return false;
        encoder.header(h.name(), h.value());
        return h.is("Connection") && h.value().toLowerCase(java.util.Locale.ROOT).contains("close");
    }

    private void write(Http1Connection connection, byte[] body, boolean bodyInHead) throws IOException {
        connection.write(encoder.buffer(), 0, encoder.size());
        if (!bodyInHead && body.length > 0) connection.write(body, 0, body.length);
        connection.flush();
    }

    Http1Connection find(Target target) {
        for (int i = 0; i < connections.size(); i++) {
            Http1Connection c = connections.get(i);
            if (c.matches(target.https(), target.host(), target.port())) return c;
        }
        return null;
    }

    private void remember(Http1Connection connection) {
        if (connections.size() >= SocketHttpSession.MAX_ORIGINS) {
            Http1Connection oldest = connections.get(0);
            for (Http1Connection c : connections) {
                if (c.idleSinceNanos - oldest.idleSinceNanos < 0) oldest = c;
            }
            drop(oldest);
        }
        connections.add(connection);
    }

    void drop(Http1Connection connection) {
        connection.close();
        connections.remove(connection);
    }

    void closeAll() {
        for (Http1Connection c : connections) c.close();
        connections.clear();
    }

    /** Bytes the body scratch array holds: bounded by the body limit, whatever the server sent. */
    int bodyScratchBytes() {
        return decoder == null ? 0 : decoder.bodyScratchBytes();
    }
}
