package io.headroom.http.socket;

import io.headroom.http.HttpSession;
import io.headroom.http.HttpSessionOptions;
import io.headroom.http.HttpTransport;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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
    /** Requests larger than this are written under a watchdog that closes the socket at the deadline. */
    static final int GUARDED_WRITE_BYTES = 64 * 1024;

    final SocketTransportOptions options;
    final long dialTimeoutNanos;
    final long idleCheckAfterNanos;
    private final SSLSocketFactory verifyingTls;
    private final SSLSocketFactory trustingTls;
    private final AtomicReference<ScheduledExecutorService> writeWatchdog = new AtomicReference<>();

    public SocketHttpTransport() {
        this(SocketTransportOptions.DEFAULTS);
    }

    /** A transport that verifies certificates against {@code sslContext}'s trust (a private CA, for example). */
    public SocketHttpTransport(SSLContext sslContext) {
        this(SocketTransportOptions.DEFAULTS.withSslContext(sslContext));
    }

    public SocketHttpTransport(SocketTransportOptions options) {
        this.options = options;
        this.dialTimeoutNanos = options.dialTimeout().toNanos();
        this.idleCheckAfterNanos = options.idleCheckAfter().toNanos();
        try {
            SSLContext verifying = options.sslContext() != null ? options.sslContext() : SSLContext.getDefault();
            this.verifyingTls = verifying.getSocketFactory();
            this.trustingTls = TrustEverything.newContext().getSocketFactory();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM offers no TLS implementation: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    @Override
    public HttpSession newSession(HttpSessionOptions sessionOptions) {
        return new SocketHttpSession(this, sessionOptions != null ? sessionOptions : HttpSessionOptions.DEFAULTS);
    }

    SSLSocketFactory tlsFactory(boolean skipVerification) {
        return skipVerification ? trustingTls : verifyingTls;
    }

    /**
     * Closes {@code connection} when {@code delayNanos} have passed unless the returned handle is cancelled first:
     * SO_TIMEOUT bounds reads only, so a large request body stuck behind a server that stopped reading needs this.
     */
    ScheduledFuture<?> closeAfter(Http1Connection connection, long delayNanos) {
        ScheduledExecutorService watchdog = writeWatchdog.get();
        if (watchdog == null) {
            ScheduledThreadPoolExecutor created = new ScheduledThreadPoolExecutor(1, runnable -> {
                Thread t = new Thread(runnable, "headroom-http-write-watchdog");
                t.setDaemon(true);
                return t;
            });
            created.setRemoveOnCancelPolicy(true);
            if (writeWatchdog.compareAndSet(null, created)) {
                watchdog = created;
            } else {
                created.shutdownNow();
                watchdog = writeWatchdog.get();
            }
        }
        return watchdog.schedule(connection::abort, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    }

    /** Stops the write watchdog; sessions close their own connections. */
    @Override
    public void close() {
        ScheduledExecutorService watchdog = writeWatchdog.getAndSet(null);
        if (watchdog != null) watchdog.shutdownNow();
    }
}
