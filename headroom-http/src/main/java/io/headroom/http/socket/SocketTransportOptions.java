package io.headroom.http.socket;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Settings of a {@link SocketHttpTransport} shared by all its sessions. {@code sslContext} decides which
 * certificates are trusted when verification is on (null: the JDK's default trust store).
 * {@code dialTimeout} bounds one TCP connect on its own (k6's dialer uses 30 s; the request timeout still bounds
 * the whole exchange, whichever ends first). {@code idleCheckAfter}: a keep-alive connection idle for longer is
 * probed for a close by the server before it is reused (costs up to 1 ms, counted as blocked), so that a
 * non-idempotent request is not lost on a connection the server already dropped. {@code readBufferBytes} and
 * {@code writeBufferBytes} size each session's reusable buffers (they grow for large headers). {@code connectTo},
 * when not null, is where every connection goes whatever host and port its URL names (as curl's
 * {@code --connect-to}; the URL still gives the Host header and the TLS server name): the warm-up uses it to run a
 * plan's own requests against a responder on loopback.
 */
public record SocketTransportOptions(SSLContext sslContext, Duration dialTimeout, Duration idleCheckAfter,
                                     int readBufferBytes, int writeBufferBytes, InetSocketAddress connectTo) {
    public static final SocketTransportOptions DEFAULTS =
            new SocketTransportOptions(null, Duration.ofSeconds(30), Duration.ofSeconds(2), 8 * 1024, 4 * 1024, null);

    public SocketTransportOptions {
        Objects.requireNonNull(dialTimeout, "dialTimeout");
        Objects.requireNonNull(idleCheckAfter, "idleCheckAfter");
        if (dialTimeout.isNegative() || dialTimeout.isZero()) throw new IllegalArgumentException("dialTimeout must be > 0");
        if (idleCheckAfter.isNegative()) throw new IllegalArgumentException("idleCheckAfter must be >= 0");
        if (readBufferBytes < 512) throw new IllegalArgumentException("readBufferBytes must be >= 512");
        if (writeBufferBytes < 256) throw new IllegalArgumentException("writeBufferBytes must be >= 256");
        if (connectTo != null && connectTo.isUnresolved()) throw new IllegalArgumentException("connectTo must be resolved");
    }

    /** These options with a different trust for verified TLS (for example a test CA or a corporate one). */
    public SocketTransportOptions withSslContext(SSLContext context) {
        return new SocketTransportOptions(context, dialTimeout, idleCheckAfter, readBufferBytes, writeBufferBytes, connectTo);
    }

    public SocketTransportOptions withDialTimeout(Duration timeout) {
        return new SocketTransportOptions(sslContext, timeout, idleCheckAfter, readBufferBytes, writeBufferBytes, connectTo);
    }

    public SocketTransportOptions withIdleCheckAfter(Duration idle) {
        return new SocketTransportOptions(sslContext, dialTimeout, idle, readBufferBytes, writeBufferBytes, connectTo);
    }

    /** These options with every connection going to {@code address} (null: where each URL says). */
    public SocketTransportOptions withConnectTo(InetSocketAddress address) {
        return new SocketTransportOptions(sslContext, dialTimeout, idleCheckAfter, readBufferBytes, writeBufferBytes, address);
    }
}
