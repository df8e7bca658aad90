package io.headroom.http.socket;

import static io.headroom.http.socket.HopRules.contains;
import static io.headroom.http.socket.HopRules.deadline;
import static io.headroom.http.socket.HopRules.failure;
import static io.headroom.http.socket.HopRules.pathOf;
import static io.headroom.http.socket.HopRules.printable;
import static io.headroom.http.socket.HopRules.refused;
import static io.headroom.http.socket.HopRules.sameHost;
import static io.headroom.http.socket.HopRules.storeCookies;
import static io.headroom.http.socket.HopRules.without;
import static io.headroom.http.socket.HopRules.withRedirects;

import io.headroom.http.CookieJar;
import io.headroom.http.HttpError;
import io.headroom.http.HttpErrorCode;
import io.headroom.http.HttpHeader;
import io.headroom.http.HttpMethod;
import io.headroom.http.HttpRequest;
import io.headroom.http.HttpResponse;
import io.headroom.http.HttpSemantics;
import io.headroom.http.HttpSession;
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
 * One virtual user's HTTP/1.1 client over {@link SocketHttpTransport}: at most one keep-alive connection per
 * origin (a VU sends one request at a time), a cookie jar, redirects, and every failure returned as data. Used by
 * one thread at a time; it shares nothing mutable with other sessions.
 */
final class SocketHttpSession implements HttpSession {
    /** Origins a VU keeps connections to; the least recently used beyond this is closed. */
    static final int MAX_ORIGINS = 8;
    private static final byte[] NO_BODY = new byte[0];

    private final SocketHttpTransport transport;
    private final HttpSessionOptions options;
    private final CookieJar cookieJar;
    private final ArrayList<Http1Connection> connections = new ArrayList<>(2);
    private final ExchangeTimer timer = new ExchangeTimer();
    private final Http2Exchanges http2;
    private final Http2Hops hops;
    private DeadlineWatchdog.Guard guard;
    private Http1RequestEncoder encoder;
    private Http1ResponseDecoder decoder;
    private boolean closed;

    SocketHttpSession(SocketHttpTransport transport, HttpSessionOptions options) {
        this.transport = transport;
        this.options = options;
        this.cookieJar = options.cookies() ? new CookieJar() : null;
        this.http2 = new Http2Exchanges(transport.idleCheckAfterNanos);
        this.hops = new Http2Hops(transport, options, cookieJar, http2);
    }

    @Override
    public HttpResponse send(HttpRequest request) {
        return sendFrom(request, null);
    }

    /**
     * Requests that go over HTTP/2 to an origin with an HTTP/2 connection (or h2c, which needs none yet) run as
     * concurrent streams of it; any other request is sent on its own, in order, and may open the HTTP/2 connection
     * that the requests after it then share. Redirects of a multiplexed request are followed one hop at a time.
     */
    @Override
    public List<HttpResponse> sendAll(List<HttpRequest> requests) {
        int n = requests.size();
        HttpResponse[] out = new HttpResponse[n];
        for (int i = 0; i < n; i++) {
            if (out[i] != null) continue;
            HttpRequest first = requests.get(i);
            Target target = closed ? null : Target.parse(first.url());
            if (target == null || !multiplexable(first, target)) {
                out[i] = send(first);
                continue;
            }
            startUsing();
            ArrayList<Integer> group = new ArrayList<>();
            ArrayList<HttpRequest> grouped = new ArrayList<>();
            for (int j = i; j < n; j++) {
                HttpRequest r = requests.get(j);
                if (out[j] == null && target.equals(Target.parse(r.url())) && multiplexable(r, target)) {
                    group.add(j);
                    grouped.add(r);
                }
            }
            List<HttpResponse> firstHops = hops.batch(grouped, target, guard, System.nanoTime());
            for (int k = 0; k < group.size(); k++) {
                out[group.get(k)] = sendFrom(grouped.get(k), firstHops.get(k));
            }
        }
        return java.util.Arrays.asList(out);
    }

    private boolean multiplexable(HttpRequest r, Target target) {
        HttpVersion version = r.httpVersion() != null ? r.httpVersion() : options.httpVersion();
        if (version == HttpVersion.HTTP_1_1) return false;
        return version == HttpVersion.HTTP_2 && !target.https() || http2.find(target) != null;
    }

    private void startUsing() {
        if (encoder == null) {
            encoder = new Http1RequestEncoder(transport.options.writeBufferBytes());
            decoder = new Http1ResponseDecoder(transport.options.readBufferBytes());
            guard = transport.deadlines.register();
        }
    }

    /** {@code request}, its first hop already exchanged when {@code firstHop} is not null (a multiplexed batch). */
    HttpResponse sendFrom(HttpRequest request, HttpResponse firstHop) {
        long startNanos = System.nanoTime();
        if (closed) return failure(request.url(), SocketErrors.SESSION_CLOSED, HttpTimings.NONE, 0, 0);
        if (Thread.currentThread().isInterrupted()) {
            return failure(request.url(), SocketErrors.INTERRUPTED, HttpTimings.NONE, 0, 0);
        }
        startUsing();
        long deadlineNanos = deadline(startNanos, request.timeout() != null ? request.timeout() : options.timeout());
        int maxRedirects = request.maxRedirects() != null ? request.maxRedirects() : options.maxRedirects();
        long bodyLimit = request.responseBodyLimitBytes() != null ? request.responseBodyLimitBytes()
                : options.responseBodyLimitBytes();
        int keepBodyBytes = (int) Math.min(bodyLimit, HttpSessionOptions.MAX_RESPONSE_BODY_LIMIT_BYTES);
        HttpVersion version = request.httpVersion() != null ? request.httpVersion() : options.httpVersion();

        HttpMethod method = request.method();
        URI url = request.url();
        List<HttpHeader> headers = request.headers();
        byte[] body = request.body();
        ArrayList<HttpResponse> earlierHops = null;
        for (int followed = 0; ; followed++) {
            HttpResponse hop = followed == 0 && firstHop != null ? firstHop
                    : exchange(method, url, headers, body, deadlineNanos, keepBodyBytes, version);
            int status = hop.status();
            if (hop.failed()) return withRedirects(hop, earlierHops);
            if (status == 101 && !contains(headers, "Upgrade") && !contains(options.defaultHeaders(), "Upgrade")) {
                // Go's client hands such a 101 back as a success; but nothing was asked, nothing can be read after
                // it, and a status check would not say why, so it fails with its own code (the connection is closed).
                String upgrade = hop.header("Upgrade");
                return withRedirects(refused(hop, new HttpError(HttpErrorCode.UNEXPECTED_PROTOCOL_SWITCH,
                        "101 Switching Protocols" + (upgrade == null ? "" : " to " + printable(upgrade))
                                + " to a request that asked for no upgrade")), earlierHops);
            }
            if (!HttpSemantics.isFollowedRedirect(status)) return withRedirects(hop, earlierHops);
            String location = hop.header("Location");
            // Without a Location there is nothing to follow: the 3xx is the answer (as Go's client does).
            if (maxRedirects == 0 || location == null || location.isBlank()) return withRedirects(hop, earlierHops);
            if (followed >= maxRedirects) {
                // A loop (302 -> itself) or a chain longer than allowed never reached its resource: a failure, not
                // the last 3xx as a success (k6 returns it with only a warning in the log).
                return withRedirects(refused(hop, new HttpError(HttpErrorCode.TOO_MANY_REDIRECTS,
                        "stopped after " + maxRedirects + " redirects")), earlierHops);
            }
            URI next = HttpSemantics.resolveLocation(url, location);
            if (next == null || Target.parse(next) == null) {
                return withRedirects(refused(hop, new HttpError(HttpErrorCode.INVALID_URL,
                        "redirect to a Location that is not an http(s) URL: \"" + printable(location) + "\"")),
                        earlierHops);
            }
            if (earlierHops == null) earlierHops = new ArrayList<>(4);
            earlierHops.add(hop);
            HttpMethod nextMethod = HttpSemantics.redirectMethod(status, method);
            if (!nextMethod.equals(method)) {
                body = NO_BODY;
                headers = without(headers, "Content-Type", "Content-Encoding", "Content-Language", "Content-Location");
            }
            if (!sameHost(url, next)) {
                // Credentials meant for one host are not handed to another (as browsers and Go do).
                headers = without(headers, "Authorization", "Cookie", "Proxy-Authorization");
            }
            method = nextMethod;
            url = next;
        }
    }

    /** One request/response on the wire, retried once on a fresh connection when a reused one turns out stale. */
    private HttpResponse exchange(HttpMethod method, URI url, List<HttpHeader> headers, byte[] body, long deadlineNanos,
                                  int keepBodyBytes, HttpVersion version) {
        Target target = Target.parse(url);
        if (target == null) {
            return failure(url, new HttpError(HttpErrorCode.INVALID_URL, "invalid URL \"" + url + "\""),
                    HttpTimings.NONE, 0, 0);
        }
        if (version != HttpVersion.HTTP_1_1) {
            Http2Connection h2 = http2.find(target);
            if (h2 != null || version == HttpVersion.HTTP_2 && !target.https()) {
                timer.startHop(System.nanoTime());
                return hops.exchange(h2, false, method, url, target, headers, body, deadlineNanos, keepBodyBytes,
                        guard, timer);
            }
            if (version == HttpVersion.HTTP_2) {
                Http1Connection old = find(target);
                if (old != null) drop(old); // an HTTP/1.1 connection cannot carry a request that insists on h2
            }
        }
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
                    connection = Http1Connection.open(target, deadlineNanos, transport.dialTimeoutNanos,
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

    private Http1Connection find(Target target) {
        for (int i = 0; i < connections.size(); i++) {
            Http1Connection c = connections.get(i);
            if (c.matches(target.https(), target.host(), target.port())) return c;
        }
        return null;
    }

    private void remember(Http1Connection connection) {
        if (connections.size() >= MAX_ORIGINS) {
            Http1Connection oldest = connections.get(0);
            for (Http1Connection c : connections) {
                if (c.idleSinceNanos - oldest.idleSinceNanos < 0) oldest = c;
            }
            drop(oldest);
        }
        connections.add(connection);
    }

    private void drop(Http1Connection connection) {
        connection.close();
        connections.remove(connection);
    }

    @Override
    public void close() {
        closed = true;
        if (guard != null) {
            guard.disarm();
            transport.deadlines.unregister(guard);
        }
        for (Http1Connection c : connections) c.close();
        connections.clear();
        http2.closeAll();
    }

    /** Bytes the session's body scratch array holds: bounded by the body limit, whatever the server sent. */
    int bodyScratchBytes() {
        return decoder == null ? 0 : decoder.bodyScratchBytes();
    }

}
