package io.headroom.http;

/**
 * One virtual user's HTTP client: its own keep-alive connections and cookie jar (k6 semantics), used
 * from one thread (the VU's virtual thread) at a time. {@link #send} blocks until the exchange ends and
 * never throws for network or protocol failures: they come back as {@link HttpResponse#error()}.
 */
public interface HttpSession extends AutoCloseable {
    HttpResponse send(HttpRequest request);

    /**
     * Sends all {@code requests} and returns their responses in the same order (k6's {@code http.batch}). Requests
     * that go over HTTP/2 to one origin share its connection as concurrent streams, as many at once as the server
     * allows; HTTP/1.1 requests to one origin go out at once on parallel connections (at most six, k6's
     * batchPerHost, in the socket transport). Like {@link #send}, never throws for network failures. This default
     * sends them one after another.
     */
    default java.util.List<HttpResponse> sendAll(java.util.List<HttpRequest> requests) {
        java.util.ArrayList<HttpResponse> out = new java.util.ArrayList<>(requests.size());
        for (HttpRequest r : requests) out.add(send(r));
        return out;
    }

    /** Closes this session's connections. */
    @Override
    void close();
}
