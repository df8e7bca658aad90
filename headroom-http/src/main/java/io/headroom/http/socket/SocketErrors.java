package io.headroom.http.socket;

import io.headroom.http.HttpError;
import io.headroom.http.HttpErrorCode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Locale;
import java.util.zip.ZipException;
import javax.net.ssl.SSLException;

/**
 * Maps the JDK's socket and TLS exceptions to k6's error codes ({@link HttpErrorCode}) with short messages in
 * k6's words. The JDK reports most network failures through exception type plus message text (there is no errno
 * API), so some checks read the message; they fall back to the generic code of the phase's range when the text
 * is unknown. Stateless.
 */
final class SocketErrors {
    /** Where in the exchange a failure happened; the same exception means different things in different phases. */
    enum Phase { DNS, CONNECT, TLS, WRITE, READ }

    static final HttpError INTERRUPTED = new HttpError(HttpErrorCode.GENERIC, "request interrupted");
    static final HttpError REQUEST_TIMEOUT = new HttpError(HttpErrorCode.REQUEST_TIMEOUT, "request timeout");
    static final HttpError SESSION_CLOSED = new HttpError(HttpErrorCode.GENERIC, "session closed");

    private SocketErrors() {}

    /**
     * The error for {@code e} raised in {@code phase} against {@code target} ("host:port");
     * {@code dialTimeoutWasTheLimit} tells whether a connect timed out on the transport's dial timeout (1211)
     * rather than on the request deadline (1050).
     */
    static HttpError classify(IOException e, Phase phase, String target, boolean dialTimeoutWasTheLimit) {
        if (Thread.currentThread().isInterrupted()) return INTERRUPTED;
        if (e instanceof ExchangeFailure failure) return failure.error;
        return switch (phase) {
            case DNS -> dns(e, target);
            case CONNECT -> connect(e, target, dialTimeoutWasTheLimit);
            case TLS -> tls(e, target);
            case WRITE -> transfer(e, "write");
            case READ -> transfer(e, "read");
        };
    }

    private static HttpError dns(IOException e, String host) {
        String message = lower(e.getMessage());
        if (e instanceof UnknownHostException && (message.contains("temporary failure") || message.contains("try again"))) {
            return new HttpError(HttpErrorCode.DNS, "lookup " + host + ": temporary failure in name resolution");
        }
        if (e instanceof UnknownHostException) {
            return new HttpError(HttpErrorCode.DNS_NO_SUCH_HOST, "lookup " + host + ": no such host");
        }
        return new HttpError(HttpErrorCode.DNS, "lookup " + host + ": " + e.getMessage());
    }

    private static HttpError connect(IOException e, String target, boolean dialTimeoutWasTheLimit) {
        if (e instanceof SocketTimeoutException) {
            return dialTimeoutWasTheLimit
                    ? new HttpError(HttpErrorCode.TCP_DIAL_TIMEOUT, "dial tcp " + target + ": i/o timeout")
                    : REQUEST_TIMEOUT;
        }
        String message = lower(e.getMessage());
        if (e instanceof ConnectException && message.contains("refused")) {
            return new HttpError(HttpErrorCode.TCP_DIAL_REFUSED, "dial tcp " + target + ": connection refused");
        }
        if (e instanceof NoRouteToHostException) {
            return new HttpError(HttpErrorCode.TCP_DIAL, "dial tcp " + target + ": no route to host");
        }
        return new HttpError(HttpErrorCode.TCP_DIAL, "dial tcp " + target + ": " + e.getMessage());
    }

    private static HttpError tls(IOException e, String target) {
        if (e instanceof SocketTimeoutException) return REQUEST_TIMEOUT;
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = lower(t.getMessage());
            if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException
                    || message.contains("unable to find valid certification path")) {
                return new HttpError(HttpErrorCode.TLS_UNKNOWN_AUTHORITY,
                        "x509: certificate signed by unknown authority (" + target + ")");
            }
            if (t instanceof CertificateException && (message.contains("no subject alternative")
                    || message.contains("no name matching") || message.contains("doesn't match"))) {
                return new HttpError(HttpErrorCode.TLS_HOSTNAME_MISMATCH,
                        "x509: certificate is not valid for " + target);
            }
            if (t instanceof SSLException && message.contains("unsupported or unrecognized ssl message")) {
                return new HttpError(HttpErrorCode.TLS_HEADER,
                        "tls: first record does not look like a TLS handshake (" + target + ")");
            }
        }
        if (e instanceof SSLException) {
            return new HttpError(HttpErrorCode.TLS, "tls handshake with " + target + ": " + e.getMessage());
        }
        return transfer(e, "tls handshake");
    }

    private static HttpError transfer(IOException e, String operation) {
        if (e instanceof SocketTimeoutException) return REQUEST_TIMEOUT;
        if (e instanceof MalformedResponseException) return new HttpError(HttpErrorCode.GENERIC, e.getMessage());
        if (e instanceof UnexpectedEofException) return new HttpError(HttpErrorCode.GENERIC, e.getMessage());
        if (e instanceof ZipException) {
            return new HttpError(HttpErrorCode.RESPONSE_DECOMPRESSION, "failed to decompress response body: "
                    + e.getMessage());
        }
        String message = lower(e.getMessage());
        if (message.contains("connection reset")) {
            return new HttpError(HttpErrorCode.TCP_RESET_BY_PEER, operation + ": connection reset by peer");
        }
        if (message.contains("broken pipe")) {
            return new HttpError(HttpErrorCode.TCP_BROKEN_PIPE, operation + ": broken pipe");
        }
        if (e instanceof SSLException) {
            return new HttpError(HttpErrorCode.TLS, "tls: " + e.getMessage());
        }
        if (e instanceof SocketException) {
            return new HttpError(HttpErrorCode.TCP, operation + ": " + e.getMessage());
        }
        return new HttpError(HttpErrorCode.GENERIC, operation + ": " + e.getMessage());
    }

    /** Whether {@code e} looks like a connection the peer had closed or reset (a stale keep-alive connection). */
    static boolean isConnectionLoss(IOException e) {
        if (e instanceof UnexpectedEofException eof) return eof.beforeAnyByte;
        if (e instanceof SocketTimeoutException || e instanceof MalformedResponseException) return false;
        String message = lower(e.getMessage());
        return message.contains("connection reset") || message.contains("broken pipe")
                || message.contains("connection closed") || message.contains("socket closed")
                || e instanceof SSLException && message.contains("closed");
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
