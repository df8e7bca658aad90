package io.headroom.http.socket;

import java.io.IOException;

/** The bytes received are not an HTTP/1.1 response (RFC 9112); no stack trace, it becomes an error code. */
final class MalformedResponseException extends IOException {
    MalformedResponseException(String detail) {
        super("malformed HTTP response: " + detail, null);
    }

    @Override
    public Throwable fillInStackTrace() {
        return this;
    }
}
