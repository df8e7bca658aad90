package io.headroom.http;

/**
 * One virtual user's HTTP client: its own keep-alive connections and cookie jar (k6 semantics), used
 * from one thread (the VU's virtual thread) at a time. {@link #send} blocks until the exchange ends and
 * never throws for network or protocol failures: they come back as {@link HttpResponse#error()}.
 */
public interface HttpSession extends AutoCloseable {
    HttpResponse send(HttpRequest request);

    /** Closes this session's connections. */
    @Override
    void close();
}
