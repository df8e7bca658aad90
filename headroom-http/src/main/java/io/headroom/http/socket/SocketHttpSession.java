package io.headroom.http.socket;

import static io.headroom.http.socket.HopRules.contains;
import static io.headroom.http.socket.HopRules.deadline;
import static io.headroom.http.socket.HopRules.failure;
import static io.headroom.http.socket.HopRules.printable;
import static io.headroom.http.socket.HopRules.refused;
import static io.headroom.http.socket.HopRules.sameHost;
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
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * One virtual user's HTTP client over {@link SocketHttpTransport}: HTTP/1.1 hops in {@link Http1Exchanges} (at most
 * one keep-alive connection per origin), HTTP/2 hops in {@link Http2Hops}, chosen per request by its version; a
 * cookie jar, redirects, batches, and every failure returned as data. Used by
 * one thread at a time; it shares nothing mutable with other sessions.
 */
final class SocketHttpSession implements HttpSession {
    /** Origins a VU keeps connections to; the least recently used beyond this is closed. */
    static final int MAX_ORIGINS = 8;
    private static final byte[] NO_BODY = new byte[0];

    private final SocketHttpTransport transport;
    private final HttpSessionOptions options;
    private final CookieJar cookieJar;
    private final ExchangeTimer timer = new ExchangeTimer();
    private final Http2Exchanges http2;
    private final Http2Hops hops;
    private final Http1Exchanges http1;
    private Http1BatchLanes lanes;
    private DeadlineWatchdog.Guard guard;
    private boolean closed;

    SocketHttpSession(SocketHttpTransport transport, HttpSessionOptions options) {
        this(transport, options, options.cookies() ? new CookieJar() : null);
    }

    /** A session with {@code cookieJar} (null: none), shared with the session whose batch lane this is. */
    SocketHttpSession(SocketHttpTransport transport, HttpSessionOptions options, CookieJar cookieJar) {
        this.transport = transport;
        this.options = options;
        this.cookieJar = cookieJar;
        this.http2 = new Http2Exchanges(transport.idleCheckAfterNanos);
        this.hops = new Http2Hops(transport, options, cookieJar, http2);
        this.http1 = new Http1Exchanges(transport, options, cookieJar, http2, hops, timer);
    }

    @Override
    public HttpResponse send(HttpRequest request) {
        return sendFrom(request, null);
    }

    /**
     * Requests that go over HTTP/2 to an origin with an HTTP/2 connection (or h2c, which needs none yet) run as
     * concurrent streams of it. Requests that can only be HTTP/1.1 (pinned to it, or {@code http://} on auto) go out
     * at once per origin on up to {@link Http1BatchLanes#BATCH_PER_HOST} connections. Any other request (an
     * {@code https://} one on auto with no HTTP/2 connection yet) is sent on its own, in order, and may open the
     * HTTP/2 connection that the requests after it then share. Redirects of a multiplexed request are followed one hop
     * at a time.
     */
    @Override
    public List<HttpResponse> sendAll(List<HttpRequest> requests) {
        int n = requests.size();
        HttpResponse[] out = new HttpResponse[n];
        Target[] targets = new Target[n];
        boolean[] laned = new boolean[n];
        for (int i = 0; i < n; i++) {
            targets[i] = closed ? null : Target.parse(requests.get(i).url());
            laned[i] = targets[i] != null && onlyHttp1(requests.get(i), targets[i]);
        }
        for (int i = 0; i < n; i++) {
            if (out[i] != null || laned[i]) continue;
            HttpRequest first = requests.get(i);
            Target target = targets[i];
            if (target == null || !multiplexable(first, target)) {
                out[i] = send(first);
                continue;
            }
            startUsing();
            ArrayList<Integer> group = new ArrayList<>();
            ArrayList<HttpRequest> grouped = new ArrayList<>();
            for (int j = i; j < n; j++) {
                HttpRequest r = requests.get(j);
                if (out[j] == null && !laned[j] && target.equals(targets[j]) && multiplexable(r, target)) {
                    group.add(j);
                    grouped.add(r);
                }
            }
            List<HttpResponse> firstHops = hops.batch(grouped, target, guard, System.nanoTime());
            for (int k = 0; k < group.size(); k++) {
                out[group.get(k)] = sendFrom(grouped.get(k), firstHops.get(k));
            }
        }
        for (int i = 0; i < n; i++) {
            if (!laned[i] || out[i] != null) continue;
            ArrayList<HttpRequest> sameOrigin = new ArrayList<>();
            int[] at = new int[n];
            for (int j = i; j < n; j++) {
                if (laned[j] && out[j] == null && targets[i].equals(targets[j])) {
                    at[sameOrigin.size()] = j;
                    sameOrigin.add(requests.get(j));
                }
            }
            if (sameOrigin.size() == 1) {
                out[i] = send(sameOrigin.get(0));
                continue;
            }
            if (lanes == null) lanes = new Http1BatchLanes(transport, options, cookieJar);
            lanes.send(this, sameOrigin, at, out);
        }
        return java.util.Arrays.asList(out);
    }

    /** Whether {@code r} can only go over HTTP/1.1: pinned to it, or on auto to an {@code http://} origin. */
    private boolean onlyHttp1(HttpRequest r, Target target) {
        HttpVersion version = r.httpVersion() != null ? r.httpVersion() : options.httpVersion();
        return version == HttpVersion.HTTP_1_1 || version == HttpVersion.AUTO && !target.https();
    }

    private boolean multiplexable(HttpRequest r, Target target) {
        HttpVersion version = r.httpVersion() != null ? r.httpVersion() : options.httpVersion();
        if (version == HttpVersion.HTTP_1_1) return false;
        return version == HttpVersion.HTTP_2 && !target.https() || http2.find(target) != null;
    }

    private void startUsing() {
        if (guard == null) {
            http1.startUsing();
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
                Http1Connection old = http1.find(target);
                if (old != null) http1.drop(old); // an HTTP/1.1 connection cannot carry a request that insists on h2
            }
        }
        return http1.exchange(method, url, target, headers, body, deadlineNanos, keepBodyBytes, version, guard);
    }

    @Override
    public void close() {
        closed = true;
        if (guard != null) {
            guard.disarm();
            transport.deadlines.unregister(guard);
        }
        http1.closeAll();
        http2.closeAll();
        if (lanes != null) lanes.close();
    }

    /** Bytes the session's body scratch array holds: bounded by the body limit, whatever the server sent. */
    int bodyScratchBytes() {
        return http1.bodyScratchBytes();
    }

}
