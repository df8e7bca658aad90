package io.headroom.http.socket;

import io.headroom.http.CookieJar;
import io.headroom.http.HttpError;
import io.headroom.http.HttpErrorCode;
import io.headroom.http.HttpHeader;
import io.headroom.http.HttpMethod;
import io.headroom.http.HttpRequest;
import io.headroom.http.HttpResponse;
import io.headroom.http.HttpSessionOptions;
import io.headroom.http.HttpTimings;
import io.headroom.http.HttpVersion;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP/2 hops of one {@link SocketHttpSession}: a single request, or a batch of them multiplexed on one
 * origin's connection, from request headers to the {@link HttpResponse}; and how HTTP/2 connections are opened (h2c
 * with prior knowledge on http, h2 by ALPN on https). Redirects, cookies in and out and the version rules stay with
 * the session. Used by the session's thread only.
 */
final class Http2Hops {
    private static final String[] ALPN_HTTP1 = {"http/1.1"};
    private static final String[] ALPN_AUTO = {"h2", "http/1.1"};
    private static final String[] ALPN_HTTP2 = {"h2"};

    private final SocketHttpTransport transport;
    private final HttpSessionOptions options;
    private final CookieJar cookieJar;
    private final Http2Exchanges http2;

    Http2Hops(SocketHttpTransport transport, HttpSessionOptions options, CookieJar cookieJar, Http2Exchanges http2) {
        this.transport = transport;
        this.options = options;
        this.cookieJar = cookieJar;
        this.http2 = http2;
    }

    /**
     * The first hop of each of {@code requests} (all to {@code target}) as concurrent streams: an invalid request
     * fails alone; the batch's deadline is its earliest request's.
     */
    List<HttpResponse> batch(List<HttpRequest> requests, Target target, DeadlineWatchdog.Guard guard, long startNanos) {
        HttpResponse[] out = new HttpResponse[requests.size()];
        ArrayList<Http2Stream> streams = new ArrayList<>(requests.size());
        ArrayList<Integer> at = new ArrayList<>(requests.size());
        long deadlineNanos = Http1Connection.NO_DEADLINE;
        for (int i = 0; i < requests.size(); i++) {
            HttpRequest r = requests.get(i);
            long d = HopRules.deadline(startNanos, r.timeout() != null ? r.timeout() : options.timeout());
            if (d != Http1Connection.NO_DEADLINE && (deadlineNanos == Http1Connection.NO_DEADLINE || d - deadlineNanos < 0)) {
                deadlineNanos = d;
            }
            long bodyLimit = r.responseBodyLimitBytes() != null ? r.responseBodyLimitBytes() : options.responseBodyLimitBytes();
            try {
                streams.add(stream(r.method(), r.url(), target, r.headers(), r.body(),
                        (int) Math.min(bodyLimit, HttpSessionOptions.MAX_RESPONSE_BODY_LIMIT_BYTES)));
                at.add(i);
            } catch (ExchangeFailure invalid) {
                out[i] = HopRules.failure(r.url(), invalid.error, HttpTimings.NONE, 0, 0);
            }
        }
        long deadline = deadlineNanos;
        http2.run(target, http2.find(target), streams, startNanos, deadline, guard,
                connectTimer -> openHttp2(target, deadline, connectTimer));
        for (int k = 0; k < streams.size(); k++) out[at.get(k)] = finish(streams.get(k), target);
        return java.util.Arrays.asList(out);
    }

    private Http2Stream stream(HttpMethod method, URI url, Target target, List<HttpHeader> headers, byte[] body,
                               int keepBodyBytes) throws ExchangeFailure {
        String jarCookies = cookieJar == null ? null : cookieJar.cookieHeader(target.https(), target.host(),
                HopRules.pathOf(url));
        Http2Headers head = Http2RequestHeaders.build(method, url, target, headers, options, jarCookies, body.length);
        return new Http2Stream(method, url, head, body, keepBodyBytes, options.responseHeaderLimitBytes(),
                options.responseHeaderCountLimit());
    }

    private HttpResponse finish(Http2Stream stream, Target target) {
        HttpResponse response = stream.response();
        if (!response.failed() && cookieJar != null) {
            HopRules.storeCookies(cookieJar, target, stream.url, response.headers());
        }
        return response;
    }

    /**
     * One hop over HTTP/2, on {@code h2} (null: a connection opened for it, h2c with prior knowledge on http, h2 by
     * ALPN on https). {@code h2} may have been opened for this hop already: its connect and TLS time are then in the
     * session's timer.
     */
    HttpResponse exchange(Http2Connection h2, boolean justOpened, HttpMethod method, URI url, Target target,
                          List<HttpHeader> headers, byte[] body, long deadlineNanos, int keepBodyBytes,
                          DeadlineWatchdog.Guard guard, ExchangeTimer timer) {
        Http2Stream stream;
        try {
            stream = stream(method, url, target, headers, body, keepBodyBytes);
        } catch (ExchangeFailure invalidRequest) {
            return HopRules.failure(url, invalidRequest.error, HttpTimings.NONE, 0, 0);
        }
        long hopStart = justOpened ? timer.hopStart : System.nanoTime();
        http2.run(target, h2, List.of(stream), hopStart, deadlineNanos, guard,
                connectTimer -> openHttp2(target, deadlineNanos, connectTimer));
        if (justOpened && stream.timer.connectStart == 0) {
            stream.timer.connectStart = timer.connectStart;
            stream.timer.connectEnd = timer.connectEnd;
            stream.timer.tlsStart = timer.tlsStart;
            stream.timer.tlsEnd = timer.tlsEnd;
        }
        return finish(stream, target);
    }

    /** A fresh connection that speaks HTTP/2 (h2c with prior knowledge, or h2 by ALPN), or the reason it does not. */
    private Http2Connection openHttp2(Target target, long deadlineNanos, ExchangeTimer connectTimer) throws ExchangeFailure {
        Http1Connection socket = Http1Connection.open(target, transport.options.connectTo(), deadlineNanos,
                            transport.dialTimeoutNanos,
                target.https() ? transport.tlsFactory(options.insecureSkipTlsVerify()) : null,
                !options.insecureSkipTlsVerify(), connectTimer, ALPN_HTTP2);
        if (target.https() && !"h2".equals(socket.applicationProtocol)) {
            socket.close();
            throw new ExchangeFailure(noH2ByAlpn(target, socket.applicationProtocol), false);
        }
        return start(socket, target);
    }

    Http2Connection start(Http1Connection socket, Target target) throws ExchangeFailure {
        try {
            return Http2Connection.start(socket, options.responseHeaderLimitBytes());
        } catch (ExchangeFailure e) {
            socket.close();
            throw e;
        } catch (IOException e) {
            socket.close();
            throw new ExchangeFailure(SocketErrors.classify(e, SocketErrors.Phase.WRITE, target.authority(), false), false);
        }
    }

    static HttpError noH2ByAlpn(Target target, String chosen) {
        return new HttpError(HttpErrorCode.HTTP2, target.authority() + " did not agree to HTTP/2 by ALPN (it chose "
                + (chosen.isEmpty() ? "nothing" : "\"" + chosen + "\"") + "); use httpVersion \"1.1\" or \"auto\""
                + " for this server");
    }

    static String[] alpn(HttpVersion version) {
        return switch (version) {
            case HTTP_1_1 -> ALPN_HTTP1;
            case AUTO -> ALPN_AUTO;
            case HTTP_2 -> ALPN_HTTP2;
        };
    }

}
