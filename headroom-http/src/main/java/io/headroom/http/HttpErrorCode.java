package io.headroom.http;

/**
 * Why an exchange failed, as one of k6's numeric error codes (k6 docs, "Error codes"; grafana/k6
 * {@code lib/netext/httpext/error_codes.go}), so that {@code http_req_failed{error_code}} means the same in
 * Headroom as in k6. Ranges: 1000–1099 general, 1100–1199 DNS, 1200–1299 TCP, 1300–1399 TLS, 1600–1699
 * HTTP/2, 1700–1799 content; 1800–1899 are Headroom's own, for responses k6 has no code for (a response past
 * one of the generator's limits, a redirect chain too long, a protocol switch nobody asked for), kept out of
 * k6's ranges so that a k6 code never means something else here. k6 has no dedicated code for a malformed
 * HTTP/1.1 response (Go reports it as a generic error), so neither do we: it is {@link #GENERIC} with a message
 * that starts with "malformed HTTP response". A closed set: a new failure kind is a constant here, with k6's
 * number where k6 has one.
 */
public enum HttpErrorCode {
    /** Anything not listed below: malformed responses, unexpected EOF, an interrupted exchange. */
    GENERIC(1000),
    /** A network error that is not TCP; kept for k6 parity, nothing raises it today. */
    NON_TCP_NETWORK(1010),
    /** The URL is not absolute http(s), has no host, or a redirect's Location cannot be followed. */
    INVALID_URL(1020),
    /** The whole exchange (connect, send, wait, receive) outlived its timeout. */
    REQUEST_TIMEOUT(1050),
    /** Name resolution failed for another reason than "no such host". */
    DNS(1100),
    /** The host name has no address. */
    DNS_NO_SUCH_HOST(1101),
    /** A TCP error after the connection was established that is not one of the ones below. */
    TCP(1200),
    /** Writing to a connection the peer had already closed. */
    TCP_BROKEN_PIPE(1201),
    /** Connecting failed for another reason than timeout or refusal (no route to host, ...). */
    TCP_DIAL(1210),
    /** Connecting took longer than the transport's dial timeout (the request timeout gives 1050). */
    TCP_DIAL_TIMEOUT(1211),
    /** Nothing listens on the port. */
    TCP_DIAL_REFUSED(1212),
    /** The peer reset the connection (RST). */
    TCP_RESET_BY_PEER(1220),
    /** A TLS failure not listed below. */
    TLS(1300),
    /** The peer does not speak TLS (for example plain HTTP on the port). */
    TLS_HEADER(1301),
    /** The server's certificate chain is not trusted. */
    TLS_UNKNOWN_AUTHORITY(1310),
    /** The certificate is trusted but is not for the host name in the URL. */
    TLS_HOSTNAME_MISMATCH(1311),
    /**
     * An HTTP/2 failure that is none of the three below, above all a server that does not speak HTTP/2 when the
     * request insists on it (h2c prior knowledge answered in HTTP/1.1, or no h2 by ALPN).
     */
    HTTP2(1600),
    /**
     * The server sent GOAWAY and this request's stream was not among those it will still answer. k6 adds 1 plus the
     * HTTP/2 error code to 1610; Headroom keeps 1610 and names the code in the message.
     */
    HTTP2_GOAWAY(1610),
    /** The server reset this request's stream (RST_STREAM); the HTTP/2 error code is in the message (k6: 1630 + 1 + code). */
    HTTP2_STREAM(1630),
    /** An HTTP/2 connection error (a protocol violation by the server); the code is in the message (k6: 1650 + 1 + code). */
    HTTP2_CONNECTION(1650),
    /** The body's Content-Encoding could not be decoded. */
    RESPONSE_DECOMPRESSION(1701),
    /** The response's header section (status line and header fields, or the trailer section) is larger than the limit. */
    RESPONSE_HEADER_TOO_LARGE(1801),
    /** The response has more header fields (or trailer fields) than the limit. */
    RESPONSE_TOO_MANY_HEADERS(1802),
    /** A redirect chain went on past the request's redirect limit (a positive {@code maxRedirects}). */
    TOO_MANY_REDIRECTS(1810),
    /** {@code 101 Switching Protocols} to a request that asked for no upgrade: what follows is not HTTP/1.1. */
    UNEXPECTED_PROTOCOL_SWITCH(1820);

    private final int number;

    HttpErrorCode(int number) {
        this.number = number;
    }

    /** k6's number for this code, e.g. 1212; the {@code error_code} tag's value. */
    public int number() {
        return number;
    }
}
