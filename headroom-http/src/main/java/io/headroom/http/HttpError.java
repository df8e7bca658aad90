package io.headroom.http;

/**
 * Why an exchange failed, with k6's numeric error code (k6 docs, "Error codes": 1000 generic, 1050
 * request timeout, 11xx DNS, 12xx TCP such as 1212 connection refused and 1220 reset by peer, 13xx TLS,
 * 16xx HTTP/1.1 protocol) and a human message. Failures are data, never exceptions.
 */
public record HttpError(int code, String message) {}
