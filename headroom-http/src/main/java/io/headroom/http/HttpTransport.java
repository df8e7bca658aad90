package io.headroom.http;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * A way of speaking HTTP, behind which the implementation can change (blocking sockets on virtual
 * threads, Netty, ...). Creates one {@link HttpSession} per virtual user. Thread-safe.
 */
public interface HttpTransport extends AutoCloseable {
    HttpSession newSession(HttpSessionOptions options);

    /**
     * A new transport of the same kind and settings whose every connection goes to {@code address}, whatever host
     * and port a request's URL names (the URL still gives the Host header); empty when this kind cannot. The caller
     * closes it. Used by the warm-up to run a plan's own requests, through the same code, against a loopback
     * responder instead of the target.
     */
    default Optional<HttpTransport> redirectedTo(InetSocketAddress address) {
        return Optional.empty();
    }

    @Override
    default void close() {}
}
