package io.headroom.http.socket;

import io.headroom.http.HttpSession;
import io.headroom.http.HttpSessionOptions;
import io.headroom.http.HttpTransport;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.util.Optional;
import java.security.NoSuchAlgorithmException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * HTTP/1.1 over blocking {@link java.net.Socket}s, written for virtual users that each run on their own virtual
 * thread: a blocking read parks the virtual thread, not a carrier, so plain sequential code is also the fast code.
 * Thread-safe; each {@link #newSession session} is one VU's client with its own keep-alive connections and cookies.
 *
 * <p>Why hand-written: on this kind of machine (DESIGN.md) the JDK's {@code java.net.http.HttpClient} called from
 * virtual threads reached about 25× fewer requests per CPU second than bare blocking socket reads and writes, and
 * Netty's asynchronous pipeline would hand every request over from the VU's virtual thread to an event loop and
 * the response back. Writing the request and parsing the response on the VU's own thread, through buffers the
 * session reuses, keeps the transport near the bare-socket figure.
 */
public final class SocketHttpTransport implements HttpTransport {
    final SocketTransportOptions options;
    final long dialTimeoutNanos;
    final long idleCheckAfterNanos;
    // Built on first https use: loading the default trust store costs start-up time a plain-http run need not pay.
    private volatile SSLSocketFactory verifyingTls;
    private volatile SSLSocketFactory trustingTls;
    final DeadlineWatchdog deadlines;
    /** Whether {@link #close()} stops {@link #deadlines}: not for a redirected copy, which shares its owner's. */
    private final boolean ownsDeadlines;

    public SocketHttpTransport() {
        this(SocketTransportOptions.DEFAULTS);
    }

    /** A transport that verifies certificates against {@code sslContext}'s trust (a private CA, for example). */
    public SocketHttpTransport(SSLContext sslContext) {
        this(SocketTransportOptions.DEFAULTS.withSslContext(sslContext));
    }

    public SocketHttpTransport(SocketTransportOptions options) {
        this(options, new DeadlineWatchdog(), true);
    }

    private SocketHttpTransport(SocketTransportOptions options, DeadlineWatchdog deadlines, boolean ownsDeadlines) {
        this.options = options;
        this.dialTimeoutNanos = options.dialTimeout().toNanos();
        this.idleCheckAfterNanos = options.idleCheckAfter().toNanos();
        this.deadlines = deadlines;
        this.ownsDeadlines = ownsDeadlines;
    }

    @Override
    public HttpSession newSession(HttpSessionOptions sessionOptions) {
        return new SocketHttpSession(this, sessionOptions != null ? sessionOptions : HttpSessionOptions.DEFAULTS);
    }

    /**
     * {@inheritDoc} It shares this transport's deadline watchdog (one thread, and for a warm-up the very state the
     * run's requests then meet: measured, a fresh watchdog's first wake-up in the run threw the compiled exchange
     * back to the interpreter); closing it leaves the watchdog running for this transport.
     */
    @Override
    public Optional<HttpTransport> redirectedTo(InetSocketAddress address) {
        return Optional.of(new SocketHttpTransport(options.withConnectTo(address), deadlines, false));
    }

    SSLSocketFactory tlsFactory(boolean skipVerification) {
        SSLSocketFactory factory = skipVerification ? trustingTls : verifyingTls;
        return factory != null ? factory : createTlsFactory(skipVerification);
    }

    private synchronized SSLSocketFactory createTlsFactory(boolean skipVerification) {
        try {
            if (skipVerification) {
                if (trustingTls == null) trustingTls = TrustEverything.newContext().getSocketFactory();
                return trustingTls;
            }
            if (verifyingTls == null) {
                SSLContext verifying = options.sslContext() != null ? options.sslContext() : SSLContext.getDefault();
                verifyingTls = verifying.getSocketFactory();
            }
            return verifyingTls;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM offers no TLS implementation: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** Stops the deadline watchdog; sessions close their own connections. */
    @Override
    public void close() {
        if (ownsDeadlines) deadlines.stop();
    }
}
