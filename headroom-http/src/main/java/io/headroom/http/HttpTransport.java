package io.headroom.http;

/**
 * A way of speaking HTTP, behind which the implementation can change (blocking sockets on virtual
 * threads, Netty, ...). Creates one {@link HttpSession} per virtual user. Thread-safe.
 */
public interface HttpTransport extends AutoCloseable {
    HttpSession newSession(HttpSessionOptions options);

    @Override
    default void close() {}
}
