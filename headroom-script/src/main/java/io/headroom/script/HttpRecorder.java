package io.headroom.script;

import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.CounterSeries;
import io.headroom.core.metric.Metrics;
import io.headroom.core.metric.RateSeries;
import io.headroom.core.metric.SlowestRequests;
import io.headroom.core.metric.Tags;
import io.headroom.core.metric.TrendSeries;
import io.headroom.core.metric.ValueType;
import io.headroom.http.HttpMethod;
import io.headroom.http.HttpResponse;
import io.headroom.http.HttpTimings;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link Http} records of one VU's exchanges: every hop of a response into its k6 series ({@code http_reqs},
 * {@code http_req_duration} and its phases, {@code http_req_failed}, {@code data_sent}, {@code data_received},
 * {@code http_req_service_duration}), the handles of each tag combination resolved once and the last few kept
 * at hand so the steady state allocates no key. Belongs to one VU; not thread-safe.
 */
final class HttpRecorder {
    private final VuState vu;
    private final Map<SeriesKey, HttpSeries> series = new HashMap<>();
    /** The series used last, most recent overwriting the oldest: a flow's few requests hit here without a key. */
    private final HttpSeries[] recent = new HttpSeries[8];
    private int recentNext;

    HttpRecorder(VuState vu) {
        this.vu = vu;
    }

    /**
     * Records every hop: redirects first, oldest first, then the final response. The first hop of the
     * iteration's first open-model request is timed from the intended start (queued
     * {@code queuedNanos} before it was sent, 0 for any other request); with {@code withTraceId}, every hop is offered to its endpoint's
     * slowest requests under that trace id.
     */
    Response record(HttpMethod method, String name, Params p, ExpectedStatuses expected, HttpResponse response,
                    long queuedNanos, boolean withTraceId, long traceIdHigh, long traceIdLow) {
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
            // Queueing before the send (generator lag, a busy VU pool) counts: wrk2's correction.
            if (i == 0) durationNanos += queuedNanos;
            HttpSeries s = seriesFor(method, hopName, hop, hopExpected, p.tags());
            s.record(hop, durationNanos, serviceNanos, hopExpected);
            // Every hop of a redirect chain carried the same traceparent.
            if (withTraceId) s.slowest().offer(durationNanos, traceIdHigh, traceIdLow);
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
        /** HTTP/2 connections opened by these exchanges; null on an HTTP/1.1 series (whose outputs stay as they were). */
        final CounterSeries http2Connections;

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
            http2Connections = key.http2() ? metrics.counter(BuiltinMetrics.HTTP2_CONNECTIONS, ValueType.DEFAULT, tags) : null;
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
            // The stream that waited for a new connection carries its connect time; the others found it open.
            if (http2Connections != null && t.connectingNanos() > 0) http2Connections.add(1);
        }
    }
}
