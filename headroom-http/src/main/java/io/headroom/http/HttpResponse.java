package io.headroom.http;

import java.net.URI;
import java.util.List;

/**
 * The outcome of one exchange: a response, or a failure as data. When the exchange failed
 * ({@code error != null}) the status is 0 and the body empty. {@code url} is the URL this response
 * came from (after redirects: the last hop's URL). {@code redirects} holds the earlier hops of a
 * followed redirect chain, oldest first, each with its own timings, so that every hop can be
 * recorded as its own request like k6 does. {@code bytesSent}/{@code bytesReceived} count the wire
 * bytes of this hop, headers included.
 */
public record HttpResponse(URI url, int status, List<HttpHeader> headers, byte[] body, HttpTimings timings,
                           HttpError error, long bytesSent, long bytesReceived, List<HttpResponse> redirects) {
    public HttpResponse {
        headers = List.copyOf(headers);
        redirects = List.copyOf(redirects);
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
