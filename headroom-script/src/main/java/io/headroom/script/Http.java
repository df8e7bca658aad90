package io.headroom.script;

import io.headroom.core.engine.VuContext;
import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.CounterSeries;
import io.headroom.core.metric.Metrics;
import io.headroom.core.metric.RateSeries;
import io.headroom.core.metric.SlowestRequests;
import io.headroom.core.metric.Tags;
import io.headroom.core.metric.TrendSeries;
import io.headroom.core.metric.ValueType;
import io.headroom.http.HttpError;
import io.headroom.http.HttpErrorCode;
import io.headroom.http.HttpHeader;
import io.headroom.http.HttpMethod;
import io.headroom.http.HttpRequest;
import io.headroom.http.HttpResponse;
import io.headroom.http.HttpTimings;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A VU's HTTP client. URLs may be absolute or relative to the plan's base URL. Every exchange, each
 * redirect hop included, is recorded as k6 does ({@code http_reqs}, {@code http_req_duration} and its
 * phases, {@code http_req_failed}, {@code data_sent}, {@code data_received}) plus
 * {@code http_req_service_duration}, tagged with name, method, status, url, scenario, group,
 * expected_response, error_code (when failed) and the request's own tags. A failed request never
 * throws: its {@link Response} carries the error. Belongs to one VU; not thread-safe.
 *
 * <p>Under an open-model executor the first request of an iteration records {@code http_req_duration}
 * from the iteration's intended start, so time the iteration spent waiting for the generator or for a
 * stalled server counts (coordinated omission correction); {@code http_req_service_duration} always
 * counts from the actual send.
 */
public final class Http {

    private final VuState vu;
    private final Map<SeriesKey, HttpSeries> series = new HashMap<>();
    /** The series used last, most recent overwriting the oldest: a flow's few requests hit here without a key. */
    private final HttpSeries[] recent = new HttpSeries[8];
    private int recentNext;
    /** The last request sent without a body, and the headers it was built from (compared by identity). */
    private HttpRequest lastRequest;
    private Headers lastHeaders;
    /** The run's body limit, boxed once, for requests that keep their body although the run discards bodies. */
    private Long keptBodyLimit;
    /** Whether requests carry trace context unless their {@link Params#traceContext()} says otherwise. */
    private final boolean traceByDefault;
    /** This VU's traceparent values, made on the first traced request; null before. */
    private TraceParents trace;
    /** The run-wide traceparent of the plan's own headers, which then replaces Headroom's; null without one. */
    private final String defaultTraceparent;

    Http(VuState vu) {
        this.vu = vu;
        HttpDefaults http = vu.settings.http();
        this.traceByDefault = http.traceContext();
        this.defaultTraceparent = http.headers().get(TraceParents.HEADER);
    }

    public Response get(String url) {
        return request(HttpMethod.GET, url, null, null);
    }

    public Response get(String url, Headers headers) {
        return request(HttpMethod.GET, url, null, Params.of(headers));
    }

    public Response get(String url, Params params) {
        return request(HttpMethod.GET, url, null, params);
    }

    public Response head(String url) {
        return request(HttpMethod.HEAD, url, null, null);
    }

    public Response head(String url, Params params) {
        return request(HttpMethod.HEAD, url, null, params);
    }

    public Response options(String url) {
        return request(HttpMethod.OPTIONS, url, null, null);
    }

    public Response options(String url, Params params) {
        return request(HttpMethod.OPTIONS, url, null, params);
    }

    public Response delete(String url) {
        return request(HttpMethod.DELETE, url, null, null);
    }

    public Response delete(String url, Headers headers) {
        return request(HttpMethod.DELETE, url, null, Params.of(headers));
    }

    public Response delete(String url, Params params) {
        return request(HttpMethod.DELETE, url, null, params);
    }

    public Response post(String url, Body body) {
        return request(HttpMethod.POST, url, body, null);
    }

    public Response post(String url, Body body, Headers headers) {
        return request(HttpMethod.POST, url, body, Params.of(headers));
    }

    public Response post(String url, Body body, Params params) {
        return request(HttpMethod.POST, url, body, params);
    }

    public Response put(String url, Body body) {
        return request(HttpMethod.PUT, url, body, null);
    }

    public Response put(String url, Body body, Headers headers) {
        return request(HttpMethod.PUT, url, body, Params.of(headers));
    }

    public Response put(String url, Body body, Params params) {
        return request(HttpMethod.PUT, url, body, params);
    }

    public Response patch(String url, Body body) {
        return request(HttpMethod.PATCH, url, body, null);
    }

    public Response patch(String url, Body body, Headers headers) {
        return request(HttpMethod.PATCH, url, body, Params.of(headers));
    }

    public Response patch(String url, Body body, Params params) {
        return request(HttpMethod.PATCH, url, body, params);
    }

    /**
     * Sends any method, named exactly as sent ({@link HttpMethod#of}: "PURGE" is an extension method, "get" too).
     * {@code body} and {@code params} may be null. The body's content type is sent
     * unless the request's headers set {@code Content-Type} themselves.
     */
    public Response request(String method, String url, Body body, Params params) {
        return request(HttpMethod.of(method), url, body, params);
    }

    /** As {@link #request(String, String, Body, Params)}, with the method already parsed. */
    public Response request(HttpMethod method, String url, Body body, Params params) {
        Objects.requireNonNull(method, "method");
        Params p = params == null ? Params.none() : params;
        if (url == null) url = "";
        URI uri = url.isEmpty() ? null : vu.resolve(url);
        String name = p.name() != null ? p.name() : url;
        VuContext ctx = vu.context;
        boolean corrected = false;
        if (vu.firstRequestPending) {
            vu.firstRequestPending = false;
            corrected = ctx.openModel() && vu.settings.http().latencyFrom() == LatencyOrigin.INTENDED;
        }
        // Only a corrected request needs its send time; the others skip a clock read (a few percent of a request's CPU).
        long queuedNanos = corrected ? ctx.clock().nanoTime() - ctx.intendedStartNanos() : 0;
        HttpResponse response;
        if (uri == null) {
            response = failure(url, new HttpError(HttpErrorCode.INVALID_URL, vu.settings.baseUrl() == null && !url.contains("://")
                    ? "relative URL \"" + url + "\" needs a baseUrl"
                    : "invalid URL \"" + url + "\""));
        } else {
            HttpRequest request = requestFor(method, uri, body, p);
            traced = false;
            Boolean own = p.traceContext();
            if (own == null ? traceByDefault : own) request = traced(request, p);
            try {
                response = vu.session.send(request);
            } catch (RuntimeException e) {
                // The transport promises failures as data; if it breaks that promise, keep the VU going anyway.
                response = failure(url, new HttpError(HttpErrorCode.GENERIC, String.valueOf(e)));
            }
        }
        ExpectedStatuses expected = p.expectedStatuses() != null ? p.expectedStatuses() : vu.settings.http().expectedStatuses();
        return record(method, name, p, expected, response, corrected, queuedNanos, uri != null && traced);
    }

    /** Whether the request being sent carries a trace id that {@link #trace} holds; set by {@link #traced}. */
    private boolean traced;

    /**
     * {@code request} with a new {@code traceparent}, unless the scenario sends its own (on the request, or in the
     * plan's headers): that one is kept, and its trace id is the exemplar's when it is valid.
     */
    private HttpRequest traced(HttpRequest request, Params p) {
        if (trace == null) trace = new TraceParents();
        String own = p.headers().get(TraceParents.HEADER);
        if (own == null) own = defaultTraceparent;
        if (own != null) {
            traced = trace.read(own);
            return request;
        }
        traced = true;
        HttpHeader header = new HttpHeader(TraceParents.HEADER, trace.next());
        List<HttpHeader> old = request.headers();
        List<HttpHeader> headers = switch (old.size()) {
            case 0 -> List.of(header);
            case 1 -> List.of(old.get(0), header);
            default -> {
                HttpHeader[] all = old.toArray(new HttpHeader[old.size() + 1]);
                all[old.size()] = header;
                yield List.of(all);
            }
        };
        return request.withHeaders(headers);
    }

    /**
     * The request to send. A request without a body equal to the last one sent is that same immutable object: a
     * scenario looping over one GET builds it once.
     */
    private HttpRequest requestFor(HttpMethod method, URI uri, Body body, Params p) {
        HttpRequest last = lastRequest;
        Long bodyLimit = bodyLimit(p);
        if (body == null && last != null && last.url() == uri && last.method().equals(method) && lastHeaders == p.headers()
                && Objects.equals(last.timeout(), p.timeout()) && Objects.equals(last.maxRedirects(), p.maxRedirects())
                && Objects.equals(last.responseBodyLimitBytes(), bodyLimit) && last.httpVersion() == p.httpVersion()) {
            return last;
        }
        HttpRequest request = new HttpRequest(method, uri, headers(p.headers(), body),
                body == null ? null : body.bytes(), p.timeout(), p.maxRedirects(), bodyLimit, p.httpVersion());
        if (body == null) {
            lastRequest = request;
            lastHeaders = p.headers();
        }
        return request;
    }

    /**
     * The request's own body limit, or null for the session's (which already says whether the run discards
     * bodies): an explicit limit wins, then the request's discard or keep.
     */
    private Long bodyLimit(Params p) {
        if (p.responseBodyLimitBytes() != null) return p.responseBodyLimitBytes();
        Boolean discard = p.discardResponseBody();
        if (discard == null) return null;
        if (discard) return 0L;
        if (keptBodyLimit == null) keptBodyLimit = vu.settings.http().responseBodyLimitBytes(); // boxed once per VU
        return keptBodyLimit;
    }

    private static List<HttpHeader> headers(Headers requestHeaders, Body body) {
        if (body == null || body.contentType() == null || requestHeaders.get("Content-Type") != null) {
            return requestHeaders.asList();
        }
        List<HttpHeader> list = new ArrayList<>(requestHeaders.asList().size() + 1);
        list.addAll(requestHeaders.asList());
        list.add(new HttpHeader("Content-Type", body.contentType()));
        return list;
    }

    private static HttpResponse failure(String url, HttpError error) {
        URI uri;
        try {
            uri = URI.create(url.replace(" ", "%20"));
        } catch (IllegalArgumentException e) {
            uri = URI.create("invalid:url");
        }
        return new HttpResponse(uri, 0, List.of(), new byte[0], HttpTimings.NONE, error, 0, 0, List.of());
    }

    /**
     * Records every hop: redirects first, oldest first, then the final response. The first hop of the
     * iteration's first open-model request is timed from the intended start.
     */
    private Response record(HttpMethod method, String name, Params p, ExpectedStatuses expected, HttpResponse response,
                            boolean corrected, long queuedNanos, boolean withTraceId) {
        List<HttpResponse> redirects = response.redirects();
        int hops = redirects.size() + 1;
        long lastDurationNanos = 0;
        boolean lastExpected = false;
        for (int i = 0; i < hops; i++) {
            HttpResponse hop = i < redirects.size() ? redirects.get(i) : response;
            String hopName = i == 0 || p.name() != null ? name : pathOf(hop.url());
            boolean hopExpected = hop.error() == null && expected.contains(hop.status());
            long serviceNanos = hop.timings().durationNanos();
            long durationNanos = serviceNanos;
            if (i == 0 && corrected) {
                // Queueing before the send (generator lag, a busy VU pool) counts: wrk2's correction.
                durationNanos = Math.max(serviceNanos, queuedNanos + serviceNanos);
            }
            HttpSeries s = seriesFor(method, hopName, hop, hopExpected, p.tags());
            s.record(hop, durationNanos, serviceNanos, hopExpected);
            // Every hop of a redirect chain carried the same traceparent.
            if (withTraceId) s.slowest().offer(durationNanos, trace.traceIdHigh, trace.traceIdLow);
            lastDurationNanos = durationNanos;
            lastExpected = hopExpected;
        }
        return new Response(response, name, lastExpected, lastDurationNanos, vu.pathCache);
    }

    private static String pathOf(URI url) {
        String path = url.getRawPath();
        if (path == null || path.isEmpty()) path = "/";
        return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    }

    private HttpSeries seriesFor(HttpMethod method, String name, HttpResponse hop, boolean expected, Tags userTags) {
        int errorCode = Response.errorCode(hop);
        String url = hop.url().toString();
        String group = vu.group;
        boolean http2 = HttpResponse.HTTP_2.equals(hop.protocol());
        // The last few combinations first, compared field by field: the steady state allocates no key.
        for (HttpSeries r : recent) {
            if (r != null && r.key.matches(method, name, url, hop.status(), errorCode, expected, group, userTags, http2)) return r;
        }
        SeriesKey key = new SeriesKey(method, name, url, hop.status(), errorCode, expected, group, userTags, http2);
        HttpSeries s = series.get(key);
        if (s == null) {
            Tags tags = vu.groupTags.with(userTags)
                    .with("name", name).with("method", method.name()).with("url", url)
                    .with("status", Integer.toString(hop.status()))
                    .with("expected_response", Boolean.toString(expected));
            // k6's proto tag, on HTTP/2 only: HTTP/1.1 series keep the tag sets (and outputs) they always had.
            if (http2) tags = tags.with("proto", HttpResponse.HTTP_2);
            String errorCodeText = null;
            if (errorCode != 0) {
                errorCodeText = Integer.toString(errorCode);
                tags = tags.with("error_code", errorCodeText);
            }
            s = new HttpSeries(vu.context.metrics(), tags, key, errorCodeText,
                    errorCode != 0 && hop.error() == null ? statusMessage(hop.status()) : null);
            // Bounded: a scenario that puts ids into unnamed URLs must not grow this map forever.
            if (series.size() < 4096) series.put(key, s);
        }
        recent[recentNext] = s;
        recentNext = (recentNext + 1) % recent.length;
        return s;
    }

    /** The sample message of a failure by status, with the reason phrase for the common ones: "HTTP 500 Internal Server Error". */
    static String statusMessage(int status) {
        String reason = switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> null;
        };
        return reason == null ? "HTTP " + status : "HTTP " + status + " " + reason;
    }

    private record SeriesKey(HttpMethod method, String name, String url, int status, int errorCode, boolean expected,
                             String group, Tags userTags, boolean http2) {
        boolean matches(HttpMethod m, String n, String u, int st, int error, boolean exp, String g, Tags user, boolean h2) {
            return http2 == h2 && status == st && errorCode == error && expected == exp && method.equals(m) && name.equals(n)
                    && url.equals(u) && group.equals(g) && (userTags == user || userTags.equals(user));
        }
    }

    /** The handles of one (name, method, status, url, ...) combination, resolved once. */
    private static final class HttpSeries {
        final CounterSeries reqs;
        final TrendSeries duration;
        final TrendSeries serviceDuration;
        final TrendSeries blocked;
        final TrendSeries connecting;
        final TrendSeries tlsHandshaking;
        final TrendSeries sending;
        final TrendSeries waiting;
        final TrendSeries receiving;
        final RateSeries failed;
        final CounterSeries dataSent;
        final CounterSeries dataReceived;

        final SeriesKey key;
        final Metrics metrics;
        /** The error_code tag, null when these exchanges had none; resolved once so failures allocate no code. */
        final String errorCodeText;
        /** The sample message when the failure is the status itself (no transport error). */
        final String statusMessage;
        /** The endpoint's slowest requests with their trace ids, resolved on the first traced request; null before. */
        private SlowestRequests slowest;

        HttpSeries(Metrics metrics, Tags tags, SeriesKey key, String errorCodeText, String statusMessage) {
            this.key = key;
            this.metrics = metrics;
            this.errorCodeText = errorCodeText;
            this.statusMessage = statusMessage;
            reqs = metrics.counter(BuiltinMetrics.HTTP_REQS, ValueType.DEFAULT, tags);
            duration = metrics.trend(BuiltinMetrics.HTTP_REQ_DURATION, ValueType.TIME, tags);
            serviceDuration = metrics.trend(BuiltinMetrics.HTTP_REQ_SERVICE_DURATION, ValueType.TIME, tags);
            blocked = metrics.trend(BuiltinMetrics.HTTP_REQ_BLOCKED, ValueType.TIME, tags);
            connecting = metrics.trend(BuiltinMetrics.HTTP_REQ_CONNECTING, ValueType.TIME, tags);
            tlsHandshaking = metrics.trend(BuiltinMetrics.HTTP_REQ_TLS_HANDSHAKING, ValueType.TIME, tags);
            sending = metrics.trend(BuiltinMetrics.HTTP_REQ_SENDING, ValueType.TIME, tags);
            waiting = metrics.trend(BuiltinMetrics.HTTP_REQ_WAITING, ValueType.TIME, tags);
            receiving = metrics.trend(BuiltinMetrics.HTTP_REQ_RECEIVING, ValueType.TIME, tags);
            failed = metrics.rate(BuiltinMetrics.HTTP_REQ_FAILED, tags);
            dataSent = metrics.counter(BuiltinMetrics.DATA_SENT, ValueType.DATA, tags);
            dataReceived = metrics.counter(BuiltinMetrics.DATA_RECEIVED, ValueType.DATA, tags);
        }

        /** The handle of this series' endpoint (its name and method) for the exemplars. */
        SlowestRequests slowest() {
            SlowestRequests s = slowest;
            if (s == null) slowest = s = metrics.slowestRequests(Tags.of("name", key.name(), "method", key.method().name()));
            return s;
        }

        void record(HttpResponse hop, long durationNanos, long serviceNanos, boolean expected) {
            HttpTimings t = hop.timings();
            reqs.add(1);
            duration.recordNanos(durationNanos);
            serviceDuration.recordNanos(serviceNanos);
            blocked.recordNanos(t.blockedNanos());
            connecting.recordNanos(t.connectingNanos());
            tlsHandshaking.recordNanos(t.tlsHandshakingNanos());
            sending.recordNanos(t.sendingNanos());
            waiting.recordNanos(t.waitingNanos());
            receiving.recordNanos(t.receivingNanos());
            failed.add(!expected);
            if (!expected && errorCodeText != null) {
                metrics.errorSample(errorCodeText, hop.error() != null ? hop.error().message() : statusMessage);
            }
            if (hop.bytesSent() > 0) dataSent.add(hop.bytesSent());
            if (hop.bytesReceived() > 0) dataReceived.add(hop.bytesReceived());
        }
    }
}
