package io.headroom.script;

import io.headroom.http.HttpError;
import io.headroom.http.HttpErrorCode;
import io.headroom.http.HttpHeader;
import io.headroom.http.HttpMethod;
import io.headroom.http.HttpRequest;
import io.headroom.http.HttpResponse;
import io.headroom.http.HttpTimings;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
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
 *
 * <p>{@link #batch} sends several requests at once (k6's {@code http.batch}): over HTTP/2 as concurrent streams of
 * one connection, within the server's {@code SETTINGS_MAX_CONCURRENT_STREAMS}; each is timed, recorded and checked
 * as its own request.
 */
public final class Http {
    /** The most requests one {@link #batch} takes: a plan's batch step is checked against it at load time. */
    public static final int MAX_BATCH_REQUESTS = 256;

    private final VuState vu;
    private final HttpRecorder recorder;
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
        this.recorder = new HttpRecorder(vu);
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
        long queuedNanos = vu.takeFirstRequestQueueNanos();
        HttpResponse response;
        if (uri == null) {
            response = failure(url, invalidUrl(url));
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
        boolean withTraceId = uri != null && traced;
        return recorder.record(method, name, p, expected, response, queuedNanos, withTraceId,
                withTraceId ? trace.traceIdHigh : 0, withTraceId ? trace.traceIdLow : 0);
    }

    /**
     * Sends {@code requests} at once and returns their responses in the same order (k6's {@code http.batch}). Over
     * HTTP/2 the requests to one origin are concurrent streams of its connection, as many at a time as the server
     * allows (the wait for a free stream is {@code http_req_blocked}); over HTTP/1.1 the requests to one origin go
     * out at once on parallel connections, at most six (k6's {@code batchPerHost}), kept open for later batches. Each request is recorded as its own, with its own name, tags and error; when the batch
     * is the iteration's first request under an open-model executor, each is timed from the intended start. Never
     * throws for a failed request.
     *
     * @throws IllegalArgumentException for more than {@link #MAX_BATCH_REQUESTS} requests
     */
    public List<Response> batch(List<BatchRequest> requests) {
        Objects.requireNonNull(requests, "requests");
        int n = requests.size();
        if (n > MAX_BATCH_REQUESTS) {
            throw new IllegalArgumentException("a batch takes at most " + MAX_BATCH_REQUESTS + " requests, got " + n);
        }
        if (n == 0) return List.of();
        long queuedNanos = vu.takeFirstRequestQueueNanos();
        HttpResponse[] responses = new HttpResponse[n];
        String[] names = new String[n];
        long[] traceIds = new long[2 * n];
        boolean[] tracedIds = new boolean[n];
        ArrayList<HttpRequest> wire = new ArrayList<>(n);
        int[] wireIndex = new int[n];
        for (int i = 0; i < n; i++) {
            BatchRequest b = Objects.requireNonNull(requests.get(i), "a batch request");
            Params p = b.params() == null ? Params.none() : b.params();
            String url = b.url() == null ? "" : b.url();
            URI uri = url.isEmpty() ? null : vu.resolve(url);
            names[i] = p.name() != null ? p.name() : url;
            if (uri == null) {
                responses[i] = failure(url, invalidUrl(url));
                continue;
            }
            HttpRequest request = requestFor(b.method(), uri, b.body(), p);
            traced = false;
            Boolean own = p.traceContext();
            if (own == null ? traceByDefault : own) request = traced(request, p);
            if (traced) {
                tracedIds[i] = true;
                traceIds[2 * i] = trace.traceIdHigh;
                traceIds[2 * i + 1] = trace.traceIdLow;
            }
            wireIndex[wire.size()] = i;
            wire.add(request);
        }
        List<HttpResponse> sent;
        try {
            sent = wire.isEmpty() ? List.of() : vu.session.sendAll(wire);
        } catch (RuntimeException e) {
            // The transport promises failures as data; if it breaks that promise, keep the VU going anyway.
            HttpResponse[] failed = new HttpResponse[wire.size()];
            for (int k = 0; k < failed.length; k++) {
                failed[k] = failure(wire.get(k).url().toString(), new HttpError(HttpErrorCode.GENERIC, String.valueOf(e)));
            }
            sent = List.of(failed);
        }
        for (int k = 0; k < sent.size(); k++) responses[wireIndex[k]] = sent.get(k);
        Response[] out = new Response[n];
        for (int i = 0; i < n; i++) {
            BatchRequest b = requests.get(i);
            Params p = b.params() == null ? Params.none() : b.params();
            ExpectedStatuses expected = p.expectedStatuses() != null ? p.expectedStatuses()
                    : vu.settings.http().expectedStatuses();
            out[i] = recorder.record(b.method(), names[i], p, expected, responses[i], queuedNanos,
                    tracedIds[i], traceIds[2 * i], traceIds[2 * i + 1]);
        }
        return List.of(out);
    }

    private HttpError invalidUrl(String url) {
        return new HttpError(HttpErrorCode.INVALID_URL, vu.settings.baseUrl() == null && !url.contains("://")
                ? "relative URL \"" + url + "\" needs a baseUrl"
                : "invalid URL \"" + url + "\"");
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

}
