package io.headroom.http;

import java.net.URI;
import java.util.List;

/**
 * The outcome of one exchange: a response, or a failure as data. When the exchange failed before a response
 * arrived ({@code error != null}, status 0) the body is empty. A response that arrived but is refused by rule
 * keeps its status and headers beside the error: a redirect past the limit
 * ({@link HttpErrorCode#TOO_MANY_REDIRECTS}), a redirect whose Location cannot be followed
 * ({@link HttpErrorCode#INVALID_URL}), an unasked-for {@code 101} ({@link HttpErrorCode#UNEXPECTED_PROTOCOL_SWITCH}).
 * {@code url} is the URL this response came from (after redirects: the last hop's URL). {@code redirects} holds
 * the earlier hops of a followed redirect chain, oldest first, each with its own timings, so that every hop can
 * be recorded as its own request like k6 does. {@code bytesSent}/{@code bytesReceived} count the wire bytes of
 * this hop, headers included, and stay exact when the body was cut. {@code bodyTruncated} says the body is only
 * the first {@code responseBodyLimitBytes} of what the server sent (after content decoding); checks and
 * extractions see that prefix. {@code protocol} is the version the response came in, as k6's {@code proto} tag
 * spells it ({@link #HTTP_1_1} or {@link #HTTP_2}); empty when no response arrived.
 */
public record HttpResponse(URI url, int status, List<HttpHeader> headers, byte[] body, HttpTimings timings,
                           HttpError error, long bytesSent, long bytesReceived, List<HttpResponse> redirects,
                           boolean bodyTruncated, String protocol) {
    public static final String HTTP_1_1 = "HTTP/1.1";
    public static final String HTTP_2 = "HTTP/2.0";

    public HttpResponse {
        headers = List.copyOf(headers);
        redirects = List.copyOf(redirects);
        protocol = protocol == null ? "" : protocol;
    }

    /** A response of the time before HTTP/2: HTTP/1.1 when a status arrived. */
    public HttpResponse(URI url, int status, List<HttpHeader> headers, byte[] body, HttpTimings timings,
                        HttpError error, long bytesSent, long bytesReceived, List<HttpResponse> redirects,
                        boolean bodyTruncated) {
        this(url, status, headers, body, timings, error, bytesSent, bytesReceived, redirects, bodyTruncated,
                status > 0 ? HTTP_1_1 : "");
    }

    /** A response whose body is whole. */
    public HttpResponse(URI url, int status, List<HttpHeader> headers, byte[] body, HttpTimings timings,
                        HttpError error, long bytesSent, long bytesReceived, List<HttpResponse> redirects) {
        this(url, status, headers, body, timings, error, bytesSent, bytesReceived, redirects, false,
                status > 0 ? HTTP_1_1 : "");
    }

    /** The first header with this name (case-insensitive), or null. */
    public String header(String name) {
        for (HttpHeader h : headers) {
            if (h.is(name)) return h.value();
        }
        return null;
    }

    public boolean failed() {
        return error != null;
    }
}
