package io.headroom.http.socket;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One keep-alive connection to one origin (scheme, host, port), plain or TLS, owned by one session and used by its
 * thread only: HTTP/1.1 as it is, or the socket under an {@link Http2Connection} when ALPN chose h2 (or the plan
 * asked for h2c). Reads and writes block without a timeout: the transport's {@link DeadlineWatchdog}
 * closes the socket under an exchange that passes its deadline.
 */
final class Http1Connection {
    /** Caps a single read so that the JDK's per-carrier temporary direct buffer stays small for huge bodies. */
    static final int MAX_READ_CHUNK_BYTES = 64 * 1024;
    /** Marks an exchange without deadline. */
    static final long NO_DEADLINE = Long.MAX_VALUE;

    final boolean https;
    final String host;
    final int port;
    private final WireCountingSocket wire;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private boolean open = true;
    /** What ALPN agreed on ("h2", "http/1.1"), or "" for plain TCP or a server that chose nothing. */
    final String applicationProtocol;
    long idleSinceNanos;
    int exchanges;

    private Http1Connection(Target target, WireCountingSocket wire, Socket socket, String applicationProtocol)
            throws IOException {
        this.applicationProtocol = applicationProtocol == null ? "" : applicationProtocol;
        this.https = target.https();
        this.host = target.host();
        this.port = target.port();
        this.wire = wire;
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /**
     * Resolves, connects (trying each address of the host in turn, or only {@code connectTo} when not null) and for
     * https handshakes, recording the phase instants in {@code timer}; failures come back as {@link ExchangeFailure}
     * with their k6 code. {@code alpn} is what TLS offers the server, in order of preference.
     */
    static Http1Connection open(Target target, InetSocketAddress connectTo, long deadlineNanos, long dialTimeoutNanos,
                                SSLSocketFactory tlsFactory, boolean verifyTls, ExchangeTimer timer, String[] alpn)
            throws ExchangeFailure {
        InetAddress[] addresses;
        int port = connectTo == null ? target.port() : connectTo.getPort();
        try {
            addresses = connectTo == null ? InetAddress.getAllByName(target.host())
                    : new InetAddress[]{connectTo.getAddress()};
        } catch (UnknownHostException e) {
            throw new ExchangeFailure(SocketErrors.classify(e, SocketErrors.Phase.DNS, target.host(), false), false);
        }
        timer.connectStart = System.nanoTime();
        WireCountingSocket wire = null;
        IOException lastFailure = null;
        boolean dialTimeoutWasTheLimit = false;
        for (InetAddress address : addresses) {
            long remainingNanos = deadlineNanos == NO_DEADLINE ? Long.MAX_VALUE : deadlineNanos - System.nanoTime();
            if (remainingNanos <= 0) throw new ExchangeFailure(SocketErrors.REQUEST_TIMEOUT, false);
            dialTimeoutWasTheLimit = dialTimeoutNanos <= remainingNanos;
            long boundNanos = Math.min(dialTimeoutNanos, remainingNanos);
            WireCountingSocket candidate = new WireCountingSocket();
            try {
                candidate.setTcpNoDelay(true);
                candidate.connect(new InetSocketAddress(address, port), millisCeil(boundNanos));
                wire = candidate;
                break;
            } catch (IOException e) {
                closeQuietly(candidate);
                lastFailure = e;
                if (Thread.currentThread().isInterrupted()) break;
            }
        }
        if (wire == null) {
            IOException failure = lastFailure != null ? lastFailure : new UnknownHostException(target.host());
            throw new ExchangeFailure(SocketErrors.classify(failure, SocketErrors.Phase.CONNECT,
                    target.authority(), dialTimeoutWasTheLimit), false);
        }
        timer.connectEnd = System.nanoTime();
        if (!target.https()) {
            try {
                return new Http1Connection(target, wire, wire, "");
            } catch (IOException e) {
                closeQuietly(wire);
                throw new ExchangeFailure(SocketErrors.classify(e, SocketErrors.Phase.CONNECT, target.authority(),
                        false), false);
            }
        }
        timer.tlsStart = timer.connectEnd;
        SSLSocket tls = null;
        try {
            tls = (SSLSocket) tlsFactory.createSocket(wire, target.host(), target.port(), true);
            SSLParameters parameters = tls.getSSLParameters();
            // Hostname verification (RFC 2818 / RFC 6125) is off in a bare SSLSocket; turn it on unless skipped.
            parameters.setEndpointIdentificationAlgorithm(verifyTls ? "HTTPS" : null);
            if (!target.hostIsIpLiteral()) {
                try {
                    parameters.setServerNames(List.of(new SNIHostName(target.host())));
                } catch (IllegalArgumentException notAValidSniName) {
                    // e.g. an underscore in the name: connect without SNI, as Go does for such names.
                }
            }
            parameters.setApplicationProtocols(alpn);
            tls.setSSLParameters(parameters);
            long remainingNanos = deadlineNanos == NO_DEADLINE ? 0 : deadlineNanos - System.nanoTime();
            if (deadlineNanos != NO_DEADLINE && remainingNanos <= 0) {
                throw new ExchangeFailure(SocketErrors.REQUEST_TIMEOUT, false);
            }
            tls.setSoTimeout(deadlineNanos == NO_DEADLINE ? 0 : millisCeil(remainingNanos));
            tls.startHandshake();
            tls.setSoTimeout(0); // from here on the deadline watchdog bounds the exchange
            timer.tlsEnd = System.nanoTime();
            return new Http1Connection(target, wire, tls, tls.getApplicationProtocol());
        } catch (ExchangeFailure e) {
            closeQuietly(tls != null ? tls : wire);
            throw e;
        } catch (IOException e) {
            closeQuietly(tls != null ? tls : wire);
            throw new ExchangeFailure(SocketErrors.classify(e, SocketErrors.Phase.TLS, target.authority(), false),
                    false);
        }
    }

    boolean matches(boolean https, String host, int port) {
        return this.port == port && this.https == https && this.host.equals(host);
    }

    boolean isOpen() {
        return open;
    }

    long bytesRead() {
        return wire.bytesRead;
    }

    long bytesWritten() {
        return wire.bytesWritten;
    }

    /**
     * Reads up to {@code len} bytes; -1 at EOF. The read itself is untimed (a timed read on a virtual thread costs a
     * timer task per call): the deadline watchdog ends it by closing the socket.
     *
     * @throws SocketTimeoutException when the deadline has passed already
     */
    int read(byte[] buffer, int offset, int len, long deadlineNanos) throws IOException {
        if (deadlineNanos != NO_DEADLINE && deadlineNanos - System.nanoTime() <= 0) {
            throw new SocketTimeoutException("request timeout");
        }
        return in.read(buffer, offset, Math.min(len, MAX_READ_CHUNK_BYTES));
    }

    void write(byte[] buffer, int offset, int len) throws IOException {
        out.write(buffer, offset, len);
    }

    void flush() throws IOException {
        out.flush();
    }

    /**
     * Whether an idle connection still looks usable: a read that waits 1 ms sees EOF or a reset when the server
     * closed it meanwhile (any unsolicited bytes make it unusable too). Uses {@code scratch} as read space.
     */
    boolean stillOpenAfterIdle(byte[] scratch) {
        try {
            socket.setSoTimeout(1);
            in.read(scratch, 0, scratch.length);
            return false; // EOF or bytes nobody asked for: either way not a clean keep-alive connection
        } catch (SocketTimeoutException quietIsGood) {
            if (Thread.currentThread().isInterrupted()) return false;
            try {
                socket.setSoTimeout(0);
                return true;
            } catch (IOException closed) {
                return false;
            }
        } catch (IOException closedOrReset) {
            return false;
        }
    }

    /**
     * Reads what already arrived, waiting at most 1 ms: the bytes read, 0 when nothing came, -1 at EOF or on a
     * reset. An HTTP/2 connection idle for a while feeds these to its codec (a GOAWAY or PING may be waiting).
     */
    int readArrived(byte[] buffer) {
        try {
            socket.setSoTimeout(1);
            int n = in.read(buffer, 0, buffer.length);
            socket.setSoTimeout(0);
            return n;
        } catch (SocketTimeoutException quiet) {
            try {
                socket.setSoTimeout(0);
                return Thread.currentThread().isInterrupted() ? -1 : 0;
            } catch (IOException closed) {
                return -1;
            }
        } catch (IOException closedOrReset) {
            return -1;
        }
    }

    /**
     * Closes the TCP socket under the connection from another thread (the deadline watchdog). The TLS layer is
     * bypassed on purpose: its close would wait for the write lock that the stuck writer holds.
     */
    void abort() {
        closeQuietly(wire);
    }

    void close() {
        if (!open) return;
        open = false;
        closeQuietly(socket);
    }

    private static int millisCeil(long nanos) {
        long millis = (nanos + 999_999) / 1_000_000;
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, millis));
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // Closing is best effort; the connection is dropped either way.
        }
    }
}
